import { formatLong, LocalDate, weekdayOf } from '../calendar/local-date';
import { REGION_NAMES } from '../calendar/region';
import { calendarFor } from './plan';
import { PolicyProfile } from './profile';

/**
 * What is possible but unusual enough to say: an ICPC on a weekend, a bank holiday or a closure day.
 * Conferences do sometimes sit then (an urgent case), so it is a warning, not an error; the plan
 * counts from the day as given.
 */
export function planWarnings(profile: PolicyProfile, history: { readonly icpc: LocalDate }): string[] {
  const calendar = calendarFor(profile);
  const reason = calendar.nonWorkingReason(history.icpc);
  if (!reason) return [];
  const region = REGION_NAMES[calendar.region];
  const what =
    reason.kind === 'weekend'
      ? `a ${weekdayOf(history.icpc)}`
      : reason.kind === 'bank-holiday'
        ? `a bank holiday in ${region} (${reason.holiday.title})`
        : `a local closure day (${reason.closure.reason})`;
  return [
    `The ${profile.conferenceName.initial} on ${formatLong(history.icpc)} is on ${what}, not a working day. Conferences do sometimes sit then; the plan counts from that day as given.`,
  ];
}
