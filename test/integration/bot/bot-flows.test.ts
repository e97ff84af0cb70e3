import http from 'node:http';
import { listStaff } from '../../fixtures/staff';
import { AddressInfo } from 'node:net';
import express from 'express';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { recordCirculationDelivered, submitMinutes } from '../../../src/app/minutes';
import { recordPlan } from '../../../src/app/plan';
import { requestReports } from '../../../src/app/reports';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { writeAndSubmitMinutes } from '../../fixtures/core-group';
import { cardActionInvoke } from '../../support/activities';
import { cardDeliveries } from '../../../bot/deliveries';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { RecordingMessenger } from '../../support/recording-messenger';

const links = { caseUrl: (id: string) => `http://127.0.0.1/#/cases/${id}`, minutesUrl: (id: string) => `http://127.0.0.1/#/minutes/${id}` };
/** The element with this id anywhere in a card. */
function findInput(node: unknown, id: string): { value?: unknown } {
  if (!node || typeof node !== 'object') return {};
  if ((node as { id?: unknown }).id === id) return node as { value?: unknown };
  for (const child of Object.values(node)) {
    const found = findInput(child, id);
    if (found !== undefined && Object.keys(found).length) return found;
  }
  return {};
}
const as = (who: keyof typeof PEOPLE) => ({
  id: `29:${who}`,
  aadObjectId: (PEOPLE[who] as { entraObjectId: string }).entraObjectId,
  name: PEOPLE[who].displayName,
});

describe('bot card actions over /api/messages (local mode)', () => {
  let store: Store;
  let server: http.Server;
  let url: string;
  let ctx: AppContext;
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  let reportId: string;
  let actionId: string;
  let minutesId: string;

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const c = await createCase(
      ctx,
      actor('sam'),
      aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent'), aMember('bs')] }),
    );
    const members = await store.transaction((tx) => tx.members.forCase(c.id));
    const hvMember = members.find((m) => m.agency === 'health-visiting')!;
    await recordPlan(ctx, actor('sam'), {
      caseId: c.id,
      outcomes: ['Safe at home'],
      actions: [
        {
          what: 'Weekly health visitor visits',
          ownerMemberId: hvMember.id,
          agency: 'health-visiting',
          byWhen: '2027-02-28',
          howWeWillKnow: 'Visit log at each core group',
        },
      ],
    });
    actionId = (await store.transaction((tx) => tx.plan.actionsForCase(c.id)))[0]!.id;
    const [first, second] = await store.transaction((tx) => tx.meetings.forCase(c.id));
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first!.id,
      expectedVersion: first!.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    reportId = (await requestReports(ctx, actor('sam'), { meetingId: first!.id })).find((r) => r.memberId === hvMember.id)!.id;
    void second;

    // Minutes waiting for the manager: another case's first core group, held (this case's stays open for its update).
    clock.set('2027-01-05T12:00:00.000Z');
    const other = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0043', members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent'), aMember('bs')] }),
    );
    const held = await store.transaction(async (tx) => (await tx.meetings.forCase(other.id)).find((m) => m.number === 1)!);
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: held.id, heldOn: '2027-01-05', attendance: [] });
    minutesId = (await writeAndSubmitMinutes(ctx, 'sam', held.id)).id;
    clock.set('2027-01-04T09:00:00.000Z');

    const app = express();
    app.use(express.json());
    app.post(
      '/api/messages',
      messagesEndpoint(
        createAdapter({}, async () => undefined),
        new CoreGroupsBot({ ctx, links }),
      ),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  const invoke = async (verb: string, data: Record<string, unknown>, from: ReturnType<typeof as>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cardActionInvoke(verb, data, from)) });
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; type: string; value: Record<string, unknown> };
  };
  const text = (r: { value: unknown }) => JSON.stringify(r.value);

  it('shows the update form with each problem beside its field when the submit is incomplete', async () => {
    const r = await invoke(
      'report.submit',
      { reportId, attendance: 'attending', whatHasChanged: 'Flat warmer', safetyScale: '12', [`action.${actionId}.progress`]: 'blocked' },
      as('hv'),
    );
    expect(r).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(text(r)).toContain('Please fix “What is working well?”');
    expect(text(r)).toContain('say what is blocking it');
    expect(text(r)).toContain('Flat warmer');
    expect(await store.transaction(async (tx) => (await tx.reports.byId(reportId))!.version)).toBe(0);
  });

  it('asks how each plan action is going rather than recording an unanswered one as "not started"', async () => {
    const form = await invoke('report.edit', { reportId }, as('hv'));
    // Nothing is chosen for her, and the card's submit names the actions it asks about.
    expect(findInput(form.value, `action.${actionId}.progress`).value).toBeFalsy();
    expect(text(form)).toContain(`"actionIds":["${actionId}"]`);
    const r = await invoke(
      'report.submit',
      { reportId, actionIds: [actionId], attendance: 'attending', whatHasChanged: 'c', workingWell: 'w', worries: 'o', needsToHappen: 'n', safetyScale: '6' },
      as('hv'),
    );
    expect(text(r)).toContain('Choose how this action is going');
    expect(findInput(r.value, 'whatHasChanged').value).toBe('c');
    expect(await store.transaction(async (tx) => (await tx.reports.byId(reportId))!.version)).toBe(0);
  });

  it('says what is wrong in plain words, naming the question, never a validator message', async () => {
    const long = 'x'.repeat(5231);
    const r = await invoke(
      'report.submit',
      { reportId, attendance: '', whatHasChanged: long, workingWell: 'Parenting group', worries: 'w', needsToHappen: 'n', safetyScale: '5.5' },
      as('hv'),
    );
    const t = text(r);
    expect(t).toContain('Choose whether you are attending or sending apologies');
    expect(t).toContain('Keep this under 5,000 characters (you wrote 5,231)');
    expect(t).toContain('give a whole number from 0 to 10');
    expect(t).toContain('Please fix “Will you attend?”, “What has changed for the child and family?”, “Safety scale” (marked below), then submit again.');
    expect(t).not.toMatch(/Invalid|Too big|expected/);
    expect(findInput(r.value, 'safetyScale').value).toBe(5.5);
  });

  it('accepts a complete update and refreshes the card to a read-only submitted view with edit', async () => {
    const r = await invoke(
      'report.submit',
      {
        reportId,
        attendance: 'apologies',
        whatHasChanged: 'Flat warmer',
        workingWell: 'Parenting group',
        worries: 'Late visitors',
        needsToHappen: 'Police to share call-outs',
        safetyScale: '6',
        [`action.${actionId}.progress`]: 'on-track',
      },
      as('hv'),
    );
    expect(text(r)).toContain('Update submitted');
    expect(text(r)).toContain('report.edit');
    expect(text(r)).not.toContain('Lily');
    const saved = await store.transaction(async (tx) => (await tx.reports.byId(reportId))!);
    expect(saved).toMatchObject({ version: 1, status: 'submitted', onBehalf: false });
  });

  it('takes a double click on "Submit my update" as one submission: "Already recorded", no second version, nothing queued again', async () => {
    const queued = async () =>
      (await store.transaction(async (tx) => tx.outbox.forCase((await tx.reports.byId(reportId))!.caseId))).filter((m) => m.topic === 'report.submitted')
        .length;
    const before = await queued();
    const r = await invoke(
      'report.submit',
      {
        reportId,
        attendance: 'apologies',
        whatHasChanged: 'Flat warmer',
        workingWell: 'Parenting group',
        worries: 'Late visitors',
        needsToHappen: 'Police to share call-outs',
        safetyScale: '6',
        [`action.${actionId}.progress`]: 'on-track',
      },
      as('hv'),
    );
    expect(r.statusCode).toBe(200);
    expect(text(r)).toContain('Update submitted');
    expect(text(r)).toContain('Already recorded: this update was already in, exactly as sent.');
    expect(text(r)).not.toContain('Someone else changed');
    expect(await store.transaction(async (tx) => (await tx.reports.versions(reportId)).length)).toBe(1);
    expect(await queued()).toBe(before);
  });

  it('brings an edit back with errors showing what was submitted, not what was stored', async () => {
    const r = await invoke(
      'report.submit',
      {
        reportId,
        attendance: 'attending',
        whatHasChanged: 'Flat colder again',
        workingWell: '',
        worries: 'Late visitors',
        needsToHappen: 'Housing repairs',
        safetyScale: '4',
        [`action.${actionId}.progress`]: 'done',
        [`action.${actionId}.comment`]: 'Visits weekly since December',
      },
      as('hv'),
    );
    const inputs = JSON.stringify(r.value);
    const byId = (id: string) => findInput(r.value, id);
    expect(byId('attendance').value).toBe('attending');
    expect(byId('whatHasChanged').value).toBe('Flat colder again');
    expect(byId(`action.${actionId}.progress`).value).toBe('done');
    expect(byId(`action.${actionId}.comment`).value).toBe('Visits weekly since December');
    expect(inputs).not.toContain('Parenting group');
    expect(await store.transaction(async (tx) => (await tx.reports.byId(reportId))!.version)).toBe(1);
  });

  it('refuses a forwarded card acted on by someone else', async () => {
    const r = await invoke(
      'report.submit',
      { reportId, attendance: 'attending', whatHasChanged: 'x', workingWell: 'x', worries: 'x', needsToHappen: 'x', safetyScale: '5' },
      as('school'),
    );
    expect(r).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'REPORT.FORBIDDEN' } });
  });

  it('shows the manager Approve and Return on refresh, and others only the status', async () => {
    const managerView = await invoke('minutes.refresh', { minutesId }, as('maria'));
    expect(text(managerView)).toContain('minutes.approve');
    const otherView = await invoke('minutes.refresh', { minutesId }, as('hv'));
    expect(text(otherView)).not.toContain('minutes.approve');
    expect(text(otherView)).toContain('Waiting for the manager');
  });

  it('lets only the manager decide, asks for comments to return, and changes nothing on a second click', async () => {
    expect(await invoke('minutes.approve', { minutesId }, as('sam'))).toMatchObject({ statusCode: 403, value: { code: 'MINUTES.NOT_APPROVER' } });
    const noComment = await invoke('minutes.return', { minutesId, comments: '' }, as('maria'));
    expect(text(noComment)).toContain('Write what needs to change');
    const approved = await invoke('minutes.approve', { minutesId }, as('maria'));
    expect(text(approved)).toContain('Approved by Maria Lindqvist');
    const again = await invoke('minutes.approve', { minutesId }, as('maria'));
    expect(again.statusCode).toBe(200);
    expect(text(again)).toContain('Already recorded: the minutes were approved.');
    expect(text(again)).toContain('Approved by Maria Lindqvist');
    const audit = await store.transaction(async (tx) =>
      (await tx.audit.forCase((await tx.minutes.byId(minutesId))!.caseId)).filter((a) => a.action === 'minutes.approved'),
    );
    expect(audit).toHaveLength(1);
  });

  it('shows minutes just returned as returned, with what was asked, and minutes circulated late as late', async () => {
    try {
      clock.set('2027-01-05T12:00:00.000Z');
      const c = await createCase(
        ctx,
        actor('sam'),
        aCase({ reference: 'CP-2026-0044', members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent'), aMember('bs')] }),
      );
      const held = await store.transaction(async (tx) => (await tx.meetings.forCase(c.id)).find((m) => m.number === 1)!);
      await recordMeetingHeld(ctx, actor('sam'), { meetingId: held.id, heldOn: '2027-01-05', attendance: [] });
      const id = (await writeAndSubmitMinutes(ctx, 'sam', held.id)).id;
      const shownFirst = (await store.transaction((tx) => tx.minutes.byId(id)))!.version;
      clock.set('2027-01-06T09:00:00.000Z');
      const returned = text(await invoke('minutes.return', { minutesId: id, comments: 'Add the parents’ views on the new action.' }, as('maria')));
      expect(returned).toContain('Returned by Maria Lindqvist');
      expect(returned).toContain('Returned with: Add the parents’ views on the new action.');
      expect(returned).not.toContain('Resubmitted');
      // Approve pressed on the card from before: told why nothing happened, not "already recorded".
      expect(text(await invoke('minutes.approve', { minutesId: id }, as('maria')))).toContain(
        'These minutes were returned for changes, so they cannot be approved until they are resubmitted.',
      );

      await submitMinutes(ctx, actor('sam'), { minutesId: id, expectedVersion: (await store.transaction((tx) => tx.minutes.byId(id)))!.version });
      const resubmitted = text(await invoke('minutes.refresh', { minutesId: id }, as('maria')));
      expect(resubmitted).toContain('Resubmitted: these minutes were returned before and have been changed since.');
      expect(resubmitted).toContain('Returned with: Add the parents’ views on the new action.');
      // Approve pressed on the card that showed the minutes before they were returned: they have
      // changed since, so nothing is decided and the card shows them as they are now.
      expect(resubmitted).toContain(`"version":${(await store.transaction((tx) => tx.minutes.byId(id)))!.version}}`);
      expect(text(await invoke('minutes.approve', { minutesId: id, version: shownFirst }, as('maria')))).toContain(
        'These minutes have changed since this card showed them',
      );
      expect((await store.transaction((tx) => tx.minutes.byId(id)))!.status).toBe('submitted');
      expect(text(await invoke('minutes.approve', { minutesId: id }, as('maria')))).toMatch(/Circulate by [^"]*\d{4}"/);
      expect(text(await invoke('minutes.return', { minutesId: id, comments: 'One more change.' }, as('maria')))).toContain(
        'These minutes were already approved, so they can no longer be returned.',
      );

      // Out weeks after their circulate-by day: late, in words and colour, never as if met.
      clock.set('2027-03-01T09:00:00.000Z');
      const hv = (await store.transaction((tx) => tx.members.forCase(c.id))).find((m) => m.agency === 'health-visiting')!;
      await recordCirculationDelivered(ctx, { minutesId: id, personId: hv.personId, channel: 'teams' });
      const card = (await invoke('minutes.refresh', { minutesId: id }, as('maria'))).value as { body: { text?: string; color?: string }[] };
      const line = card.body.find((b) => b.text?.startsWith('Circulate by'));
      expect(line).toMatchObject({ text: expect.stringMatching(/^Circulate by .+: circulated late, on Mon 1 Mar 2027$/), color: 'Warning' });
    } finally {
      clock.set('2027-01-04T09:00:00.000Z');
    }
  });

  it('records "I agree" and "I want to discuss" from the plan card, asking for what to discuss', async () => {
    const caseId = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!.id;
    const noComment = await invoke('plan.discuss', { caseId, comment: '' }, as('school'));
    expect(text(noComment)).toContain('Say what you would like to discuss.');
    const discussed = await invoke('plan.discuss', { caseId, comment: 'Nothing in the plan for the school yet.' }, as('school'));
    expect(text(discussed)).toContain('You asked to discuss this plan');
    expect(text(discussed)).toContain('“Nothing in the plan for the school yet.”; the chair has been told.');
    const agreed = await invoke('plan.agree', { caseId }, as('hv'));
    expect(text(agreed)).toContain('You agreed with this plan');
    expect(text(agreed)).not.toContain('plan.agree');
  });

  it('shows the plan to someone not asked to agree it (business support) without buttons that would refuse them', async () => {
    const caseId = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!.id;
    const opened = await invoke('plan.open', { caseId }, as('bs'));
    expect(text(opened)).toContain('the people who carry the plan out are asked to agree it');
    expect(text(opened)).not.toContain('plan.agree');
    // The school asked to discuss it: still asked, so still offered the buttons.
    expect(text(await invoke('plan.open', { caseId }, as('school')))).toContain('plan.agree');
  });

  it('raises a concern from the card, to the manager when the case has no IRO', async () => {
    const caseId = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!.id;
    const short = await invoke('escalation.raise', { caseId, kind: 'early-review-request', concern: 'Worried.' }, as('hv'));
    expect(text(short)).toContain('The concern: Write at least 20 characters (you wrote 8).');
    // The form comes back as it was filled in.
    expect(text(short)).toContain('"value":"Worried."');
    expect(text(short)).toContain('"value":"early-review-request"');
    const raised = await invoke(
      'escalation.raise',
      { caseId, kind: 'early-review-request', concern: 'Two police call-outs this week; the plan is not keeping LRE safe.' },
      as('hv'),
    );
    expect(text(raised)).toContain('It has gone to Maria Lindqvist (manager)');
    // Pressed twice (a slow connection): one concern, one card to the manager, and the second press says so.
    const again = await invoke(
      'escalation.raise',
      { caseId, kind: 'early-review-request', concern: '  Two police call-outs this week; the plan is not keeping LRE safe. ' },
      as('hv'),
    );
    expect(text(again)).toContain('Already recorded: you raised this concern at');
    expect(text(again)).toContain('Nothing was sent a second time.');
    const [escalations, cards] = await store.transaction(async (tx) => [
      await tx.escalations.forCase(caseId),
      (await tx.outbox.forCase(caseId)).filter((m) => m.topic === 'escalation.raised'),
    ]);
    expect(escalations).toHaveLength(1);
    expect(cards).toHaveLength(1);
    const forged = await invoke('escalation.raise', { caseId, kind: 'not-a-kind', concern: 'x' }, as('hv'));
    expect(forged).toMatchObject({ statusCode: 400, value: { code: 'CARD.INVALID' } });
    // A card marks no field for what it carries: the refusal says what to do, in words, naming no field.
    expect(text(forged)).toContain('Core Groups could not read the concern from this card. Open the newest card for it and try again.');
    expect(text(forged)).not.toMatch(/kind|caseId/);
  });

  describe("the agenda's update buttons", () => {
    const meetings = async () => {
      const caseId = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!.id;
      return store.transaction((tx) => tx.meetings.forCase(caseId));
    };

    it("refreshes the chat's agenda per person: update buttons for whoever owes one, none for anyone else, nothing for someone not on the case", async () => {
      const [first] = await meetings();
      const verbs = (r: { value: unknown }) => [...text(r).matchAll(/"verb":"(report\.[a-z]+)"/g)].map((m) => m[1]);
      const school = await invoke('agenda.refresh', { meetingId: first!.id }, as('school'));
      expect(school.statusCode).toBe(200);
      expect(verbs(school)).toEqual(['report.open', 'report.open']);
      // Pressing it then opens their form, not a refusal.
      expect(text(await invoke('report.open', { meetingId: first!.id }, as('school')))).toContain('report.submit');
      for (const who of ['sam', 'maria', 'bs'] as const) {
        const view = await invoke('agenda.refresh', { meetingId: first!.id }, as(who));
        expect(verbs(view)).toEqual([]);
        expect(text(view)).toContain('sent the form in their 1:1 chat with Core Groups');
      }
      const outsider = await invoke('agenda.refresh', { meetingId: first!.id }, as('iro'));
      expect([403, 404]).toContain(outsider.statusCode);
      expect(text(outsider)).not.toContain('CP-2026-0042');
    });

    it('"Send apologies with a written report" opens the form with apologies chosen', async () => {
      const [first] = await meetings();
      const r = await invoke('report.open', { meetingId: first!.id, attendance: 'apologies' }, as('school'));
      expect(findInput(r.value, 'attendance').value).toBe('apologies');
      expect(text(r)).toContain('report.submit');
    });

    it('"Submit my update" after the meeting has started says updates are closed, with no button that cannot work', async () => {
      const [first] = await meetings();
      clock.set('2027-01-05T10:30:00.000Z');
      try {
        const r = await invoke('report.open', { meetingId: first!.id }, as('school'));
        expect(text(r)).toContain('Updates for core group 1 are closed');
        expect(text(r)).toContain('Core group 1 started at Tue 5 Jan 2027, 10:00, so updates can no longer be added or changed.');
        expect(text(r)).not.toContain('report.submit');
        const submitted = await invoke(
          'report.submit',
          { reportId, attendance: 'attending', whatHasChanged: 'x', workingWell: 'x', worries: 'x', needsToHappen: 'x', safetyScale: '5' },
          as('hv'),
        );
        expect(submitted.statusCode).toBe(200);
        expect(text(submitted)).toContain('Updates for this core group are closed');
        expect(text(submitted)).not.toContain('report.edit');
      } finally {
        clock.set('2027-01-04T09:00:00.000Z');
      }
    });

    it('"Submit my update" works after booking with schedule (nobody requested updates): the request is made for a professional, and others are told none is needed', async () => {
      const third = (await meetings())[2]!;
      const booked = await invoke(
        'schedule.pick',
        { meetingId: third.id, expectedVersion: third.version, start: '2027-02-02T10:00:00.000Z', end: '2027-02-02T11:30:00.000Z' },
        as('sam'),
      );
      expect(text(booked)).toContain('booked');
      // A double click on the same time: already done, not "someone else changed this meeting".
      const twice = await invoke(
        'schedule.pick',
        { meetingId: third.id, expectedVersion: third.version, start: '2027-02-02T10:00:00.000Z', end: '2027-02-02T11:30:00.000Z' },
        as('sam'),
      );
      expect(twice.statusCode).toBe(200);
      expect(text(twice)).toContain('Already recorded: core group 3 is booked for Tue 2 Feb 2027, 10:00.');
      const form = await invoke('report.open', { meetingId: third.id }, as('hv'));
      expect(text(form)).toContain('report.submit');
      expect(await store.transaction((tx) => tx.reports.forMeeting(third.id))).toHaveLength(1);
      const again = await invoke('report.open', { meetingId: third.id }, as('hv'));
      expect(text(again)).toContain('report.submit');
      expect(await store.transaction((tx) => tx.reports.forMeeting(third.id))).toHaveLength(1);
      expect(text(await invoke('report.open', { meetingId: third.id }, as('maria')))).toContain('No written update is needed from you for core group');
      expect(text(await invoke('report.open', { meetingId: third.id }, as('sam')))).toContain('so no written update is asked of you');
    });
  });

  it('says whose update a form is when business support fills it in, and tells the author', async () => {
    const [first] = await store.transaction(async (tx) => tx.meetings.forCase((await tx.cases.byReference('CP-2026-0042'))!.id));
    const schoolReport = (await store.transaction((tx) => tx.reports.forMeeting(first!.id))).find((r) => r.status === 'requested')!;
    const form = await invoke('report.edit', { reportId: schoolReport.id }, as('bs'));
    expect(text(form)).toContain("Tom Farrell's update (school) for core group 1");
    expect(text(form)).toContain('You are filling this in on their behalf; they will be told.');
    const own = await invoke('report.open', { meetingId: first!.id }, as('school'));
    expect(text(own)).toContain('Your update for core group 1');
    expect(text(own)).toContain("Tom Farrell's update (school)");
    const done = await invoke(
      'report.submit',
      {
        reportId: schoolReport.id,
        attendance: 'attending',
        whatHasChanged: 'Attendance up',
        workingWell: 'Breakfast club',
        worries: 'Tired in class',
        needsToHappen: 'Keep the club going',
        safetyScale: '6',
      },
      as('bs'),
    );
    expect(text(done)).toContain("Tom Farrell's update (school), submitted on their behalf");
    const messenger = new RecordingMessenger();
    for (let i = 0; i < 3; i++)
      await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, messenger, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    const schoolId = (await store.transaction((tx) => tx.people.byEmail(PEOPLE.school.email)))!.id;
    const told = messenger.sent.filter((s) => s.summary === 'Core Groups: your update for CP-2026-0042 was submitted for you.');
    expect(told.map((s) => s.personId)).toEqual([schoolId]);
    expect(JSON.stringify(told[0]!.card)).toContain('Jo Whitby submitted your update for core group 1');
  });

  it('answers an unknown verb with an error, not a crash', async () => {
    expect(await invoke('minutes.delete', { minutesId }, as('maria'))).toMatchObject({ statusCode: 400, value: { code: 'CARD.UNKNOWN_VERB' } });
  });
});
