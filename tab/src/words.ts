/**
 * Words people read for the server's internal names. Nothing internal ("agencyUpdates", "iro",
 * "childrens-social-care") ever reaches the screen: an unknown value is turned into plain words too.
 */
export const ROLE_WORDS: Record<string, string> = {
  chair: 'Chair (social worker)',
  'vice-chair': 'Vice chair',
  manager: 'Team manager',
  professional: 'Professional',
  'parent-carer': 'Parent or carer',
  child: 'Child or young person',
  'business-support': 'Business support',
  iro: 'Independent Reviewing Officer',
};

export const AGENCY_WORDS: Record<string, string> = {
  'childrens-social-care': "Children's social care",
  'health-visiting': 'Health visiting',
  'school-nursing': 'School nursing',
  midwifery: 'Midwifery',
  school: 'School',
  'early-years': 'Early years (nursery)',
  gp: 'GP',
  police: 'Police',
  probation: 'Probation',
  housing: 'Housing',
  'adult-mental-health': 'Adult mental health',
  'substance-misuse': 'Drug and alcohol service',
  'youth-justice': 'Youth justice',
  family: 'Family',
  other: 'Other agency',
};

export const MEETING_STATUS_WORDS: Record<string, string> = { planned: 'Not booked yet', booked: 'Booked', held: 'Held', cancelled: 'Cancelled' };
export const MINUTES_STATUS_WORDS: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Waiting for approval',
  returned: 'Returned for changes',
  approved: 'Approved',
  circulated: 'Approved and circulated',
};
export const VENUE_WORDS: Record<string, string> = { office: 'Council office', 'family-home': 'Family home', online: 'Online (Teams)' };
export const ATTENDANCE_WORDS: Record<string, string> = { attended: 'Attended', apologies: 'Sent apologies', absent: 'Absent without apologies' };
export const PROGRESS_WORDS: Record<string, string> = { done: 'Done', 'on-track': 'On track', 'not-started': 'Not started', blocked: 'Blocked' };

/** "some-internal-name" → "Some internal name", for anything not in the lists above. */
export const plain = (s: string): string => {
  const w = s
    .replace(/[-_]/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

const from =
  (table: Record<string, string>) =>
  (value: string | undefined): string =>
    value === undefined ? '' : (table[value] ?? plain(value));
export const roleWords = from(ROLE_WORDS);
export const agencyWords = from(AGENCY_WORDS);
export const meetingStatusWords = from(MEETING_STATUS_WORDS);
export const minutesStatusWords = from(MINUTES_STATUS_WORDS);
export const venueWords = from(VENUE_WORDS);

/** "3 days", "1 day". */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Names as people say them: "Priya", "Priya and Tom", "Priya, Tom and Ruth". */
export const listed = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * Where a core group's updates stand, by name: "1 of 2 updates in (Priya Desai); waiting for Tom
 * Farrell." Members the viewer cannot see are counted, never named.
 */
export function updatesWords(
  updates: readonly { memberId: string; submitted: boolean }[],
  members: readonly { memberId: string; displayName: string }[],
): string {
  const name = (id: string) => members.find((m) => m.memberId === id)?.displayName;
  const names = (submitted: boolean) => updates.filter((u) => u.submitted === submitted).map((u) => name(u.memberId) ?? 'someone');
  const inNow = names(true);
  const waiting = names(false);
  const got = `${inNow.length} of ${count(updates.length, 'update')} in${inNow.length ? ` (${listed(inNow)})` : ''}`;
  return waiting.length ? `${got}; waiting for ${listed(waiting)}.` : `${got}.`;
}
