import { AppContext } from '../../src/app/context';
import { listStaff } from '../fixtures/staff';
import { setStaffRoles, SYSTEM_ACTOR } from '../../src/app/staff';
import { MemberInput } from '../../src/domain/case/members';
import { caseDetail } from '../../src/app/case-detail';
import { createCase } from '../../src/app/create-case';
import { bookMeeting, cancelMeeting, recordMeetingHeld } from '../../src/app/meetings';
import { decideMinutes, draftMinutes, editMinutes, markMinutesCirculated, submitMinutes } from '../../src/app/minutes';
import { myWork, teamCompliance } from '../../src/app/my-work';
import { raiseEscalation, recordEscalationOutcome, recordPlan, signPlan } from '../../src/app/plan';
import { requestReports, submitReport } from '../../src/app/reports';
import { formatLong } from '../../src/domain/calendar/local-date';
import { DomainError } from '../../src/domain/errors';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { Store } from '../../src/ports/store';
import { aCase, actor, aMember, aReport, PEOPLE } from '../fixtures/builders';
import { writeAndSubmitMinutes } from '../fixtures/core-group';
import { freshStore, storeKinds } from '../support/stores';

/**
 * The core-group workflow end to end through the use cases, on every database: the record every
 * surface (bot, tab, Outlook) shares.
 */
describe.each(storeKinds())('core-group workflow on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const clock = fixedClock('2026-12-18T15:00:00.000Z');
  let ctx: AppContext;
  beforeEach(async () => {
    ({ store, drop } = await freshStore(kind));
    clock.set('2026-12-18T15:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    await listStaff(ctx);
  });
  afterEach(() => drop());

  const idOf = async (who: keyof typeof PEOPLE) => (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
  const expectError = async (promise: Promise<unknown>, code: string, category: DomainError['category']) => {
    await expect(promise).rejects.toBeInstanceOf(DomainError);
    await expect(promise).rejects.toMatchObject({ code, category });
  };

  /** A case opened by its social worker, with its people's ids. */
  async function openCase() {
    await store.transaction(async (tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    const c = await createCase(ctx, actor('sam'), aCase());
    const ids = {
      sam: 'sam',
      maria: await idOf('maria'),
      hv: await idOf('hv'),
      school: await idOf('school'),
      bs: await idOf('bs'),
      parent: await idOf('parent'),
    };
    const meetings = await store.transaction((tx) => tx.meetings.forCase(c.id));
    const members = await store.transaction((tx) => tx.members.forCase(c.id));
    const memberOf = (personId: string) => members.find((m) => m.personId === personId)!;
    return { c, ids, meetings, memberOf };
  }

  it('takes a double click whose two requests arrive together as one booking, both answered', async () => {
    const { c, meetings } = await openCase();
    const first = meetings[0]!;
    const booking = {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00.000Z',
      endsAt: '2027-01-05T11:30:00.000Z',
      venue: 'office' as const,
    };
    // Both read the same version; on PostgreSQL the second write loses the race, runs again and finds the first.
    const [one, two] = await Promise.all([bookMeeting(ctx, actor('sam'), booking), bookMeeting(ctx, actor('sam'), booking)]);
    expect([one.alreadyRecorded, two.alreadyRecorded].filter(Boolean)).toHaveLength(1);
    expect(one.meeting.version).toBe(two.meeting.version);
    const audit = await store.transaction((tx) => tx.audit.forCase(c.id));
    expect(audit.filter((a) => a.action === 'meeting.booked' && a.entityId === first.id)).toHaveLength(1);
    expect((await store.transaction((tx) => tx.outbox.forCase(c.id))).filter((m) => m.topic === 'agenda.post')).toHaveLength(1);
  });

  it('opens a case with its plan of core groups, audited, under the profile version in force', async () => {
    const { c, meetings } = await openCase();
    expect(c).toMatchObject({ reference: 'CP-2026-0042', childInitials: 'LRE', profileId: 'england', profileVersion: '2018-07', status: 'open' });
    expect(meetings.slice(0, 3).map((m) => [m.number, m.status, m.due])).toEqual([
      [1, 'planned', '2027-01-06'],
      [2, 'planned', '2027-01-29'],
      [3, 'planned', '2027-03-12'],
    ]);
    const obligations = await store.transaction((tx) => tx.obligations.forCase(c.id));
    expect(obligations.find((o) => o.obligationId === 'review-conference-1')?.due).toBe('2027-03-18');
    const auditTrail = await store.transaction((tx) => tx.audit.forCase(c.id));
    expect(auditTrail.map((a) => a.action)).toEqual(['case.created']);
    expect(JSON.stringify(auditTrail)).not.toContain('Lily');
  });

  it('refuses a bad case naming the fields, and writes nothing', async () => {
    await store.transaction(async (tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    const bad = aCase({ reference: 'x', childInitials: 'lre', members: [aMember('sam'), aMember('hv', { person: { ...PEOPLE.hv, email: 'not-an-email' } })] });
    const attempt = createCase(ctx, actor('sam'), bad);
    await expect(attempt).rejects.toMatchObject({ code: 'CASE.INVALID', category: 'invalid' });
    const fields = ((await attempt.catch((e: DomainError) => e)) as DomainError).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['reference', 'childInitials', 'members.1.person.email', 'members']));
    await createCase(ctx, actor('sam'), aCase());
    await expectError(createCase(ctx, actor('sam'), aCase({ childName: 'Another Child' })), 'CASE.DUPLICATE_REFERENCE', 'conflict');
    expect(await store.transaction((tx) => tx.people.byEmail('not-an-email'))).toBeUndefined();
  });

  it('finds people by several addresses at once, whatever their case, leaving out addresses nobody has', async () => {
    await store.transaction(async (tx) => {
      await tx.people.insert({ id: 'sam', ...PEOPLE.sam });
      await tx.people.insert({ id: 'hv', ...PEOPLE.hv });
    });
    const found = await store.transaction((tx) =>
      tx.people.byEmails([PEOPLE.hv.email.toUpperCase(), 'nobody@anytown.example', PEOPLE.sam.email, PEOPLE.sam.email]),
    );
    expect(found.map((p) => p.id).sort()).toEqual(['hv', 'sam']);
    expect(await store.transaction((tx) => tx.people.byEmails([]))).toEqual([]);
  });

  // Roles that run a case come from the organisation's list, never from the form. One line a case:
  // who opens it, the members as sent, and the member field the refusal names (or none).
  const forged: [string, keyof typeof PEOPLE, () => MemberInput[], string | undefined][] = [
    ['a parent naming himself chair', 'parent', () => [aMember('parent', { role: 'chair', agency: 'childrens-social-care' }), aMember('maria')], undefined],
    ['a school contact naming herself manager', 'sam', () => [aMember('sam'), aMember('school', { role: 'manager' })], 'members.1.role'],
    ['a health visitor named chair by the manager', 'maria', () => [aMember('hv', { role: 'chair' }), aMember('maria')], 'members.0.role'],
    ['a parent named IRO', 'sam', () => [aMember('sam'), aMember('maria'), aMember('parent', { role: 'iro' })], 'members.2.role'],
    [
      'a school contact named business support who then opens it',
      'school',
      () => [aMember('sam'), aMember('maria'), aMember('school', { role: 'business-support' })],
      undefined,
    ],
  ];
  it.each(forged)('refuses %s, and writes nothing', async (_, opener, members, field) => {
    const person = PEOPLE[opener];
    await store.transaction(async (tx) => tx.people.insert({ id: opener, ...person }));
    const attempt = createCase(ctx, actor(opener), aCase({ members: members() }));
    await expect(attempt).rejects.toMatchObject({ category: 'forbidden' });
    const error = (await attempt.catch((e: DomainError) => e)) as DomainError;
    if (field) expect(error.fields.map((f) => f.field)).toEqual([field]);
    else expect(error.code).toBe('CASE.OPENER_NOT_STAFF');
    expect(await store.transaction((tx) => tx.cases.byReference('CP-2026-0042'))).toBeUndefined();
  });

  it('opens a case when every role is backed, and says in words what a refused one needs', async () => {
    await store.transaction(async (tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    const refused = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('school', { role: 'manager' })] })).catch(
      (e: DomainError) => e,
    )) as DomainError;
    expect(refused.fields[0]?.problem).toBe('Tom Farrell cannot be manager: the organisation does not list them as a team manager');
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: PEOPLE.school.email, roles: ['team-manager'] });
    await expect(createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('school', { role: 'manager' })] }))).resolves.toMatchObject({
      reference: 'CP-2026-0042',
    });
  });

  it('hides a case from people who are not on it', async () => {
    const { c } = await openCase();
    await store.transaction((tx) => tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }));
    await expectError(recordPlan(ctx, actor('stranger'), { caseId: c.id, outcomes: ['Lily is safe at home'] }), 'CASE.NOT_FOUND', 'not-found');
  });

  it('shows the plan on the case as it stands: its actions, and who agreed, who wants to discuss it and why, who has not answered', async () => {
    const { c, ids, memberOf } = await openCase();
    expect((await caseDetail(ctx, actor(ids.sam), c.id)).plan).toBeUndefined();
    await recordPlan(ctx, actor(ids.sam), {
      caseId: c.id,
      outcomes: ['Lily lives in a home free from violence'],
      actions: [
        {
          what: 'Weekly health visitor visits',
          ownerMemberId: memberOf(ids.hv).id,
          agency: 'health-visiting',
          byWhen: '2027-02-28',
          howWeWillKnow: 'Visit log',
        },
      ],
    });
    clock.set('2026-12-21T10:00:00.000Z');
    await signPlan(ctx, actor(ids.hv), { caseId: c.id, agrees: true });
    await signPlan(ctx, actor(ids.school), { caseId: c.id, agrees: false, comment: 'Nothing in it for the school yet.' });
    const plan = (await caseDetail(ctx, actor(ids.sam), c.id)).plan!;
    expect(plan).toMatchObject({
      version: 1,
      outcomes: ['Lily lives in a home free from violence'],
      actions: [{ what: 'Weekly health visitor visits', ownerMemberId: memberOf(ids.hv).id, byWhen: '2027-02-28', status: 'not-started' }],
    });
    const answer = (personId: string) => plan.agreement.find((a) => a.memberId === memberOf(personId).id);
    expect(answer(ids.hv)).toEqual({ memberId: memberOf(ids.hv).id, answer: 'agreed', at: '2026-12-21T10:00:00.000Z' });
    expect(answer(ids.school)).toMatchObject({ answer: 'discuss', comment: 'Nothing in it for the school yet.' });
    expect(answer(ids.parent)).toEqual({ memberId: memberOf(ids.parent).id, answer: 'waiting' });
    // Asked of those who carry the plan out and the family, not the manager or business support.
    expect(answer(ids.maria)).toBeUndefined();
    expect(answer(ids.bs)).toBeUndefined();
  });

  it('runs a core group from booking to circulated minutes', async () => {
    const { c, ids, meetings, memberOf } = await openCase();
    const first = meetings[0]!;

    // The plan, with an action owned by the health visitor.
    await recordPlan(ctx, actor(ids.sam), {
      caseId: c.id,
      outcomes: ['Lily lives in a home free from violence'],
      actions: [
        {
          what: 'Weekly health visitor visits',
          ownerMemberId: memberOf(ids.hv).id,
          agency: 'health-visiting',
          byWhen: '2027-02-28',
          howWeWillKnow: 'Visit log shared at each core group',
        },
      ],
    });
    const [action] = await store.transaction((tx) => tx.plan.actionsForCase(c.id));

    // Booked inside the window: calendar write and agenda queued in the same transaction.
    const booked = await bookMeeting(ctx, actor(ids.sam), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    expect(booked.late).toBe(false);
    // The same booking sent twice by the chair (a double click): already recorded, nothing queued twice.
    const outboxRows = async () => (await store.transaction((tx) => tx.outbox.forCase(c.id))).length;
    const queued = await outboxRows();
    const twice = await bookMeeting(ctx, actor(ids.sam), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00.000Z',
      endsAt: '2027-01-05T11:30:00.000Z',
      venue: 'office',
    });
    expect(twice).toMatchObject({ alreadyRecorded: true, late: false, meeting: { version: booked.meeting.version, startsAt: booked.meeting.startsAt } });
    expect(await outboxRows()).toBe(queued);
    // A different time from the version they saw is a real conflict.
    await expectError(
      bookMeeting(ctx, actor(ids.sam), {
        meetingId: first.id,
        expectedVersion: first.version,
        startsAt: '2027-01-05T14:00:00Z',
        endsAt: '2027-01-05T15:30:00Z',
        venue: 'office',
      }),
      'STORE.CONFLICT',
      'conflict',
    );
    await expectError(
      bookMeeting(ctx, actor(ids.hv), {
        meetingId: first.id,
        expectedVersion: booked.meeting.version,
        startsAt: '2027-01-05T10:00:00Z',
        endsAt: '2027-01-05T11:30:00Z',
        venue: 'office',
      }),
      'MEETING.FORBIDDEN',
      'forbidden',
    );

    // Reports requested from the professionals (not the chair, not the family).
    const reports = await requestReports(ctx, actor(ids.sam), { meetingId: first.id });
    expect(reports.map((r) => r.memberId).sort()).toEqual([memberOf(ids.hv).id, memberOf(ids.school).id].sort());
    const hvReport = reports.find((r) => r.memberId === memberOf(ids.hv).id)!;
    const schoolReport = reports.find((r) => r.memberId === memberOf(ids.school).id)!;

    clock.set('2027-01-04T12:00:00.000Z');
    await submitReport(ctx, actor(ids.hv), { reportId: hvReport.id, content: aReport({ actions: [{ actionId: action!.id, progress: 'on-track' }] }) });
    // She expects to send apologies, then comes after all (recorded as attended below).
    const edited = await submitReport(ctx, actor(ids.hv), { reportId: hvReport.id, content: aReport({ safetyScale: 7, attendance: 'apologies' }) });
    expect(edited.version).toBe(2);
    expect((await store.transaction((tx) => tx.reports.versions(hvReport.id))).map((v) => v.content.safetyScale)).toEqual([6, 7]);
    await expectError(submitReport(ctx, actor(ids.school), { reportId: hvReport.id, content: aReport() }), 'REPORT.FORBIDDEN', 'forbidden');
    await expectError(submitReport(ctx, actor(ids.hv), { reportId: hvReport.id, content: aReport({ safetyScale: 11 }) }), 'REPORT.INVALID', 'invalid');
    const onBehalf = await submitReport(ctx, actor(ids.bs), { reportId: schoolReport.id, content: aReport({ attendance: 'apologies' }) });
    expect(onBehalf).toMatchObject({ onBehalf: true, submittedBy: ids.bs });

    // Once the meeting starts, updates are closed.
    clock.set('2027-01-05T10:00:00.000Z');
    await expectError(submitReport(ctx, actor(ids.hv), { reportId: hvReport.id, content: aReport() }), 'REPORT.CLOSED', 'conflict');

    // Held; the minutes are pre-filled from attendance and the updates.
    clock.set('2027-01-05T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor(ids.sam), {
      meetingId: first.id,
      heldOn: '2027-01-05',
      attendance: [
        { memberId: memberOf(ids.sam).id, status: 'attended' },
        { memberId: memberOf(ids.hv).id, status: 'attended' },
        { memberId: memberOf(ids.school).id, status: 'apologies' },
      ],
    });
    // The next core group booked for its deadline, at 2 pm: the draft says when in words.
    const second = await store.transaction(async (tx) => (await tx.meetings.forCase(c.id)).find((m) => m.number === 2)!);
    await bookMeeting(ctx, actor(ids.sam), {
      meetingId: second.id,
      expectedVersion: second.version,
      startsAt: `${second.due}T14:00:00Z`,
      endsAt: `${second.due}T15:30:00Z`,
      venue: 'office',
    });
    const draft = await draftMinutes(ctx, actor(ids.hv), { meetingId: first.id });
    expect(draft.sections.nextMeeting).toBe(`Core group 2, due by ${formatLong(second.due)}, booked for ${formatLong(second.due)} at 14:00`);
    // Each person with their agency, and any role but professional in words.
    expect(draft.sections.attendance.split('\n').sort()).toEqual(['Priya Desai (Health visiting)', "Sam Okafor (Children's social care, chair)"]);
    expect(draft.sections.apologies).toBe('Tom Farrell (School)');
    expect(draft.sections.agencyUpdates).toContain('Safety scale: 7/10');
    // Apologies as recorded at the meeting, not as the update expected: Priya came after all.
    expect(draft.sections.agencyUpdates).toContain('Tom Farrell (School) — written update (apologies)');
    expect(draft.sections.agencyUpdates).toContain('Priya Desai (Health visiting)\nWhat has changed');
    expect(draft.sections.planReview).toContain('Weekly health visitor visits');

    // Two people editing: the second save with a stale version is refused, not silently lost.
    const mine = await editMinutes(ctx, actor(ids.hv), {
      minutesId: draft.id,
      expectedVersion: draft.version,
      sections: { ...draft.sections, recentEvents: 'Police attended once (no arrest).' },
    });
    await expectError(
      editMinutes(ctx, actor(ids.sam), { minutesId: draft.id, expectedVersion: draft.version, sections: { ...draft.sections, recentEvents: 'Nothing new.' } }),
      'STORE.CONFLICT',
      'conflict',
    );
    // The same save sent twice by the one who made it is already recorded, not "someone else changed these minutes"…
    const again = await editMinutes(ctx, actor(ids.hv), {
      minutesId: draft.id,
      expectedVersion: draft.version,
      sections: { ...draft.sections, recentEvents: 'Police attended once (no arrest).' },
    });
    expect(again).toMatchObject({ alreadyRecorded: true, version: mine.version });
    // …but the same text sent by someone else over a version they never saw is still a conflict.
    await expectError(
      editMinutes(ctx, actor(ids.sam), {
        minutesId: draft.id,
        expectedVersion: draft.version,
        sections: { ...draft.sections, recentEvents: 'Police attended once (no arrest).' },
      }),
      'STORE.CONFLICT',
      'conflict',
    );

    // Submitting needs the child's voice and the parents' views, among others.
    const incomplete = submitMinutes(ctx, actor(ids.hv), { minutesId: draft.id, expectedVersion: mine.version });
    await expect(incomplete).rejects.toMatchObject({ code: 'MINUTES.INCOMPLETE' });
    const complete = await editMinutes(ctx, actor(ids.hv), {
      minutesId: draft.id,
      expectedVersion: mine.version,
      sections: {
        ...mine.sections,
        childsVoice: 'Lily drew her family and said she likes nursery.',
        childsVoiceHowGathered: 'Direct work with the social worker, 3 Jan.',
        parentsViews: 'Mum agrees with the plan.',
        nextMeeting: 'Core group 2 by 29 Jan 2027',
      },
    });
    const submitted = await submitMinutes(ctx, actor(ids.hv), { minutesId: draft.id, expectedVersion: complete.version });
    expect(submitted.status).toBe('submitted');
    const approvalRequests = async () =>
      (await store.transaction((tx) => tx.outbox.forCase(c.id))).filter((m) => m.topic === 'minutes.approval-request').length;
    const requested = await approvalRequests();
    await expect(submitMinutes(ctx, actor(ids.hv), { minutesId: draft.id, expectedVersion: complete.version })).resolves.toMatchObject({
      alreadyRecorded: true,
      status: 'submitted',
      version: submitted.version,
    });
    expect(await approvalRequests()).toBe(requested);

    // Only the case's manager decides; a second click changes nothing.
    await expectError(decideMinutes(ctx, actor(ids.sam), { minutesId: draft.id, decision: 'approve' }), 'MINUTES.NOT_APPROVER', 'forbidden');
    await expectError(decideMinutes(ctx, actor(ids.maria), { minutesId: draft.id, decision: 'return', comments: '' }), 'MINUTES.COMMENTS_REQUIRED', 'invalid');
    clock.set('2027-01-07T09:00:00.000Z');
    const approved = await decideMinutes(ctx, actor(ids.maria), { minutesId: draft.id, decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: ids.maria });
    await expect(decideMinutes(ctx, actor(ids.maria), { minutesId: draft.id, decision: 'approve' })).resolves.toMatchObject({
      alreadyRecorded: true,
      status: 'approved',
      version: approved.version,
    });
    // Returning minutes already approved is not the same decision: refused.
    await expectError(
      decideMinutes(ctx, actor(ids.maria), { minutesId: draft.id, decision: 'return', comments: 'Add the parents’ views.' }),
      'MINUTES.NOT_SUBMITTED',
      'conflict',
    );

    // Circulation is queued per recipient: Teams for people in the tenant, mail for the parent.
    const outbox = await store.transaction((tx) => tx.outbox.forCase(c.id));
    const recipientOf = (m: (typeof outbox)[number]) => ('personId' in m.payload ? m.payload.personId : undefined);
    const circulation = outbox.filter((m) => m.topic.startsWith('minutes.circulate'));
    expect(circulation.find((m) => recipientOf(m) === ids.parent)?.topic).toBe('minutes.circulate.mail');
    expect(circulation.find((m) => recipientOf(m) === ids.hv)?.topic).toBe('minutes.circulate.teams');
    expect(outbox.map((m) => m.topic)).toEqual(
      expect.arrayContaining(['calendar.create-event', 'agenda.post', 'report.request', 'minutes.approval-request', 'minutes.decided']),
    );
    expect(JSON.stringify(outbox)).not.toContain('Lily');

    const circulated = await markMinutesCirculated(ctx, actor(ids.bs), {
      minutesId: draft.id,
      recipients: [
        { personId: ids.hv, channel: 'teams', at: '2027-01-07T09:05:00.000Z' },
        { personId: ids.parent, channel: 'mail', at: '2027-01-07T09:05:00.000Z' },
      ],
    });
    expect(circulated.status).toBe('circulated');
    const obligations = await store.transaction((tx) => tx.obligations.forCase(c.id));
    const done = (id: string) => obligations.find((o) => o.obligationId === id)?.doneOn;
    expect([
      done('core-group-1'),
      done('minutes-to-manager-core-group-1'),
      done('minutes-signed-off-core-group-1'),
      done('minutes-circulated-core-group-1'),
    ]).toEqual(['2027-01-05', '2027-01-05', '2027-01-07', '2027-01-07']);

    const actions = (await store.transaction((tx) => tx.audit.forCase(c.id))).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'plan.recorded',
        'meeting.booked',
        'reports.requested',
        'report.submitted',
        'report.edited',
        'meeting.held',
        'minutes.drafted',
        'minutes.edited',
        'minutes.submitted',
        'minutes.approved',
        'minutes.circulated',
      ]),
    );
    expect(JSON.stringify(await store.transaction((tx) => tx.audit.forCase(c.id)))).not.toContain('Partner still visiting');
  });

  it('never lets the manager approve minutes they wrote', async () => {
    const { ids, meetings } = await openCase();
    clock.set('2027-01-05T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor(ids.sam), { meetingId: meetings[0]!.id, heldOn: '2027-01-05', attendance: [] });
    const submitted = await writeAndSubmitMinutes(ctx, ids.maria, meetings[0]!.id);
    await expectError(decideMinutes(ctx, actor(ids.maria), { minutesId: submitted.id, decision: 'approve' }), 'MINUTES.NOT_APPROVER', 'forbidden');
  });

  it('records core groups as held only in their order, each after the one before', async () => {
    const { c, ids, meetings } = await openCase();
    clock.set('2027-03-01T12:00:00.000Z');
    const [first, second] = [meetings.find((m) => m.number === 1)!, (await store.transaction((tx) => tx.meetings.forCase(c.id))).find((m) => m.number === 2)!];
    await expectError(
      recordMeetingHeld(ctx, actor(ids.sam), { meetingId: second.id, heldOn: '2027-01-20', attendance: [] }),
      'MEETING.OUT_OF_ORDER',
      'conflict',
    );
    expect((await store.transaction((tx) => tx.meetings.byId(second.id)))?.status).toBe('planned');
    await recordMeetingHeld(ctx, actor(ids.sam), { meetingId: first.id, heldOn: '2027-01-05', attendance: [] });
    await expectError(
      recordMeetingHeld(ctx, actor(ids.sam), { meetingId: second.id, heldOn: '2027-01-05', attendance: [] }),
      'MEETING.OUT_OF_ORDER',
      'invalid',
    );
    const held = await recordMeetingHeld(ctx, actor(ids.sam), { meetingId: second.id, heldOn: '2027-01-20', attendance: [] });
    expect(held).toMatchObject({ status: 'held', heldOn: '2027-01-20' });
  });

  it('flags a booking after the deadline, and re-plans a cancelled core group', async () => {
    const { c, ids, meetings } = await openCase();
    const first = meetings[0]!;
    const late = await bookMeeting(ctx, actor(ids.sam), {
      meetingId: first.id,
      expectedVersion: 1,
      startsAt: '2027-01-08T10:00:00Z',
      endsAt: '2027-01-08T11:30:00Z',
      lateReason: 'The school is closed until then.',
      venue: 'online',
    });
    expect(late.late).toBe(true);
    expect((await store.transaction((tx) => tx.outbox.forCase(c.id))).map((m) => m.topic)).toContain('compliance.meeting-late');
    await expectError(cancelMeeting(ctx, actor(ids.sam), { meetingId: first.id, reason: 'ill' }), 'MEETING.INVALID', 'invalid');
    const { cancelled, replacement } = await cancelMeeting(ctx, actor(ids.sam), {
      meetingId: first.id,
      reason: 'Chair and vice chair both off sick; family agreed to rearrange.',
    });
    expect(cancelled.status).toBe('cancelled');
    expect(replacement).toMatchObject({ number: 1, status: 'planned', due: '2027-01-06' });
    expect((await store.transaction((tx) => tx.outbox.forCase(c.id))).map((m) => m.topic)).toContain('calendar.cancel-event');
  });

  it('lists minutes returned for changes for whoever wrote them and the chair, until they are resubmitted', async () => {
    const { c, ids, meetings } = await openCase();
    clock.set('2027-01-05T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor(ids.sam), { meetingId: meetings[0]!.id, heldOn: '2027-01-05', attendance: [] });
    const written = await writeAndSubmitMinutes(ctx, ids.hv, meetings[0]!.id);
    clock.set('2027-01-06T09:30:00.000Z');
    const returned = await decideMinutes(ctx, actor(ids.maria), { minutesId: written.id, decision: 'return', comments: 'Add the parents’ views.' });
    const row = {
      minutesId: written.id,
      caseId: c.id,
      reference: 'CP-2026-0042',
      meetingNumber: 1,
      returnedAt: '2027-01-06T09:30:00.000Z',
      returnComments: 'Add the parents’ views.',
    };
    expect((await myWork(ctx, actor(ids.hv))).minutesReturned).toEqual([row]);
    expect((await myWork(ctx, actor(ids.sam))).minutesReturned).toEqual([row]);
    expect((await myWork(ctx, actor(ids.school))).minutesReturned).toEqual([]);
    expect((await myWork(ctx, actor(ids.maria))).minutesReturned).toEqual([]);
    await submitMinutes(ctx, actor(ids.hv), { minutesId: written.id, expectedVersion: returned.version });
    expect((await myWork(ctx, actor(ids.sam))).minutesReturned).toEqual([]);
  });

  it("shows each person their work, and a manager their team's compliance", async () => {
    const { c, ids, meetings } = await openCase();
    await requestReports(ctx, actor(ids.sam), { meetingId: meetings[0]!.id });
    clock.set('2027-01-04T09:00:00.000Z');
    const sams = await myWork(ctx, actor(ids.sam));
    expect(sams.today).toBe('2027-01-04');
    expect(sams.cases).toEqual([
      expect.objectContaining({
        reference: 'CP-2026-0042',
        childInitials: 'LRE',
        colour: 'amber',
        next: { obligationId: 'core-group-1', kind: 'core-group', due: '2027-01-06', workingDaysLeft: 2 },
      }),
    ]);
    const school = await myWork(ctx, actor(ids.school));
    expect(school.reportsOwed).toEqual([expect.objectContaining({ caseId: c.id, meetingNumber: 1, meetingDue: '2027-01-06' })]);
    clock.set('2027-01-07T09:00:00.000Z');
    const team = await teamCompliance(ctx, actor(ids.maria));
    expect(team.totals).toEqual({ red: 1, amber: 0, green: 0 });
    expect(team.bySocialWorker[0]).toMatchObject({ displayName: 'Sam Okafor', totals: { red: 1, amber: 0, green: 0 } });
  });

  it('lists the updates a professional owes by when each meeting is, not by its deadline', async () => {
    const { meetings: first } = await openCase();
    // A second child: its ICPC a working day later, so its core group 1 is due a day later (7 Jan).
    const second = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0043', childName: 'Noah Example', childInitials: 'NE', icpcDate: '2026-12-21' }),
    );
    const secondFirst = (await store.transaction((tx) => tx.meetings.forCase(second.id)))[0]!;
    const book = (meetingId: string, day: string) =>
      bookMeeting(ctx, actor('sam'), { meetingId, expectedVersion: 1, startsAt: `${day}T10:00:00.000Z`, endsAt: `${day}T11:30:00.000Z`, venue: 'office' });
    await book(first[0]!.id, '2027-01-06');
    await book(secondFirst.id, '2027-01-05');
    await requestReports(ctx, actor('sam'), { meetingId: first[0]!.id });
    await requestReports(ctx, actor('sam'), { meetingId: secondFirst.id });
    clock.set('2027-01-04T09:00:00.000Z');
    const owed = (await myWork(ctx, actor(await idOf('school')))).reportsOwed;
    expect(owed.map((r) => [r.reference, r.meetingDue, r.meetingStartsAt])).toEqual([
      ['CP-2026-0043', '2027-01-07', '2027-01-05T10:00:00.000Z'],
      ['CP-2026-0042', '2027-01-06', '2027-01-06T10:00:00.000Z'],
    ]);
  });

  it('records plan agreement and escalations to the IRO', async () => {
    const { c, ids } = await openCase();
    await recordPlan(ctx, actor(ids.sam), { caseId: c.id, outcomes: ['Lily is safe'] });
    await expectError(signPlan(ctx, actor(ids.hv), { caseId: c.id, agrees: false }), 'PLAN.INVALID', 'invalid');
    const result = await signPlan(ctx, actor(ids.hv), { caseId: c.id, agrees: false, comment: 'The plan has no action for the school.' });
    expect(result.allSigned).toBe(false);
    const escalation = await raiseEscalation(ctx, actor(ids.school), {
      caseId: c.id,
      kind: 'early-review-request',
      concern: 'Two further police call-outs this week; the plan is not keeping Lily safe.',
    });
    const iro = await idOf('iro');
    expect(escalation.raisedTo).toBe(iro);
    await expectError(
      recordEscalationOutcome(ctx, actor(ids.hv), { caseId: c.id, escalationId: escalation.id, outcome: 'Early review conference booked for 12 Jan.' }),
      'ESCALATION.FORBIDDEN',
      'forbidden',
    );
    await recordEscalationOutcome(ctx, actor(iro), { caseId: c.id, escalationId: escalation.id, outcome: 'Early review conference booked for 12 Jan.' });
    await expectError(
      recordEscalationOutcome(ctx, actor(iro), { caseId: c.id, escalationId: escalation.id, outcome: 'Something else entirely.' }),
      'ESCALATION.ALREADY_RESOLVED',
      'conflict',
    );
    const [stored] = await store.transaction((tx) => tx.escalations.forCase(c.id));
    expect(stored).toMatchObject({ outcome: 'Early review conference booked for 12 Jan.', resolvedAt: '2026-12-18T15:00:00.000Z' });
  });
});
