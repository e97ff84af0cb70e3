/**
 * The one card someone gets on installing Core Groups in place of everything queued for them
 * before: how things stand now, with a button for each form and approval still waiting.
 */
export interface DigestView {
  /** "as of Mon 21 Dec 2026". */
  readonly asOf: string;
  readonly updates: readonly { readonly label: string; readonly reportId: string }[];
  readonly approvals: readonly { readonly label: string; readonly minutesId: string }[];
  readonly upcoming: readonly string[];
  readonly plans: readonly { readonly label: string; readonly caseId: string }[];
  /** For the cases they chair: "CP-2026-0042 core group 1: Tom Farrell (school)". */
  readonly missing: readonly string[];
  /** Each case in words and colour: "🔴 Late or overdue: CP-2026-0042 (LRE), …". */
  readonly cases: readonly string[];
}
