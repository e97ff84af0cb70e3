import { z } from 'zod';

/**
 * When the plan is not protecting the child, or members disagree, the core group can ask for an
 * early review conference or escalate to the IRO (Sefton, Northern Ireland: dissent → urgent conference).
 */
export const ESCALATION_KINDS = ['early-review-request', 'concern-to-iro', 'dissent'] as const;

export const EscalationInput = z.strictObject({
  kind: z.enum(ESCALATION_KINDS),
  concern: z.string().trim().min(20, 'describe the concern (at least 20 characters)').max(10_000),
});
export type EscalationInput = z.input<typeof EscalationInput>;
