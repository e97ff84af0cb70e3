/** How a failed delivery is retried: which failures are worth retrying, and when. */
export const RETRYABLE_STATUS = new Set([408, 412, 429, 500, 502, 503, 504]);
export const MAX_ATTEMPTS = 8;

export interface RetryDecision {
  readonly retry: boolean;
  /** When to try again (ms since epoch), if retrying. */
  readonly at?: number;
}

/**
 * Exponential backoff with full jitter (1 s, 2 s, 4 s … capped at 5 min), never sooner than a
 * Retry-After the service gave. `random` is passed in so tests are exact.
 */
export function retryDecision(input: { status?: number; retryAfterMs?: number; attempts: number; now: number; random: () => number }): RetryDecision {
  const retryable = input.status === undefined || RETRYABLE_STATUS.has(input.status);
  if (!retryable || input.attempts >= MAX_ATTEMPTS) return { retry: false };
  const ceiling = Math.min(300_000, 1_000 * 2 ** Math.max(0, input.attempts - 1));
  const backoff = Math.floor(input.random() * ceiling);
  return { retry: true, at: input.now + Math.max(backoff, input.retryAfterMs ?? 0) };
}
