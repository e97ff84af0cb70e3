import { intoLanes } from '../domain/delivery/lanes';
import { isOutage, retryDecision } from '../domain/delivery/retry-policy';
import { DeliveryError } from '../ports/messenger';
import { ClaimedMessage, OutboxKind, Store } from '../ports/store';
import { DeliveryMap, dispatch } from '../ports/outbox-topics';
import { Clock } from '../ports/clock';
import { startOutboxPipeline } from './outbox-pipeline';

/** Delivers one message, or throws (a DeliveryError says whether retrying can help). */
export type Deliver = (message: ClaimedMessage) => Promise<void>;

/** A Deliver from a kind's delivery map; a message of a topic the map does not hold is dead-lettered, naming it. */
export function deliverTopics<K extends OutboxKind>(map: DeliveryMap<K>, what: string): Deliver {
  return async (message) => {
    const delivered = dispatch(map, message);
    if (!delivered) throw new DeliveryError(`no ${what} delivery for ${message.topic}`, undefined, undefined, true);
    await delivered;
  };
}

export interface OutboxWorkerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly deliver: Deliver;
  /** Which kinds this worker delivers (cards, mail, calendar writes may have different workers). */
  readonly kinds: readonly OutboxKind[];
  readonly workerId: string;
  readonly batchSize?: number;
  /** How many lanes (recipients, chats, cases) are delivered to at once; each lane keeps its order. */
  readonly lanes?: number;
  /** After this long a claim is presumed dead (its process crashed) and the message is taken over. */
  readonly leaseMs?: number;
  readonly random?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
  /**
   * Told of each delivery that failed because its service is down (see isOutage) and will be tried
   * again, with how long the message has waited since its state change queued it (the chair is warned of one a deadline depends on, see
   * delivery-at-risk). A failure here is logged; it never stops the worker.
   */
  readonly stillWaiting?: (message: ClaimedMessage, waitedMs: number) => Promise<void>;
}

export interface BatchResult {
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
}

/**
 * Claims a batch of due messages and delivers them: delivered ones are marked so; failures are
 * retried with backoff, jitter and Retry-After, or dead-lettered when retrying cannot help.
 * Messages are claimed in the database, so several instances never deliver the same one at once.
 * Each recipient's messages go in order; different recipients' go side by side (see laneOf).
 */
export async function deliverBatch(deps: OutboxWorkerDeps): Promise<BatchResult> {
  const claimed = await deps.store.outbox.claim(deps.workerId, deps.clock.now(), deps.batchSize ?? 20, deps.leaseMs ?? 120_000, deps.kinds);
  const outcomes: Outcome[] = [];
  const waiting = intoLanes(claimed);
  const runLanes = async () => {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) for (const message of lane) outcomes.push(await deliverOne(deps, message));
  };
  await Promise.all(Array.from({ length: Math.min(deps.lanes ?? 8, waiting.length) }, runLanes));
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  return { delivered: count('delivered'), retrying: count('retrying'), dead: count('dead') };
}

type Outcome = 'delivered' | 'retrying' | 'dead';

async function deliverOne(deps: OutboxWorkerDeps, message: ClaimedMessage): Promise<Outcome> {
  // A slow send (a 429 backoff, Graph taking its time) renews the lease, so no other worker takes
  // the message over and sends it a second time while this one is still in flight.
  const leaseMs = deps.leaseMs ?? 120_000;
  const keepAlive = setInterval(
    () => {
      deps.store.outbox.extend(message.id, deps.workerId, deps.clock.now()).catch((e: unknown) => deps.log?.('could not renew an outbox lease', e));
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  keepAlive.unref();
  try {
    await deps.deliver(message);
    clearInterval(keepAlive);
    // Fenced: if the lease was lost anyway, the new holder records the outcome, not this worker.
    if (!(await deps.store.outbox.delivered(message.id, deps.clock.now(), deps.workerId)))
      deps.log?.(`outbox message ${message.id} (${message.topic}) was delivered after its claim passed to another worker`);
    return 'delivered';
  } catch (e) {
    clearInterval(keepAlive);
    const failure = e instanceof DeliveryError ? e : undefined;
    if (!failure) deps.log?.(`delivering ${message.topic} failed unexpectedly`, e);
    const now = Date.parse(deps.clock.now());
    const waitedMs = now - Date.parse(message.queuedAt);
    const decision = failure?.permanent
      ? { retry: false }
      : retryDecision({
          ...(failure?.status !== undefined ? { status: failure.status } : {}),
          ...(failure?.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
          attempts: message.attempts,
          now,
          random: deps.random ?? Math.random,
          ageMs: waitedMs,
        });
    const reason = `${message.topic}: ${(e as Error).message}`.slice(0, 500);
    await deps.store.outbox.failed(
      message.id,
      reason,
      decision.retry && decision.at !== undefined ? new Date(decision.at).toISOString() : undefined,
      deps.workerId,
    );
    const down = failure
      ? isOutage({
          ...(failure.status !== undefined ? { status: failure.status } : {}),
          ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
        })
      : false;
    if (decision.retry && down && deps.stillWaiting)
      await deps.stillWaiting(message, waitedMs).catch((x: unknown) => deps.log?.(`could not warn of ${message.topic} waiting`, x));
    return decision.retry ? 'retrying' : 'dead';
  }
}

/**
 * Delivers until stopped: continuously while there is work, each lane on its own (see
 * startOutboxPipeline), then asking every `idleMs`.
 */
export function startOutboxWorker(deps: OutboxWorkerDeps, idleMs = 2_000): { stop(): Promise<void> } {
  return startOutboxPipeline(deps, (message) => deliverOne(deps, message), idleMs);
}
