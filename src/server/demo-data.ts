import { OrgRole } from '../domain/access/organisation-roles';
import { setStaffRoles, SYSTEM_ACTOR } from '../app/staff';
import { TZDate } from '@date-fns/tz';
import { AppContext, todayOf } from '../app/context';
import { createCase } from '../app/create-case';
import { bookMeeting, recordMeetingHeld } from '../app/meetings';
import { decideMinutes, draftMinutes, editMinutes, submitMinutes } from '../app/minutes';
import { recordPlan } from '../app/plan';
import { requestReports, submitReport } from '../app/reports';
import { addDays, LocalDate } from '../domain/calendar/local-date';
import { MemberInput } from '../domain/case/members';
import { calendarFor } from '../domain/policy';

/**
 * Demo people and cases for local mode: invented names, one case per procedure, each at a different
 * point of its plan relative to today, so every screen and card has something true to show.
 */
export const DEMO_PEOPLE = {
  sam: { displayName: 'Sam Okafor', email: 'sam.okafor@anytown.example', entraObjectId: '0d000000-0000-4000-8000-000000000001', role: 'Social worker (chair)' },
  maria: {
    displayName: 'Maria Lindqvist',
    email: 'maria.lindqvist@anytown.example',
    entraObjectId: '0d000000-0000-4000-8000-000000000002',
    role: 'Team manager',
  },
  priya: { displayName: 'Priya Desai', email: 'priya.desai@nhs.example', entraObjectId: '0d000000-0000-4000-8000-000000000003', role: 'Health visitor' },
  tom: {
    displayName: 'Tom Farrell',
    email: 'tom.farrell@school.example',
    entraObjectId: '0d000000-0000-4000-8000-000000000004',
    role: 'Designated safeguarding lead, school',
  },
  jo: { displayName: 'Jo Whitby', email: 'jo.whitby@anytown.example', entraObjectId: '0d000000-0000-4000-8000-000000000005', role: 'Business support' },
  ruth: {
    displayName: 'Ruth Bannerman',
    email: 'ruth.bannerman@anytown.example',
    entraObjectId: '0d000000-0000-4000-8000-000000000006',
    role: 'Independent reviewing officer',
  },
  alex: { displayName: 'Alex Reed', email: 'alex.reed@mail.example', role: 'Parent' },
  // On no case: a colleague in Sam's team, whom Core Groups offers to chair when Sam is out of office.
  dev: {
    displayName: 'Dev Patel',
    email: 'dev.patel@anytown.example',
    entraObjectId: '0d000000-0000-4000-8000-000000000007',
    role: 'Social worker (can stand in as vice chair)',
  },
} as const;
export type DemoPerson = keyof typeof DEMO_PEOPLE;

const member = (who: DemoPerson, agency: MemberInput['agency'], role: MemberInput['role']): MemberInput => {
  const p = DEMO_PEOPLE[who];
  return { person: { displayName: p.displayName, email: p.email, ...('entraObjectId' in p ? { entraObjectId: p.entraObjectId } : {}) }, agency, role };
};

const MEMBERS = [
  member('sam', 'childrens-social-care', 'chair'),
  member('maria', 'childrens-social-care', 'manager'),
  member('priya', 'health-visiting', 'professional'),
  member('tom', 'school', 'professional'),
  member('jo', 'childrens-social-care', 'business-support'),
  member('ruth', 'childrens-social-care', 'iro'),
  member('alex', 'family', 'parent-carer'),
];

const CHILDREN = [
  { profileId: 'england', name: 'Ellie May Carter', daysAgo: 3 },
  { profileId: 'west-midlands', name: 'Noah James Patel', daysAgo: 20 },
  { profileId: 'sefton', name: 'Amara Grace Obi', daysAgo: 70 },
  { profileId: 'northern-ireland', name: 'Cian Patrick Doyle', daysAgo: 35 },
  { profileId: 'wales', name: 'Megan Haf Pryce', daysAgo: 12 },
  { profileId: 'scotland', name: 'Isla Rose Campbell', daysAgo: 8 },
];

/** A wall-clock time in the UK on a day, as an instant (BST or GMT as the day has it). */
const londonAt = (day: LocalDate, hour: number, minute: number): string =>
  new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hour, minute, 'Europe/London').toISOString();

const initials = (name: string) =>
  name
    .split(' ')
    .map((s) => s.charAt(0))
    .join('');

/** Seeds the demo once: people, then six cases, and a little history on some of them. */
export async function seedDemo(ctx: AppContext): Promise<void> {
  const { sam, dev } = DEMO_PEOPLE;
  await ctx.store.transaction(async (tx) => {
    await tx.people.insert({ id: 'demo-sam', displayName: sam.displayName, email: sam.email, entraObjectId: sam.entraObjectId });
    await tx.people.insert({ id: 'demo-dev', displayName: dev.displayName, email: dev.email, entraObjectId: dev.entraObjectId });
  });
  const samActor = { personId: 'demo-sam' };
  // The organisation's list, as an administrator would keep it: Maria also keeps the list.
  const staff: [DemoPerson, OrgRole[]][] = [
    ['sam', ['social-worker']],
    ['dev', ['social-worker']],
    ['maria', ['team-manager', 'administrator']],
    ['jo', ['business-support']],
    ['ruth', ['iro']],
  ];
  for (const [who, roles] of staff) await setStaffRoles(ctx, SYSTEM_ACTOR, { email: DEMO_PEOPLE[who].email, roles });
  const today = todayOf(ctx);
  for (const [i, child] of CHILDREN.entries()) {
    const profile = ctx.profiles.get(child.profileId);
    const calendar = calendarFor(profile);
    const icpc = calendar.onOrBefore(addDays(today, -child.daysAgo));
    const c = await createCase(ctx, samActor, {
      reference: `CP-DEMO-${String(i + 1).padStart(3, '0')}`,
      childName: child.name,
      childInitials: initials(child.name),
      profileId: profile.id,
      icpcDate: icpc,
      members: MEMBERS,
    });
    const members = await ctx.store.transaction((tx) => tx.members.forCase(c.id));
    const hv = members.find((m) => m.agency === 'health-visiting');
    const school = members.find((m) => m.agency === 'school');
    await recordPlan(ctx, samActor, {
      caseId: c.id,
      outcomes: [`${initials(child.name)} lives in a home free from violence`, `${initials(child.name)} attends nursery or school every day`],
      actions: [
        ...(hv
          ? [
              {
                what: 'Weekly health visitor home visits',
                ownerMemberId: hv.id,
                agency: 'health-visiting' as const,
                byWhen: addDays(icpc, 56),
                howWeWillKnow: 'Visit log shared at each core group',
              },
            ]
          : []),
        ...(school
          ? [
              {
                what: 'Daily attendance check with a call home after 9:30',
                ownerMemberId: school.id,
                agency: 'school' as const,
                byWhen: addDays(icpc, 42),
                howWeWillKnow: 'Attendance above 95%',
              },
            ]
          : []),
      ],
    });
    const meetings = await ctx.store.transaction((tx) => tx.meetings.forCase(c.id));
    const first = meetings[0];
    if (!first) continue;
    const firstDay: LocalDate = calendar.addWorkingDays(icpc, Math.min(8, Math.max(1, child.daysAgo > 14 ? 8 : child.daysAgo + 2)));
    const booked = await bookMeeting(ctx, samActor, {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: londonAt(firstDay, 10, 0),
      endsAt: londonAt(firstDay, 11, 30),
      venue: i % 2 ? 'online' : 'office',
    });
    if (child.daysAgo <= 14) {
      await requestReports(ctx, samActor, { meetingId: first.id });
      continue;
    }
    // Older cases: the first core group was held, with updates in, and its minutes are with the manager (or approved).
    const reports = await requestReports(ctx, samActor, { meetingId: first.id });
    const priyaActor = { personId: (await ctx.store.transaction((tx) => tx.people.byEmail(DEMO_PEOPLE.priya.email)))!.id };
    const mariaActor = { personId: (await ctx.store.transaction((tx) => tx.people.byEmail(DEMO_PEOPLE.maria.email)))!.id };
    const priyasReport = reports.find((r) => r.memberId === hv?.id);
    if (priyasReport && firstDay > today) {
      await submitReport(ctx, priyaActor, {
        reportId: priyasReport.id,
        content: {
          attendance: 'attending',
          whatHasChanged: 'Home conditions improved; heating repaired.',
          workingWell: 'Parent attending the parenting group.',
          worries: 'Late-night visitors reported by neighbours.',
          needsToHappen: 'Police to share call-outs within 24 hours.',
          actions: [],
          safetyScale: 5,
        },
      });
    }
    if (firstDay >= today) continue;
    await recordMeetingHeld(ctx, samActor, {
      meetingId: booked.meeting.id,
      heldOn: firstDay,
      attendance: members.filter((m) => m.role !== 'iro').map((m) => ({ memberId: m.id, status: m.agency === 'school' ? 'apologies' : 'attended' })),
    });
    const draft = await draftMinutes(ctx, samActor, { meetingId: booked.meeting.id });
    const full = await editMinutes(ctx, samActor, {
      minutesId: draft.id,
      expectedVersion: draft.version,
      sections: {
        ...draft.sections,
        recentEvents: 'No new incidents reported.',
        agencyUpdates: draft.sections.agencyUpdates || 'Health visiting and school updates given verbally.',
        childsVoice: 'Said they like their new bedroom and their teacher.',
        childsVoiceHowGathered: 'Direct work with the social worker at home.',
        parentsViews: 'Agrees with the plan; wants help with housing.',
        parentsViewsHowGathered: 'At the meeting.',
        planReview: draft.sections.planReview || 'All actions on track.',
        nextMeeting: 'As planned',
      },
    });
    await submitMinutes(ctx, samActor, { minutesId: draft.id, expectedVersion: full.version });
    if (child.daysAgo > 50) await decideMinutes(ctx, mariaActor, { minutesId: draft.id, decision: 'approve' });
  }
}
