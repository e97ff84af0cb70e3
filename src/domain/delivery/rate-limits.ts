/**
 * Teams' documented limits for proactive bot messages: per bot per conversation 7 in 1 s, 8 in 2 s,
 * 60 in 30 s and 1,800 in an hour; per app per tenant 50 a second.
 */
export interface Window {
  readonly limit: number;
  readonly ms: number;
}

export const PER_CONVERSATION: readonly Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];
export const PER_TENANT: readonly Window[] = [{ limit: 50, ms: 1_000 }];

/**
 * The earliest moment (ms since epoch) a send is allowed, given the times of earlier sends to the
 * same key, so that no window ever holds more than its limit. Pure: the caller keeps the history.
 */
export function nextAllowedAt(history: readonly number[], now: number, windows: readonly Window[]): number {
  let at = now;
  for (const w of windows) {
    // Sends still inside the window ending at `at`; if the window is full, wait for the oldest to leave.
    const inside = history.filter((t) => t > at - w.ms).sort((a, b) => a - b);
    if (inside.length >= w.limit) at = Math.max(at, (inside[inside.length - w.limit] as number) + w.ms);
  }
  // A later window may have pushed `at` past an earlier one's constraint; one more pass settles it.
  return at === now ? at : nextAllowedAt(history, at, windows);
}

/**
 * Keeps send times per key (conversation, tenant) and answers how long to wait. Not shared across
 * processes: where several instances send for the same tenant, each takes `tenantShare` of the
 * tenant's limit (TEAMS_SEND_SHARE), or together they offer it several times over and meet a 429
 * for every send beyond it. A conversation's limits are not shared: one instance usually holds a
 * chat's cards, but two may hold cards of the same chat at once (the fan-out bench saw about one
 * card in 70 to 90 refused so with two instances); those are answered 429 and retried.
 */
export class SendLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly perTenant: readonly Window[];

  constructor(tenantShare = 1) {
    if (!(tenantShare > 0 && tenantShare <= 1)) throw new RangeError(`a tenant share is more than 0 and at most 1, not ${tenantShare}`);
    this.perTenant = PER_TENANT.map((w) => ({ limit: Math.max(1, Math.floor(w.limit * tenantShare)), ms: w.ms }));
  }

  /** Milliseconds to wait before sending to `conversation` in `tenant`; 0 means now. */
  delayFor(conversation: string, tenant: string, now: number): number {
    const at = Math.max(
      nextAllowedAt(this.history(`c:${conversation}`, now), now, PER_CONVERSATION),
      nextAllowedAt(this.history(`t:${tenant}`, now), now, this.perTenant),
    );
    return at - now;
  }

  /**
   * Books the next allowed send to `conversation` and says how long to wait for it. The booking is
   * made at once, so senders running side by side queue behind each other instead of all seeing
   * the same free slot.
   */
  reserve(conversation: string, tenant: string, now: number): number {
    const wait = this.delayFor(conversation, tenant, now);
    this.record(conversation, tenant, now + wait);
    return wait;
  }

  record(conversation: string, tenant: string, at: number): void {
    for (const key of [`c:${conversation}`, `t:${tenant}`]) this.history(key, at).push(at);
  }

  /**
   * Moves a send recorded (or booked) at `from` to `to`: the moment it really went, which under load
   * is later than its booking. Teams counts a message when it arrives, so a send kept at its booked
   * time lets a later booking land in a window that, as Teams counts it, is already full.
   */
  move(conversation: string, tenant: string, from: number, to: number): void {
    for (const key of [`c:${conversation}`, `t:${tenant}`]) {
      const sends = this.history(key, Math.min(from, to));
      const i = sends.indexOf(from);
      if (i >= 0) sends[i] = to;
      else sends.push(to);
    }
  }

  /** Forgets a booking that was not used (the sender is booking again from the time it woke). */
  cancel(conversation: string, tenant: string, at: number): void {
    for (const key of [`c:${conversation}`, `t:${tenant}`]) {
      const sends = this.sends.get(key);
      const i = sends?.indexOf(at) ?? -1;
      if (sends && i >= 0) sends.splice(i, 1);
    }
  }

  private history(key: string, now: number): number[] {
    // Only the last hour matters (the longest window).
    const kept = (this.sends.get(key) ?? []).filter((t) => t > now - 3_600_000);
    this.sends.set(key, kept);
    return kept;
  }
}
