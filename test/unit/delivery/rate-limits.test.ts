import { nextAllowedAt, PER_CONVERSATION, SendLimiter } from '../../../src/domain/delivery/rate-limits';
import { retryDecision } from '../../../src/domain/delivery/retry-policy';

describe("Teams' rate limits", () => {
  it('allows 7 sends in a second to one conversation, then waits for the oldest to age out', () => {
    const t0 = 1_000_000;
    const seven = Array.from({ length: 7 }, (_, i) => t0 + i * 10);
    expect(nextAllowedAt(seven.slice(0, 6), t0 + 60, PER_CONVERSATION)).toBe(t0 + 60);
    expect(nextAllowedAt(seven, t0 + 70, PER_CONVERSATION)).toBe(t0 + 1_000);
  });

  it('keeps 8 in any 2 seconds and 60 in any 30 seconds', () => {
    const t0 = 0;
    const eight = [0, 100, 200, 300, 400, 500, 600, 1_500];
    // The 7-per-second window allows a send at 1,600, but 8 in 2 s does not until 2,000.
    expect(nextAllowedAt(eight, t0 + 1_600, PER_CONVERSATION)).toBe(2_000);
    const sixty = Array.from({ length: 60 }, (_, i) => i * 400);
    expect(nextAllowedAt(sixty, 24_000, PER_CONVERSATION)).toBe(30_000);
  });

  it('paces a burst of 100 messages to one chat within every window, even when all are sent at once', () => {
    const limiter = new SendLimiter();
    // 100 senders side by side all ask at time 0; each is booked its own slot.
    const sent = Array.from({ length: 100 }, () => limiter.reserve('chat-1', 'tenant', 0));
    for (const [limit, ms] of [
      [7, 1_000],
      [8, 2_000],
      [60, 30_000],
    ] as const) {
      for (const t of sent) expect(sent.filter((s) => s >= t && s < t + ms).length).toBeLessThanOrEqual(limit);
    }
    // 60 in the first 30 s, so the 61st waits for the 30-second window.
    expect(sent[60]).toBeGreaterThanOrEqual(30_000);
  });

  it('limits the whole tenant to 50 a second across conversations', () => {
    const limiter = new SendLimiter();
    for (let i = 0; i < 50; i++) limiter.record(`chat-${i}`, 'tenant', 0);
    expect(limiter.delayFor('chat-new', 'tenant', 10)).toBe(990);
    expect(limiter.delayFor('chat-new', 'other-tenant', 10)).toBe(0);
  });

  it("paces to a share of the tenant's limit where several instances send for it, and only the tenant's", () => {
    const half = new SendLimiter(0.5);
    const sent = Array.from({ length: 60 }, (_, i) => half.reserve(`chat-${i}`, 'tenant', 0));
    // Two instances at 25 a second each stay within Teams' 50.
    expect(sent.filter((t) => t < 1_000).length).toBe(25);
    expect(sent[25]).toBe(1_000);
    // One conversation's limits are Teams' own: its cards go through one instance at a time.
    const chat = Array.from({ length: 8 }, () => half.reserve('chat-x', 'other-tenant', 0));
    expect(chat.filter((t) => t < 1_000).length).toBe(7);
    expect(() => new SendLimiter(0)).toThrow(RangeError);
    expect(() => new SendLimiter(1.5)).toThrow(RangeError);
  });
});

describe('retry policy', () => {
  const base = { now: 10_000, random: () => 0.5 };
  it('retries 429, 412, 502 and 504 with backoff and jitter, never sooner than Retry-After', () => {
    expect(retryDecision({ ...base, status: 429, attempts: 1 })).toEqual({ retry: true, at: 10_500 });
    expect(retryDecision({ ...base, status: 429, attempts: 1, retryAfterMs: 7_000 })).toEqual({ retry: true, at: 17_000 });
    expect(retryDecision({ ...base, status: 502, attempts: 4 })).toEqual({ retry: true, at: 14_000 });
    expect(retryDecision({ ...base, status: 412, attempts: 2 }).retry).toBe(true);
    expect(retryDecision({ ...base, status: 504, attempts: 2 }).retry).toBe(true);
  });
  it('gives up on a client error, and after the last attempt', () => {
    expect(retryDecision({ ...base, status: 400, attempts: 1 })).toEqual({ retry: false });
    expect(retryDecision({ ...base, status: 403, attempts: 1 })).toEqual({ retry: false });
    expect(retryDecision({ ...base, status: 503, attempts: 8 })).toEqual({ retry: false });
  });
  it('waits out a service that is down for up to a day (5xx or no answer), every 5 minutes at most, but not a throttle or an unreachable person', () => {
    const hour = 3_600_000;
    expect(retryDecision({ ...base, status: 503, attempts: 30, ageMs: 2 * hour })).toEqual({ retry: true, at: 160_000 });
    expect(retryDecision({ ...base, attempts: 30, ageMs: 23 * hour }).retry).toBe(true);
    expect(retryDecision({ ...base, status: 503, attempts: 30, ageMs: 24 * hour })).toEqual({ retry: false });
    expect(retryDecision({ ...base, status: 429, attempts: 8, ageMs: hour })).toEqual({ retry: false });
    expect(retryDecision({ ...base, attempts: 8, retryAfterMs: 900_000, ageMs: hour })).toEqual({ retry: false });
  });
});
