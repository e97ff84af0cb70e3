import { SendLimiter } from '../../src/domain/delivery/rate-limits';

export interface PacingClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const realPacingClock: PacingClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Sends once Teams' limits allow it, and keeps the time the send really went, not the time it was
 * booked for. A timer fires late on a busy event loop, and a send booked for a moment reaches Teams
 * later; Teams counts it when it arrives. So a sender that slept books again from the moment it
 * woke (earlier sends may have gone later than booked, filling the window it was booked into), and
 * a send is kept at the moment its answer came, the latest Teams can have counted it: the next send
 * is then paced from when Teams saw this one, and is not refused at a window's edge.
 */
export async function pacedSend<T>(limiter: SendLimiter, conversation: string, tenant: string, send: () => Promise<T>, clock = realPacingClock): Promise<T> {
  let at = clock.now();
  let wait = limiter.reserve(conversation, tenant, at);
  while (wait > 0) {
    await clock.sleep(wait);
    limiter.cancel(conversation, tenant, at + wait);
    at = clock.now();
    wait = limiter.reserve(conversation, tenant, at);
  }
  try {
    return await send();
  } finally {
    limiter.move(conversation, tenant, at, clock.now());
  }
}
