import { retryDecision } from '../domain/delivery/retry-policy';
import { DeliveryError } from '../ports/messenger';
import { ClaimedMessage, OutboxKind, Store } from '../ports/store';
import { Clock } from '../ports/clock';

/** Delivers one message, or throws (a DeliveryError says whether retrying can help). */
export type Deliver = (message: ClaimedMessage) => Promise<void>;

export interface OutboxWorkerDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly deliver: Deliver;
  /** Which kinds this worker delivers (cards, mail, calendar writes may have different workers). */
  readonly kinds: readonly OutboxKind[];
  readonly workerId: string;
  readonly batchSize?: number;
  /** After this long a claim is presumed dead (its process crashed) and the message is taken over. */
  readonly leaseMs?: number;
  readonly random?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface BatchResult {
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
}

/**
 * Claims a batch of due messages and delivers each: delivered ones are marked so; failures are
 * retried with backoff, jitter and Retry-After, or dead-lettered when retrying cannot help.
 * Messages are claimed in the database, so several instances never deliver the same one at once.
 */
export async function deliverBatch(deps: OutboxWorkerDeps): Promise<BatchResult> {
  const now = deps.clock.now();
  const claimed = await deps.store.outbox.claim(deps.workerId, now, deps.batchSize ?? 20, deps.leaseMs ?? 120_000, deps.kinds);
  let delivered = 0;
  let retrying = 0;
  let dead = 0;
  for (const message of claimed) {
    try {
      await deps.deliver(message);
      await deps.store.outbox.delivered(message.id, deps.clock.now());
      delivered += 1;
    } catch (e) {
      const failure = e instanceof DeliveryError ? e : undefined;
      if (!failure) deps.log?.(`delivering ${message.topic} failed unexpectedly`, e);
      const decision = failure?.permanent
        ? { retry: false }
        : retryDecision({ ...(failure?.status !== undefined ? { status: failure.status } : {}), ...(failure?.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}), attempts: message.attempts, now: Date.parse(deps.clock.now()), random: deps.random ?? Math.random });
      const reason = `${message.topic}: ${(e as Error).message}`.slice(0, 500);
      await deps.store.outbox.failed(message.id, reason, decision.retry && decision.at !== undefined ? new Date(decision.at).toISOString() : undefined);
      if (decision.retry) retrying += 1;
      else dead += 1;
    }
  }
  return { delivered, retrying, dead };
}

/** Runs batches until stopped: immediately while there is work, then every `idleMs`. */
export function startOutboxWorker(deps: OutboxWorkerDeps, idleMs = 2_000): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = deliverBatch(deps).then(
      (r) => {
        if (!stopped) timer = setTimeout(tick, r.delivered + r.retrying + r.dead > 0 ? 0 : idleMs);
      },
      (e: unknown) => {
        deps.log?.('outbox batch failed', e);
        if (!stopped) timer = setTimeout(tick, idleMs);
      },
    );
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
