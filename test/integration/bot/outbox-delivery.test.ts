import { AppContext } from '../../../src/app/context';
import { listStaff } from '../../fixtures/staff';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { decideMinutes, submitMinutes } from '../../../src/app/minutes';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { recordPlan, signPlan } from '../../../src/app/plan';
import { requestReports } from '../../../src/app/reports';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { DeliveryError } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { cardDeliveries } from '../../../bot/deliveries';
import { RecordingMessenger } from '../../support/recording-messenger';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { writeAndSubmitMinutes } from '../../fixtures/core-group';

const links = { caseUrl: (id: string) => `http://127.0.0.1/#/cases/${id}`, minutesUrl: (id: string) => `http://127.0.0.1/#/minutes/${id}` };

describe('outbox delivery of cards', () => {
  let store: Store;
  let ctx: AppContext;
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  let messenger: RecordingMessenger;
  let deps: OutboxWorkerDeps;
  let ids: Record<'hv' | 'school' | 'maria', string>;
  let caseId: string;

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    clock.set('2027-01-04T09:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    messenger = new RecordingMessenger();
    deps = { store, clock, deliver: cardDeliveries(ctx, messenger, links), kinds: ['card'], workerId: 'w1', random: () => 0.5 };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school'), aMember('parent')] })))
      .id;
    const id = async (who: keyof typeof PEOPLE) => (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    ids = { hv: await id('hv'), school: await id('school'), maria: await id('maria') };
  });
  afterEach(() => store.close());

  const firstMeeting = () => store.transaction(async (tx) => (await tx.meetings.forCase(caseId))[0]!);

  it('sends each professional their update form once, even with two workers running', async () => {
    await requestReports(ctx, actor('sam'), { meetingId: (await firstMeeting()).id });
    const [a, b] = await Promise.all([deliverBatch(deps), deliverBatch({ ...deps, workerId: 'w2' })]);
    expect(a.delivered + b.delivered).toBe(2);
    expect(messenger.sent.map((s) => s.personId).sort()).toEqual([ids.hv, ids.school].sort());
    expect(messenger.sent[0]!.summary).toMatch(/^Core Groups: your update for CP-2026-0042 core group 1 is requested\.$/);
    expect(JSON.stringify(messenger.sent)).not.toContain('Lily');
    expect(await deliverBatch(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
  });

  it('updates the card it already sent, rather than sending it again, when a worker died before marking it delivered', async () => {
    await requestReports(ctx, actor('sam'), { meetingId: (await firstMeeting()).id });
    // Worker w1 claims both forms, sends them (Teams accepts), and dies before recording either as delivered.
    const claimed = await store.outbox.claim('w1', clock.now(), 10, 60_000, ['card']);
    for (const m of claimed) await deps.deliver(m);
    expect(messenger.sent).toHaveLength(2);
    // After its lease, w2 takes the messages over: each card is replaced in place, none posted twice.
    clock.set('2027-01-04T09:05:00.000Z');
    expect(await deliverBatch({ ...deps, workerId: 'w2' })).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    expect(messenger.sent).toHaveLength(2);
    expect(messenger.updated.map((u) => u.activityId).sort()).toEqual(['act-1', 'act-2']);
    // w1, back from the dead, cannot mark messages it no longer holds.
    expect(await store.outbox.delivered(claimed[0]!.id, clock.now(), 'w1')).toBe(false);
  });

  it.each(['hv', 'school'] as const)('delivers to everyone else while the connector is slow for the %s', async (slow) => {
    let release = () => undefined as void;
    messenger.slow.set(ids[slow], new Promise<void>((resolve) => (release = resolve)));
    await requestReports(ctx, actor('sam'), { meetingId: (await firstMeeting()).id });
    const batch = deliverBatch(deps);
    const other = slow === 'hv' ? ids.school : ids.hv;
    for (let i = 0; i < 200 && messenger.sent.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(messenger.sent.map((s) => s.personId)).toEqual([other]);
    release();
    expect(await batch).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    expect(messenger.sent.map((s) => s.personId)).toEqual([other, ids[slow]]);
  });

  it('tells the chair, by name, when a member presses "I want to discuss" on the plan', async () => {
    await recordPlan(ctx, actor('sam'), { caseId, outcomes: ['Safe at home'] });
    await signPlan(ctx, actor(ids.hv), { caseId, agrees: false, comment: 'Weekly visits are too few for Lily at this age.' });
    await deliverBatch(deps);
    await deliverBatch(deps);
    const told = messenger.sent.filter((s) => s.summary === 'Core Groups: a member wants to discuss the plan for CP-2026-0042.');
    expect(told.map((s) => s.personId)).toEqual(['sam']);
    expect(JSON.stringify(told[0]!.card)).toContain('Priya Desai wants to discuss the plan');
    // What she wants to discuss, so the chair can act on it; the child's name as initials.
    expect(JSON.stringify(told[0]!.card)).toContain('What they want to discuss: Weekly visits are too few for LRE at this age.');
    expect(JSON.stringify(told[0]!.card)).not.toContain('Lily');
    expect(await deliverBatch(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
  });

  it("words the plan on members' cards with the child's initials, never her name", async () => {
    await recordPlan(ctx, actor('sam'), { caseId, outcomes: ['Lily is safe at home and Lily Rose Example attends school'] });
    await deliverBatch(deps);
    await deliverBatch(deps);
    const cards = messenger.sent.filter((s) => s.summary.includes('ready for your agreement')).map((s) => JSON.stringify(s.card));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toContain('LRE is safe at home and LRE attends school');
      expect(card).not.toMatch(/Lily|Example/);
    }
  });

  it('asks every member in Teams to agree a new plan, one card each', async () => {
    await recordPlan(ctx, actor('sam'), { caseId, outcomes: ['Safe at home'] });
    await deliverBatch(deps);
    await deliverBatch(deps);
    const asked = messenger.sent.filter((s) => s.summary === 'Core Groups: the plan for CP-2026-0042 is ready for your agreement.').map((s) => s.personId);
    // The people who carry the plan out; the manager takes no action in it and is not asked.
    expect(asked.sort()).toEqual(['sam', ids.hv, ids.school].sort());
    expect(JSON.stringify(messenger.sent[0]!.card)).toContain('plan.agree');
  });

  it('retries a 429 no sooner than Retry-After, and dead-letters what cannot be delivered', async () => {
    await requestReports(ctx, actor('sam'), { meetingId: (await firstMeeting()).id });
    messenger.failures = [new DeliveryError('Too Many Requests', 429, 30_000), new DeliveryError('no such conversation', undefined, undefined, true)];
    expect(await deliverBatch(deps)).toEqual({ delivered: 0, retrying: 1, dead: 1 });
    clock.set('2027-01-04T09:00:29.000Z');
    expect(await deliverBatch(deps)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    clock.set('2027-01-04T09:00:30.000Z');
    expect(await deliverBatch(deps)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(messenger.sent).toHaveLength(1);
  });

  it('sends the manager the approval card, the author the decision, and every Teams member the minutes, then records the circulation', async () => {
    const meeting = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    clock.set('2027-01-05T12:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: meeting.id, heldOn: '2027-01-05', attendance: [] });
    const submitted = await writeAndSubmitMinutes(ctx, ids.hv, meeting.id);
    // Maria has reached the bot: Teams knows her by her Teams user id, which the card's refresh names.
    await store.transaction((tx) =>
      tx.teamsUsers.save({ personId: ids.maria!, teamsUserId: '29:1maria', serviceUrl: 'https://smba.trafficmanager.net/uk/', updatedAt: clock.now() }),
    );
    await deliverBatch(deps);
    const approval = messenger.sent.find((s) => s.personId === ids.maria)!;
    expect(JSON.stringify(approval.card)).toContain('minutes.approve');
    expect((approval.card as { refresh?: { userIds: string[] } }).refresh?.userIds).toEqual(['29:1maria']);
    expect(approval.summary).toBe('Core Groups: minutes for CP-2026-0042 are waiting for your approval.');

    await decideMinutes(ctx, actor(ids.maria), { minutesId: submitted.id, decision: 'approve' });
    messenger.sent.length = 0;
    const result = await deliverBatch({ ...deps, batchSize: 50 });
    expect(result.dead).toBe(0);
    // The author hears the decision; every member in the tenant gets the minutes; the parent is left to mail.
    expect(messenger.sent.filter((s) => s.summary.includes('a decision on minutes')).map((s) => s.personId)).toEqual([ids.hv]);
    const circulated = messenger.sent.filter((s) => s.summary.includes('are ready')).map((s) => s.personId);
    expect(circulated).toHaveLength(4);
    expect(circulated).toEqual(expect.arrayContaining([ids.hv, ids.school, ids.maria, 'sam']));
    const minutes = await store.transaction((tx) => tx.minutes.byId(submitted.id));
    expect(minutes?.status).toBe('circulated');
    expect((await store.transaction((tx) => tx.minutes.circulations(submitted.id))).map((c) => c.channel)).toEqual(['teams', 'teams', 'teams', 'teams']);
    const pendingMail = (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.kind === 'mail' && m.status === 'pending');
    expect(pendingMail.map((m) => m.topic)).toEqual(['minutes.circulate.mail']);
  });

  describe('the approval card', () => {
    /** Core group 1 held on 5 Jan, its minutes written by the health visitor and submitted. */
    const submitted = async () => {
      const meeting = await firstMeeting();
      await bookMeeting(ctx, actor('sam'), {
        meetingId: meeting.id,
        expectedVersion: meeting.version,
        startsAt: '2027-01-05T10:00:00Z',
        endsAt: '2027-01-05T11:30:00Z',
        venue: 'office',
      });
      clock.set('2027-01-05T12:00:00.000Z');
      await recordMeetingHeld(ctx, actor('sam'), { meetingId: meeting.id, heldOn: '2027-01-05', attendance: [] });
      return writeAndSubmitMinutes(ctx, ids.hv, meeting.id, {
        childsVoice: 'LRE drew her family and put the partner outside the house.',
        planReview: 'Decided: visits stay weekly; the plan continues.',
        newActions: 'Housing to fix the boiler by 1 Feb.',
        concernsAndDissent: 'Police dissent from reducing visits.',
      });
    };
    const approvalCards = () => messenger.sent.filter((s) => s.summary.includes('waiting for your approval'));

    it('shows the key sections, with a link to read them in full', async () => {
      await submitted();
      await deliverBatch(deps);
      const card = JSON.stringify(approvalCards()[0]!.card);
      for (const text of [
        'Decisions and review of the plan',
        'Decided: visits stay weekly',
        'Risks, concerns and dissent',
        'Police dissent from reducing visits.',
        "The child's voice",
        'LRE drew her family',
        'New actions',
        'Housing to fix the boiler',
        'Read the minutes in full',
      ])
        expect(card).toContain(text);
      expect(card).not.toContain('Resubmitted');
      expect(card).not.toContain('overdue');
    });

    it('says it is a resubmission, with the comments it was returned with, and a passed circulate-by day in red as overdue', async () => {
      const first = await submitted();
      await deliverBatch(deps);
      const returned = await decideMinutes(ctx, actor(ids.maria), {
        minutesId: first.id,
        decision: 'return',
        comments: 'Add the parents’ views on the new action.',
      });
      clock.set('2027-01-25T09:00:00.000Z');
      await submitMinutes(ctx, actor(ids.hv), { minutesId: first.id, expectedVersion: returned.version });
      messenger.sent.length = 0;
      await deliverBatch(deps);
      const card = approvalCards()[0]!.card as { body: { text?: string; color?: string }[] };
      const text = JSON.stringify(card);
      expect(text).toContain('Resubmitted: these minutes were returned before');
      expect(text).toContain('Returned with: Add the parents’ views on the new action.');
      expect(card.body.find((b) => b.text?.endsWith(': overdue'))).toMatchObject({ color: 'Attention' });
    });

    it("quotes the minutes with the child's initials, never her name", async () => {
      const meeting = await firstMeeting();
      await bookMeeting(ctx, actor('sam'), {
        meetingId: meeting.id,
        expectedVersion: meeting.version,
        startsAt: '2027-01-05T10:00:00Z',
        endsAt: '2027-01-05T11:30:00Z',
        venue: 'office',
      });
      clock.set('2027-01-05T12:00:00.000Z');
      await recordMeetingHeld(ctx, actor('sam'), { meetingId: meeting.id, heldOn: '2027-01-05', attendance: [] });
      await writeAndSubmitMinutes(ctx, ids.hv, meeting.id, {
        childsVoice: 'Lily said she likes school. Lily Rose Example drew her family.',
        planReview: 'The Example family agreed the plan.',
        newActions: 'a',
        concernsAndDissent: 'c',
      });
      await deliverBatch(deps);
      const card = JSON.stringify(approvalCards()[0]!.card);
      expect(card).toContain('LRE said she likes school. LRE drew her family.');
      expect(card).toContain('The LRE family agreed the plan.');
      expect(card).not.toMatch(/Lily|Example/);
    });

    it('is not sent for minutes already decided by the time it would go out', async () => {
      const minutes = await submitted();
      await decideMinutes(ctx, actor(ids.maria), { minutesId: minutes.id, decision: 'approve' });
      await deliverBatch({ ...deps, batchSize: 50 });
      expect(approvalCards()).toEqual([]);
    });
  });
});
