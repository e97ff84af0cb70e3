import { z } from 'zod';
import { isLocalDate, LocalDate } from '../calendar/local-date';
import { AGENCIES } from '../case/members';

export const ACTION_STATUSES = ['not-started', 'on-track', 'done', 'blocked'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A SMART action: what, who, by when, and how we will know. Reviewed at every core group. */
export const PlanActionInput = z.strictObject({
  what: z.string().trim().min(5, 'say what will be done').max(2000),
  ownerMemberId: z.string().min(1, 'is required'),
  agency: z.enum(AGENCIES),
  byWhen: z
    .string()
    .refine(isLocalDate, 'must be a real date')
    .transform((s) => s as LocalDate),
  howWeWillKnow: z.string().trim().min(5, 'say how we will know it is done').max(2000),
});
export type PlanActionInput = z.input<typeof PlanActionInput>;

export interface PlanAction {
  readonly id: string;
  readonly caseId: string;
  readonly what: string;
  readonly ownerMemberId: string;
  readonly agency: (typeof AGENCIES)[number];
  readonly byWhen: LocalDate;
  readonly howWeWillKnow: string;
  readonly status: ActionStatus;
}

export const PlanVersionInput = z.strictObject({
  outcomes: z.array(z.string().trim().min(3).max(2000)).min(1, 'a plan needs at least one outcome'),
  actions: z.array(PlanActionInput).default([]),
});

export const SignatureInput = z
  .strictObject({
    agrees: z.boolean(),
    comment: z.string().trim().max(2000).optional(),
  })
  .refine((s) => s.agrees || (s.comment && s.comment.length > 0), { message: 'say what you want to discuss', path: ['comment'] });
