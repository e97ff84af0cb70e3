import { laneOf } from '../domain/delivery/lanes';
import { ClaimedMessage, OutboxKind, Store } from '../ports/store';
import { Clock } from '../ports/clock';

export interface PipelineDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly kinds: readonly OutboxKind[];
  readonly workerId: string;
  /** How many messages are held at most: claimed, waiting for their lane or being delivered. */
  readonly batchSize?: number;
  /** How many lanes are delivered to at once. */
  readonly lanes?: number;
  readonly leaseMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * Delivers the outbox continuously: each lane (a recipient, a chat, a case) delivers its messages
 * one at a time and in order, and as soon as a lane is free it takes the next message in hand; more
 * are claimed once half of those in hand are done. No lane waits for another: a chat that Teams'
 * limits hold back for seconds (a chair with a card from each of ten core groups) holds up only its
 * own cards, where a claim-a-batch-and-wait-for-all loop made every other recipient wait with it.
 * Messages waiting in hand keep their claim alive, so no other worker takes them over meanwhile.
 */
export function startOutboxPipeline(deps: PipelineDeps, deliverOne: (message: ClaimedMessage) => Promise<unknown>, idleMs: number): { stop(): Promise<void> } {
  const batchSize = deps.batchSize ?? 20;
  const lanes = deps.lanes ?? 8;
  const leaseMs = deps.leaseMs ?? 120_000;
  // Messages in hand not yet started, by lane, lanes in the order their first message came.
  const waiting = new Map<string, ClaimedMessage[]>();
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let held = 0;
  let claiming: Promise<void> | undefined;
  let stopped = false;
  let nextClaimAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const startLanes = () => {
    // Stopping: nothing more is started. What is held but not begun stays claimed until its lease
    // runs out, then the next worker takes it (fenced: it is never delivered twice). A stop waits for
    // the sends in progress only, not for a queue behind a chat Teams is holding back.
    if (stopped) return;
    for (const [lane, queue] of waiting) {
      if (busy.size >= lanes) return;
      if (busy.has(lane)) continue;
      const message = queue.shift();
      if (queue.length === 0) waiting.delete(lane);
      if (!message) continue;
      busy.add(lane);
      const done: Promise<void> = deliverOne(message)
        .then(
          () => undefined,
          (e: unknown) => deps.log?.(`delivering ${message.topic} failed unexpectedly`, e),
        )
        .finally(() => {
          busy.delete(lane);
          held -= 1;
          inFlight.delete(done);
          startLanes();
          claimSoon();
        });
      inFlight.add(done);
    }
  };

  const claim = async () => {
    const claimed = await deps.store.outbox.claim(deps.workerId, deps.clock.now(), batchSize - held, leaseMs, deps.kinds);
    // Nothing due: ask again after idleMs (or when a message is done, whichever is later).
    nextClaimAt = claimed.length === 0 ? Date.now() + idleMs : 0;
    held += claimed.length;
    for (const message of claimed) {
      const lane = laneOf(message);
      const queue = waiting.get(lane);
      if (queue) queue.push(message);
      else waiting.set(lane, [message]);
    }
    startLanes();
  };

  function claimSoon(): void {
    if (stopped || claiming || held > batchSize / 2) return;
    const wait = nextClaimAt - Date.now();
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = undefined;
        claimSoon();
      }, wait);
      return;
    }
    claiming = claim()
      .catch((e: unknown) => {
        deps.log?.('outbox claim failed', e);
        nextClaimAt = Date.now() + idleMs;
      })
      .finally(() => {
        claiming = undefined;
        claimSoon();
      });
  }

  // Messages waiting in hand for their lane are not being delivered yet, so deliverOne does not
  // renew their claim: renew it here, as for a slow send.
  const keepAlive = setInterval(
    () => {
      for (const queue of waiting.values())
        for (const m of queue)
          deps.store.outbox.extend(m.id, deps.workerId, deps.clock.now()).catch((e: unknown) => deps.log?.('could not renew an outbox lease', e));
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  keepAlive.unref();

  claimSoon();
  return {
    async stop() {
      // No more claims and no more starts; the sends in progress finish.
      stopped = true;
      if (timer) clearTimeout(timer);
      await claiming;
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      clearInterval(keepAlive);
    },
  };
}
