import { z } from 'zod';
import { isLocalDate, LocalDate } from '../calendar/local-date';
import { isSupportedDay, SupportedDaySchema } from '../calendar/supported-days';
import { DomainError, FieldProblem } from '../errors';
import { parseDocumentOrThrow, summariseProblems } from '../validation';

const Day = SupportedDaySchema;

/**
 * The most days one list may hold: a core group every two weeks for twenty years. More is a pasted
 * mistake, and each held meeting is one more to plan around.
 */
export const MAX_HISTORY_ITEMS = 520;
const Days = z.array(Day).max(MAX_HISTORY_ITEMS, `must list at most ${MAX_HISTORY_ITEMS} days (a core group every two weeks for twenty years)`);

/** What has happened on a case so far: the facts the plan is measured against. */
export const CaseHistorySchema = z.strictObject({
  icpc: Day,
  /** Scotland reviews a pre-birth plan sooner. */
  preBirth: z.boolean().optional(),
  /** Days core groups were held, in the order they happened. */
  coreGroupsHeld: Days.optional(),
  /** Days review conferences were held, in the order they happened. */
  reviewConferencesHeld: Days.optional(),
  /** Northern Ireland: days the case co-ordinator saw the child, in order. */
  childSeen: Days.optional(),
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

/**
 * Meetings and visits have their own lists, which move the plan on from the day they happened; a
 * `completed` entry for one would mark it done while every later date still counted from its due day.
 */
const RECORDED_ELSEWHERE: readonly [RegExp, string][] = [
  [/^core-group-\d+$/, 'coreGroupsHeld'],
  [/^review-conference-\d+$/, 'reviewConferencesHeld'],
  [/^child-seen-\d+$/, 'childSeen'],
];

/**
 * What cannot have happened: anything on or before the ICPC that started the plan, days out of
 * order (the second core group held before the first), and anything after `today` when the caller
 * knows the day. Each list is in the order things happened, because the plan counts each meeting
 * from the one before: sorting a list quietly would hide a mistyped day.
 */
export function historyProblems(h: z.output<typeof CaseHistorySchema>, today?: LocalDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (today !== undefined && today < h.icpc)
    problems.push({ field: 'today', problem: `${today} is before the ICPC (${h.icpc}); a plan is looked at from the ICPC on` });
  const lists = { coreGroupsHeld: h.coreGroupsHeld, reviewConferencesHeld: h.reviewConferencesHeld, childSeen: h.childSeen };
  for (const [field, days] of Object.entries(lists)) {
    (days ?? []).forEach((day, i) => {
      const previous = (days ?? [])[i - 1];
      const problem =
        day <= h.icpc
          ? `must be after the ICPC (${h.icpc})`
          : previous !== undefined && day <= previous
            ? `${day} is not after the day before it in the list (${previous}): list the days in the order they happened`
            : today !== undefined && day > today
              ? `${day} is after today (${today}): record it once it has happened`
              : undefined;
      if (problem) problems.push({ field: `${field}.${i}`, problem });
    });
  }
  for (const [id, day] of Object.entries(h.completed ?? {})) {
    const elsewhere = RECORDED_ELSEWHERE.find(([pattern]) => pattern.test(id));
    const problem = elsewhere
      ? `is recorded in ${elsewhere[1]}, which moves the plan on from the day it happened`
      : day < h.icpc
        ? `${day} is before the ICPC (${h.icpc})`
        : today !== undefined && day > today
          ? `${day} is after today (${today}): record it once it has happened`
          : undefined;
    if (problem) problems.push({ field: `completed.${id}`, problem });
  }
  return problems;
}

/**
 * Validates a history: each day real and in the supported years, nothing before the ICPC, each list
 * in order and, given `today`, nothing after it. Throws a DomainError naming every impossible fact.
 */
export function normaliseHistory(input: CaseHistory, today?: LocalDate): NormalisedHistory {
  const h = plainHistory(input) ?? parseDocumentOrThrow(CaseHistorySchema, input, 'HISTORY.INVALID', 'case history');
  const problems = historyProblems(h, today);
  if (problems.length) throw new DomainError('HISTORY.IMPOSSIBLE', 'invalid', `case history is not possible: ${summariseProblems(problems)}`, problems);
  return {
    icpc: h.icpc,
    preBirth: h.preBirth ?? false,
    coreGroupsHeld: h.coreGroupsHeld ?? [],
    reviewConferencesHeld: h.reviewConferencesHeld ?? [],
    childSeen: h.childSeen ?? [],
    completed: h.completed ?? {},
  };
}

const HISTORY_KEYS = new Set(Object.keys(CaseHistorySchema.shape));
const isDay = (d: unknown): d is LocalDate => typeof d === 'string' && isLocalDate(d) && isSupportedDay(d as LocalDate);
const isDays = (ds: unknown): ds is LocalDate[] | undefined => ds === undefined || (Array.isArray(ds) && ds.length <= MAX_HISTORY_ITEMS && ds.every(isDay));

/**
 * What CaseHistorySchema would give for a history that obviously passes it (every day real and
 * supported, no unknown field), checked by hand: a caseload plans 50,000 histories, and the schema's
 * parse was an eighth of the time. Anything else (undefined here) goes through the schema, which names
 * every problem. The lists are copied, as the schema copies them.
 */
function plainHistory(input: unknown): z.output<typeof CaseHistorySchema> | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const h = input as Record<string, unknown>;
  for (const key in h) if (!HISTORY_KEYS.has(key)) return undefined;
  const { icpc, preBirth, coreGroupsHeld, reviewConferencesHeld, childSeen, completed } = h;
  if (!isDay(icpc) || !(preBirth === undefined || typeof preBirth === 'boolean')) return undefined;
  if (!isDays(coreGroupsHeld) || !isDays(reviewConferencesHeld) || !isDays(childSeen)) return undefined;
  if (completed !== undefined) {
    if (typeof completed !== 'object' || completed === null || Array.isArray(completed) || Object.getPrototypeOf(completed) !== Object.prototype)
      return undefined;
    for (const key in completed) if (!Object.hasOwn(completed, key) || !isDay((completed as Record<string, unknown>)[key])) return undefined;
  }
  return {
    icpc,
    ...(preBirth === undefined ? {} : { preBirth }),
    ...(coreGroupsHeld ? { coreGroupsHeld: coreGroupsHeld.slice() } : {}),
    ...(reviewConferencesHeld ? { reviewConferencesHeld: reviewConferencesHeld.slice() } : {}),
    ...(childSeen ? { childSeen: childSeen.slice() } : {}),
    ...(completed ? { completed: { ...(completed as Record<string, LocalDate>) } } : {}),
  };
}
