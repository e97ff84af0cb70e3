import { z } from 'zod';
import { isLocalDate, LocalDate } from '../calendar/local-date';
import { DomainError } from '../errors';
import { parseOrThrow } from '../validation';

const Day = z.string().refine(isLocalDate, 'must be a real date written YYYY-MM-DD').transform((s) => s as LocalDate);

/** What has happened on a case so far: the facts the plan is measured against. */
export const CaseHistorySchema = z.strictObject({
  icpc: Day,
  /** Scotland reviews a pre-birth plan sooner. */
  preBirth: z.boolean().optional(),
  coreGroupsHeld: z.array(Day).optional(),
  reviewConferencesHeld: z.array(Day).optional(),
  /** Northern Ireland: days the case co-ordinator saw the child. */
  childSeen: z.array(Day).optional(),
  /** Everything else done, by obligation id: `minutes-circulated-core-group-2: 2027-02-01`. */
  completed: z.record(z.string(), Day).optional(),
});
export type CaseHistory = z.input<typeof CaseHistorySchema>;

export interface NormalisedHistory {
  readonly icpc: LocalDate;
  readonly preBirth: boolean;
  readonly coreGroupsHeld: readonly LocalDate[];
  readonly reviewConferencesHeld: readonly LocalDate[];
  readonly childSeen: readonly LocalDate[];
  readonly completed: Readonly<Record<string, LocalDate>>;
}

const sorted = (days: readonly LocalDate[] | undefined): LocalDate[] => [...(days ?? [])].sort();

/** Validates and sorts a history; nothing can have happened before the ICPC that started the plan. */
export function normaliseHistory(input: CaseHistory): NormalisedHistory {
  const h = parseOrThrow(CaseHistorySchema, input, 'HISTORY.INVALID', 'case history');
  const lists = { coreGroupsHeld: h.coreGroupsHeld, reviewConferencesHeld: h.reviewConferencesHeld, childSeen: h.childSeen } as const;
  for (const [field, days] of Object.entries(lists)) {
    const early = (days ?? []).findIndex((d) => d <= h.icpc);
    if (early >= 0) {
      throw new DomainError('HISTORY.BEFORE_ICPC', 'invalid', `${field}.${early} (${(days ?? [])[early]}) is not after the ICPC on ${h.icpc}`, [
        { field: `${field}.${early}`, problem: `must be after the ICPC (${h.icpc})` },
      ]);
    }
  }
  return {
    icpc: h.icpc,
    preBirth: h.preBirth ?? false,
    coreGroupsHeld: sorted(h.coreGroupsHeld),
    reviewConferencesHeld: sorted(h.reviewConferencesHeld),
    childSeen: sorted(h.childSeen),
    completed: h.completed ?? {},
  };
}
