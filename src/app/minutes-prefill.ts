import { Member, Person, ROLE_WORDS, takesPart } from '../domain/case/members';
import { londonDay, londonTimeOfDay } from '../domain/calendar/london-time';
import { Meeting } from '../domain/meeting/meeting';
import { MinutesSections } from '../domain/minutes/minutes';
import { formatLong } from '../domain/calendar/local-date';
import { StoreTx } from '../ports/store';
import { LoadedCase } from './context';

const AGENCY_NAMES: Record<string, string> = {
  'childrens-social-care': "Children's social care",
  'health-visiting': 'Health visiting',
  'school-nursing': 'School nursing',
  midwifery: 'Midwifery',
  school: 'School',
  'early-years': 'Early years',
  gp: 'GP',
  police: 'Police',
  probation: 'Probation',
  housing: 'Housing',
  'adult-mental-health': 'Adult mental health',
  'substance-misuse': 'Substance misuse',
  'youth-justice': 'Youth justice',
  family: 'Family',
  other: 'Other',
};

/**
 * A first draft of the minutes from what the app already knows, so the recorder edits rather than
 * retypes: who came and who sent apologies, which agencies were expected but absent, each agency's
 * update as submitted, the plan's actions with their status, and the next core group's date.
 */
export async function prefillMinutes(tx: StoreTx, loaded: LoadedCase, meeting: Meeting): Promise<MinutesSections> {
  const attendance = await tx.attendance.forMeeting(meeting.id);
  const reports = await tx.reports.forMeeting(meeting.id);
  const actions = await tx.plan.actionsForCase(loaded.case.id);
  const people = await tx.people.byIds(loaded.members.map((m) => m.personId));
  const name = (m: Member) => {
    const p = people.find((x: Person) => x.id === m.personId);
    const agency = AGENCY_NAMES[m.agency] ?? m.agency;
    // A professional is named by their agency alone; any other role in words ("parent or carer").
    const role = m.role === 'professional' ? '' : `, ${m.role === 'iro' ? ROLE_WORDS.iro : ROLE_WORDS[m.role].toLowerCase()}`;
    return `${p?.displayName ?? 'Unknown'} (${agency}${role})`;
  };
  const statusOf = (m: Member) => attendance.find((a) => a.memberId === m.id)?.status;
  const active = loaded.members.filter(takesPart);
  const attended = active.filter((m) => statusOf(m) === 'attended');
  const apologies = active.filter((m) => statusOf(m) === 'apologies');
  const absentAgencies = [
    ...new Set(active.filter((m) => m.role === 'professional' && statusOf(m) !== 'attended').map((m) => AGENCY_NAMES[m.agency] ?? m.agency)),
  ];
  const updates = reports
    .filter((r) => r.status === 'submitted' && r.content)
    .map((r) => {
      const member = loaded.members.find((m) => m.id === r.memberId);
      const c = r.content as NonNullable<typeof r.content>;
      // Apologies as recorded at the meeting; the update's own answer only where none was recorded.
      const sentApologies = ((member && statusOf(member)) ?? c.attendance) === 'apologies';
      return [
        `${member ? name(member) : 'Unknown member'}${sentApologies ? ' — written update (apologies)' : ''}`,
        `What has changed: ${c.whatHasChanged}`,
        `What is working well: ${c.workingWell}`,
        `What we are worried about: ${c.worries}`,
        `What needs to happen: ${c.needsToHappen}`,
        `Safety scale: ${c.safetyScale}/10`,
      ].join('\n');
    });
  const meetings = await tx.meetings.forCase(loaded.case.id);
  const next = meetings.find((m) => m.number > meeting.number && m.status !== 'cancelled' && m.status !== 'held');
  return {
    attendance: attended.map(name).join('\n'),
    apologies: apologies.map(name).join('\n'),
    agenciesExpectedButAbsent: absentAgencies.join(', '),
    recentEvents: '',
    agencyUpdates: updates.join('\n\n'),
    childsVoice: '',
    childsVoiceHowGathered: '',
    parentsViews: '',
    parentsViewsHowGathered: '',
    planReview: actions.map((a) => `${a.what} — ${a.status.replace('-', ' ')} (by ${formatLong(a.byWhen)})`).join('\n'),
    newActions: '',
    concernsAndDissent: '',
    reviewRecommendation: '',
    nextMeeting: next
      ? `Core group ${next.number}, due by ${formatLong(next.due)}${next.startsAt ? `, booked for ${formatLong(londonDay(next.startsAt))} at ${londonTimeOfDay(next.startsAt)}` : ''}`
      : '',
  };
}
