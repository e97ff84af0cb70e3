/** How a failed delivery is retried: which failures are worth retrying, and when. */
export const RETRYABLE_STATUS = new Set([408, 412, 429, 500, 502, 503, 504]);
export const MAX_ATTEMPTS = 8;
/** How long a message waits out a service that is down before it is given up on (dead-lettered). */
export const OUTAGE_PATIENCE_MS = 24 * 3_600_000;
const OUTAGE_STATUS = new Set([500, 502, 503, 504]);

export interface RetryDecision {
  readonly retry: boolean;
  /** When to try again (ms since epoch), if retrying. */
  readonly at?: number;
}

/**
 * Exponential backoff with full jitter (1 s, 2 s, 4 s … capped at 5 min), never sooner than a
 * Retry-After the service gave. `random` is passed in so tests are exact.
 */
export function retryDecision(input: {
  status?: number;
  retryAfterMs?: number;
  attempts: number;
  now: number;
  random: () => number;
  ageMs?: number;
}): RetryDecision {
  const retryable = input.status === undefined || RETRYABLE_STATUS.has(input.status);
  if (!retryable) return { retry: false };
  // A service that is down (a 5xx, or no answer at all) may stay down for hours: its messages wait
  // (every 5 minutes at most) rather than being given up after eight quick tries, about 4 minutes.
  const waitingOut = isOutage(input) && input.ageMs !== undefined && input.ageMs < OUTAGE_PATIENCE_MS;
  if (input.attempts >= MAX_ATTEMPTS && !waitingOut) return { retry: false };
  const ceiling = Math.min(300_000, 1_000 * 2 ** Math.max(0, input.attempts - 1));
  const backoff = Math.floor(input.random() * ceiling);
  return { retry: true, at: input.now + Math.max(backoff, input.retryAfterMs ?? 0) };
}

/**
 * A service that is down: a 5xx, or no answer at all (no status and no Retry-After). Not a throttle
 * (429), and not someone the bot cannot reach yet (no status, but a Retry-After of its own).
 */
export function isOutage(failure: { status?: number; retryAfterMs?: number }): boolean {
  return failure.status === undefined ? failure.retryAfterMs === undefined : OUTAGE_STATUS.has(failure.status);
}
