import { z } from 'zod';
import { LocalDate } from '../calendar/local-date';
import { SupportedDaySchema } from '../calendar/supported-days';
import { MemberInput } from './members';

/**
 * The record of one child's core group. The child's name stays in the tab (and is only shown to
 * members allowed to see it): cards, invites and mails carry the case reference and initials.
 */
export interface CoreGroupCase {
  readonly id: string;
  readonly reference: string;
  readonly childName: string;
  readonly childInitials: string;
  readonly profileId: string;
  readonly profileVersion: string;
  readonly icpcDate: LocalDate;
  readonly preBirth: boolean;
  /** The case co-ordinator, who chairs (unless in their Assessed Year in Employment in Northern Ireland). */
  readonly socialWorkerId: string;
  readonly managerId: string;
  readonly socialWorkerInAye: boolean;
  readonly status: 'open' | 'closed';
  readonly version: number;
}

export const CreateCaseInput = z
  .strictObject({
    reference: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9/-]{2,39}$/, 'must be 3–40 capital letters, digits, / or -'),
    childName: z.string().trim().min(1, 'is required').max(200),
    childInitials: z
      .string()
      .trim()
      .regex(/^[A-Z]{1,4}$/, 'must be 1–4 capital letters'),
    profileId: z.string().min(1, 'is required'),
    // The years the policy engine plans over: a case opened for 9999 could never be planned.
    icpcDate: SupportedDaySchema,
    preBirth: z.boolean().default(false),
    socialWorkerInAye: z.boolean().default(false),
    members: z.array(MemberInput).min(2, 'must include at least the social worker and their manager'),
  })
  .superRefine((input, ctx) => {
    const roles = input.members.map((m) => m.role);
    if (roles.filter((r) => r === 'chair').length !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'must include exactly one chair (the social worker)' });
    if (roles.filter((r) => r === 'manager').length !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: "must include exactly one manager (the social worker's)" });
    const emails = input.members.map((m) => m.person.email.toLowerCase());
    const duplicate = emails.findIndex((e, i) => emails.indexOf(e) !== i);
    if (duplicate >= 0) ctx.addIssue({ code: 'custom', path: ['members', duplicate, 'person', 'email'], message: 'is listed twice' });
  });
export type CreateCaseInput = z.input<typeof CreateCaseInput>;

export { initialsOf } from './initials';
