import { LocalDate } from '../domain/calendar/local-date';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { Meeting } from '../domain/meeting/meeting';
import { CaseHistory } from '../domain/policy/history';
import { Conference } from '../ports/store';

/** A child-seen visit is kept as a completion under its obligation's id (recordDoneByHand), read back as a visit. */
export const CHILD_SEEN = /^child-seen-\d+$/;

/**
 * What has happened on a case, as the policy engine takes it. The engine wants each list in the order
 * things happened; meetings are numbered in planning order, which a meeting recorded out of turn
 * need not follow, so the days are put in date order here.
 */
export function caseHistory(
  c: CoreGroupCase,
  meetings: readonly Meeting[],
  conferences: readonly Conference[],
  completed: Readonly<Record<string, LocalDate>>,
): CaseHistory {
  const inOrder = (days: LocalDate[]): LocalDate[] => days.sort();
  return {
    icpc: c.icpcDate,
    preBirth: c.preBirth,
    coreGroupsHeld: inOrder(meetings.filter((m) => m.status === 'held' && m.heldOn).map((m) => m.heldOn as LocalDate)),
    reviewConferencesHeld: inOrder(conferences.filter((x) => x.kind === 'review').map((x) => x.heldOn)),
    // Visits recorded by hand (recordDoneByHand) are the child-seen list: each counts the next from its day.
    childSeen: inOrder(
      Object.entries(completed)
        .filter(([id]) => CHILD_SEEN.test(id))
        .map(([, day]) => day),
    ),
    completed: Object.fromEntries(Object.entries(completed).filter(([id]) => !CHILD_SEEN.test(id))),
  };
}
