import { ActivityTypes, TestAdapter } from 'botbuilder';
import { listStaff } from '../../fixtures/staff';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { linkCaseChat } from '../../../src/app/case-chat';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { decideMinutes } from '../../../src/app/minutes';
import { recordPlan, signPlan } from '../../../src/app/plan';
import { EmbeddedCalendar } from '../../../src/adapters/local/embedded-calendar';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroupAndAskForUpdates, writeAndSubmitMinutes } from '../../fixtures/core-group';
import { cardDeliveries } from '../../../bot/deliveries';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { ChatMember } from '../../../src/ports/messenger';
import { RecordingMessenger } from '../../support/recording-messenger';
import { Where } from '../../../bot/core/turn';

/** Chat commands through botbuilder's TestAdapter: the bot's own logic, replies captured. */
describe('chat commands', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  let bot: CoreGroupsBot;
  /** The group chat's roster as Teams would list it (undefined: Teams would not say). */
  let roster: ChatMember[] | undefined;
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
  const clock = fixedClock('2026-12-21T08:00:00.000Z');

  beforeEach(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('parent')] }));
    // Everyone here has had the app a while: their welcome and digest came long ago (see late-deliveries.test.ts).
    const sentAt = '2026-11-01T09:00:00.000Z';
    const people = await store.db.selectFrom('people').select('id').execute();
    await store.transaction(async (tx) => {
      await tx.sentCards.record({ key: 'welcome|a:1', conversationId: 'a:1', activityId: 'welcome', sentAt });
      for (const { id } of people) await tx.sentCards.record({ key: `digest|${id}`, conversationId: 'a:1', activityId: 'digest', sentAt });
    });
    const calendar = new EmbeddedCalendar({ db: store.db, clock, mailer: { send: async () => undefined }, mailFrom: 'x@y.z', feedSecret: 's' });
    roster = undefined;
    bot = new CoreGroupsBot({
      ctx,
      links,
      scheduling: { calendar, durationMinutes: 90, workingHours: { start: '09:30', end: '16:30' } },
      roster: async () => {
        if (!roster) throw new Error('Teams would not list the chat');
        return roster;
      },
    });
  });
  afterEach(() => store.close());

  const say = (text: string, aadObjectId: string) => ({
    type: ActivityTypes.Message,
    text,
    from: { id: '29:x', name: 'Someone', aadObjectId },
    conversation: { id: 'a:1', name: '', isGroup: false, conversationType: 'personal' },
  });
  let activityCount = 0;
  const sayInGroup = (text: string, aadObjectId: string) => ({
    ...say(text, aadObjectId),
    id: `activity-${++activityCount}`,
    conversation: { id: '19:group@thread.v2', name: '', isGroup: true, conversationType: 'groupChat' },
  });
  const member = (who: keyof typeof PEOPLE): ChatMember => ({
    teamsUserId: `29:${who}`,
    entraObjectId: (PEOPLE[who] as { entraObjectId?: string }).entraObjectId,
    name: PEOPLE[who].displayName,
  });
  /** Delivers what the outbox holds; returns what reached each person's 1:1 chat. */
  const delivered = async () => {
    const messenger = new RecordingMessenger();
    await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, messenger, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    return messenger.sent;
  };
  const cardOf = (activity: { attachments?: { content?: unknown }[] }) => JSON.stringify(activity.attachments?.[0]?.content ?? {});

  it('answers "status CASE-REF" to a member with what is overdue and next, by reference and initials', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('status cp-2026-0042', PEOPLE.hv.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('CP-2026-0042 (LRE)');
      expect(card).toContain('Next: core group 1 by Wed 6 Jan 2027');
      expect(card).not.toContain('Lily');
    });
  });

  it('says in "status CASE-REF" what is the asker’s own to do: their update, the plan to answer; not the chair’s', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    await recordPlan(ctx, actor('sam'), { caseId: c.id, outcomes: ['LRE is safe at home'] });
    const adapter = new TestAdapter((tc) => bot.run(tc));
    await adapter.send(say('status CP-2026-0042', PEOPLE.hv.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('Yours to do: your written update for core group 1, before it meets Tue 5 Jan 2027, 10:00.');
      expect(card).toContain('Yours to do: say whether you agree the child protection plan');
    });
    await adapter.send(say('status CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      expect(cardOf(reply)).not.toContain('your written update');
    });
  });

  it('lists in "my core groups" the plan still to agree, with a button that opens it, until it is agreed', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await recordPlan(ctx, actor('sam'), { caseId: c.id, outcomes: ['LRE is safe at home'] });
    const adapter = new TestAdapter((tc) => bot.run(tc));
    await adapter.send(say('my core groups', PEOPLE.hv.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('Plan to agree: CP-2026-0042, version 1');
      expect(card).toContain(`"verb":"plan.open","data":{"caseId":"${c.id}"}`);
    });
    // Asked to discuss it is not agreed: still listed. Agreed: gone.
    const hv = actor((await store.db.selectFrom('people').select('id').where('email', '=', PEOPLE.hv.email).executeTakeFirstOrThrow()).id);
    await signPlan(ctx, hv, { caseId: c.id, agrees: false, comment: 'The nursery days' });
    await adapter.send(say('my core groups', PEOPLE.hv.entraObjectId)).assertReply((reply) => expect(cardOf(reply)).toContain('Plan to agree'));
    await signPlan(ctx, hv, { caseId: c.id, agrees: true });
    await adapter.send(say('my core groups', PEOPLE.hv.entraObjectId)).assertReply((reply) => expect(cardOf(reply)).not.toContain('Plan to agree'));
  });

  it('tolerates capitals and closing punctuation: "Status CP-2026-0042." works', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('Status  CP-2026-0042.', PEOPLE.hv.entraObjectId)).assertReply((reply) => expect(cardOf(reply)).toContain('CP-2026-0042 (LRE)'));
    await adapter.send(say('My core groups?', PEOPLE.hv.entraObjectId)).assertReply((reply) => expect(cardOf(reply)).toContain('Your core groups'));
  });

  it('lists in "help" only the commands the asker may use, by their part in their cases', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    const commandsIn = (reply: { attachments?: { content?: unknown }[] }) => [...cardOf(reply).matchAll(/\*\*([a-z ]+?)(?: CASE-REF)?\*\*/g)].map((m) => m[1]);
    // A health visitor on the case: no booking, no linking a chat (both would be refused).
    await adapter
      .send(say('help', PEOPLE.hv.entraObjectId))
      .assertReply((reply) => expect(commandsIn(reply)).toEqual(['my core groups', 'status', 'concern', 'help']));
    await adapter
      .send(say('help', PEOPLE.sam.entraObjectId))
      .assertReply((reply) => expect(commandsIn(reply)).toEqual(['my core groups', 'status', 'schedule', 'concern', 'link', 'help']));
    // Someone on no case: nothing that needs one.
    await adapter.send(say('help', PEOPLE.iro.entraObjectId)).assertReply((reply) => expect(commandsIn(reply)).toEqual(['my core groups', 'help']));
    // A word it does not know answers with the same, personal list.
    await adapter.send(say('book it', PEOPLE.hv.entraObjectId)).assertReply((reply) => expect(cardOf(reply)).not.toContain('schedule CASE-REF'));
  });

  it('shows "my core groups" in words: no internal ids, the status in words beside the dot', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('my core groups', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('CP-2026-0042 (LRE). Next: core group 1, due Wed 6 Jan 2027.');
      expect(card).toMatch(/🟢 On track|🟠 Due soon|🔴 Late or overdue/);
      expect(card).not.toMatch(/core-group-\d/);
    });
  });

  it('says in "my core groups" why a case is late when its core group is booked after the deadline', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id)))[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-08T10:00:00Z',
      lateReason: 'The school is closed until then.',
      endsAt: '2027-01-08T11:30:00Z',
      venue: 'office',
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.send(say('my core groups', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('🔴 Late or overdue: CP-2026-0042 (LRE)');
      expect(card).toMatch(/Core group 1 booked [^"]*late/i);
    });
    // "status" says it too, before the deadline has even passed, with when it is booked: never "nothing overdue" in green.
    await adapter.send(say('status CP-2026-0042', PEOPLE.hv.entraObjectId)).assertReply((reply) => {
      const card = cardOf(reply);
      expect(card).toContain('🔴 Late: Core group 1 booked 2 working days late');
      expect(card).toContain('Next: core group 1 by Wed 6 Jan 2027; booked for Fri 8 Jan 2027, 10:00');
      expect(card).not.toContain('Nothing overdue');
    });
  });

  it('tells someone not on the case nothing about it', async () => {
    await store.transaction((tx) =>
      tx.people.insert({ id: 'other', displayName: 'Other', email: 'o@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000ff' }),
    );
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('status CP-2026-0042', '0a000000-0000-4000-8000-0000000000ff')).assertReply('There is no such case, or you are not a member of it.');
  });

  it('offers the chair compliant times with "schedule CASE-REF", each a button that books it', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('schedule CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      // Each time is a line of text, with its own short button below it (so it fits a phone).
      const card = JSON.parse(cardOf(reply)) as {
        body: { type: string; items?: [{ text: string }, { actions: { verb: string; title: string; data: { meetingId: string; start: string } }[] }] }[];
      };
      const slots = card.body.filter((b) => b.type === 'Container' && b.items).map((b) => ({ label: b.items![0].text, button: b.items![1].actions[0]! }));
      expect(slots.length).toBeGreaterThan(0);
      expect(slots.every((s) => s.button.verb === 'schedule.pick')).toBe(true);
      expect(slots[0]!.button.data.start).toBe('2026-12-21T09:30:00.000Z');
      expect(slots[0]!.button.title).toBe('Book Mon 21 Dec 2026, 09:30');
      // Whose calendar cannot be seen is said by name, not counted.
      expect(slots[0]!.label).toContain('calendar not visible: Alex Reed');
      expect(slots.map((s) => s.label).join()).not.toMatch(/\d+ unknown/);
      // Only the family's calendar is unseen: the time can go ahead if they come, and the card does
      // not claim that no time has everyone free.
      expect(slots[0]!.label).toContain('can go ahead if Alex Reed can come');
      expect(cardOf(reply)).not.toContain('No time has everyone free');
    });
  });

  it('makes a chat the core group chat only from a group chat', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter
      .send(say('link CP-2026-0042', PEOPLE.sam.entraObjectId))
      .assertReply('Say this in a group chat with the core group’s members: that chat then gets the agendas.');
    const c = await store.transaction((tx) => tx.cases.byReference('CP-2026-0042'));
    expect(await store.transaction((tx) => tx.conversations.chatForCase(c!.id))).toBeUndefined();
  });

  it('welcomes someone who installs the app 1:1, once, with what it does for them and the commands', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    const personal = { id: 'a:personal-hv', name: '', isGroup: false, conversationType: 'personal' };
    const from = { id: '29:hv', name: 'Priya', aadObjectId: PEOPLE.hv.entraObjectId };
    await adapter
      .send({ type: ActivityTypes.InstallationUpdate, action: 'add', from, recipient: { id: '28:bot', name: 'Core Groups' }, conversation: personal })
      .assertReply((reply) => {
        const card = cardOf(reply);
        expect(card).toContain('Welcome to Core Groups');
        expect(card).toContain('your update form');
        expect(card).toContain('**my core groups**');
        expect(card).toContain('**status CASE-REF**');
      });
    // Teams also says the bot was added to the chat: no second welcome.
    await adapter
      .send({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: '28:bot', name: 'Core Groups' }],
        from,
        recipient: { id: '28:bot', name: 'Core Groups' },
        conversation: personal,
      })
      .assertNoReply();
  });

  it('welcomes on the bot being added to a 1:1 chat when no installation update comes', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter
      .send({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: '28:bot', name: 'Core Groups' }],
        from: { id: '29:sam', name: 'Sam', aadObjectId: PEOPLE.sam.entraObjectId },
        recipient: { id: '28:bot', name: 'Core Groups' },
        conversation: { id: 'a:personal-sam', name: '', isGroup: false, conversationType: 'personal' },
      })
      .assertReply((reply) => expect(cardOf(reply)).toContain('Welcome to Core Groups'));
  });

  it('says how to link a group chat when it is added to one, and remembers the chat', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    const install = {
      type: ActivityTypes.InstallationUpdate,
      action: 'add',
      from: { id: '29:sam', name: 'Sam', aadObjectId: PEOPLE.sam.entraObjectId },
      conversation: { id: '19:group@thread.v2', name: '', isGroup: true, conversationType: 'groupChat' },
    };
    await adapter.send(install).assertReply((reply) => expect(cardOf(reply)).toContain('@Core Groups link CASE-REF'));
    expect(await store.transaction((tx) => tx.conversations.byConversationId('19:group@thread.v2'))).toMatchObject({ scope: 'groupChat' });
    // Linked, then the app is removed from the chat: the link goes with it, audited.
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await linkCaseChat(ctx, actor('sam'), {
      caseId: c.id,
      conversationId: '19:group@thread.v2',
      roster: [{ teamsUserId: '29:sam', entraObjectId: PEOPLE.sam.entraObjectId }],
    });
    await adapter.send({ ...install, action: 'remove' });
    expect(await store.transaction((tx) => tx.conversations.chatForCase(c.id))).toBeUndefined();
    expect((await store.transaction((tx) => tx.audit.forCase(c.id))).map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.chat-linked', 'case.chat-unlinked']),
    );
  });

  describe('case details in a group chat', () => {
    it('answers "status CASE-REF" privately when someone in the chat is not on the case, and says so in the chat', async () => {
      roster = [member('sam'), member('hv'), { teamsUserId: '29:guest', name: 'A Guest' }];
      const adapter = new TestAdapter((c) => bot.run(c));
      await adapter.send(sayInGroup('status CP-2026-0042', PEOPLE.hv.entraObjectId)).assertReply("I've sent that to you privately.");
      const sent = await delivered();
      const hvId = (await store.transaction((tx) => tx.people.byEmail(PEOPLE.hv.email)))!.id;
      expect(sent.map((s) => s.personId)).toEqual([hvId]);
      expect(JSON.stringify(sent[0]!.card)).toContain('CP-2026-0042 (LRE)');
    });

    it('answers privately when Teams would not say who is in the chat', async () => {
      const adapter = new TestAdapter((c) => bot.run(c));
      await adapter.send(sayInGroup('status CP-2026-0042', PEOPLE.hv.entraObjectId)).assertReply("I've sent that to you privately.");
      expect(await delivered()).toHaveLength(1);
    });

    it('answers "status CASE-REF" in the chat when everyone in it is on the case', async () => {
      roster = [member('sam'), member('hv'), member('maria')];
      const adapter = new TestAdapter((c) => bot.run(c));
      await adapter
        .send(sayInGroup('status CP-2026-0042', PEOPLE.hv.entraObjectId))
        .assertReply((reply) => expect(cardOf(reply)).toContain('CP-2026-0042 (LRE)'));
      expect(await delivered()).toEqual([]);
    });

    it('always answers "my core groups" privately in a group chat, even one of members only', async () => {
      roster = [member('sam'), member('hv')];
      const adapter = new TestAdapter((c) => bot.run(c));
      await adapter.send(sayInGroup('my core groups', PEOPLE.sam.entraObjectId)).assertReply("I've sent that to you privately.");
      const sent = await delivered();
      expect(sent.map((s) => s.personId)).toEqual(['sam']);
      expect(JSON.stringify(sent[0]!.card)).toContain('Your core groups');
    });
  });

  it('says a chat is already linked when "link" is said there again, and queues nothing more', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id)))[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    roster = [member('sam'), member('hv'), member('maria')];
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    const chatAgendas = async () => (await store.transaction((tx) => tx.outbox.forCase(c.id))).filter((m) => m.topic === 'agenda.chat').length;
    await adapter.send(sayInGroup('link CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      expect(cardOf(reply)).toContain('This is now the core group chat for CP-2026-0042');
      expect(cardOf(reply)).toContain('The agenda of the next core group follows.');
    });
    expect(await chatAgendas()).toBe(1);
    await adapter.send(sayInGroup('link CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      expect(cardOf(reply)).toContain('This chat is already the core group chat for CP-2026-0042');
      expect(cardOf(reply)).not.toContain('follows');
    });
    expect(await chatAgendas()).toBe(1);
  });

  it('gives each case in "my core groups" a button to open it, and the person their own next step: never one that would be refused', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    type Action = { type: string; title: string; verb?: string; url?: string; data?: Record<string, unknown> };
    const actionsOf = (reply: { attachments?: { content?: unknown }[] }): Action[] =>
      [...cardOf(reply).matchAll(/\{"type":"Action\.[A-Za-z]+"[^{}]*(?:\{[^{}]*\}[^{}]*)?\}/g)].map((m) => JSON.parse(m[0]) as Action);
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    let hvActions: Action[] = [];
    await adapter.send(say('my core groups', PEOPLE.hv.entraObjectId)).assertReply((reply) => {
      hvActions = actionsOf(reply);
    });
    expect(hvActions.map((a) => a.title)).toEqual(['Write my update', 'Open CP-2026-0042']);
    expect(hvActions[1]).toMatchObject({ type: 'Action.OpenUrl', url: `#/cases/${c.id}` });
    // Pressing it opens their form.
    // Pressed in their 1:1 chat with the bot.
    const inChat = (conversationId: string): Where => ({ conversationId, kind: 'personal', reference: {}, roster: async () => [] });
    const pressed = await bot.core.cardAction({ entraObjectId: PEOPLE.hv.entraObjectId }, inChat('a:hv'), {
      verb: hvActions[0]!.verb!,
      data: hvActions[0]!.data!,
    });
    expect(pressed.kind).toBe('card');
    expect(JSON.stringify(pressed)).toContain('report.submit');
    // The chair owes no update; his next step is booking the next core group, which opens its times.
    let samsActions: Action[] = [];
    await adapter.send(say('my core groups', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      samsActions = actionsOf(reply);
    });
    expect(samsActions.map((a) => a.title)).toEqual(['Book core group 2', 'Open CP-2026-0042']);
    const times = await bot.core.cardAction({ entraObjectId: PEOPLE.sam.entraObjectId }, inChat('a:sam'), {
      verb: samsActions[0]!.verb!,
      data: samsActions[0]!.data!,
    });
    expect(JSON.stringify(times)).toContain('Book core group 2');
    expect(JSON.stringify(times)).toContain('schedule.pick');
  });

  it('lists an update as owed only until its core group starts', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    const adapter = new TestAdapter((ctx) => bot.run(ctx));
    await adapter
      .send(say('my core groups', PEOPLE.hv.entraObjectId))
      .assertReply((reply) => expect(cardOf(reply)).toContain('Update owed: CP-2026-0042 core group 1'));
    clock.set('2027-01-05T10:05:00.000Z');
    try {
      await adapter
        .send(say('my core groups', PEOPLE.hv.entraObjectId))
        .assertReply((reply) => expect(cardOf(reply)).not.toMatch(/Update owed|report\.edit|Write my update/));
    } finally {
      clock.set('2026-12-21T08:00:00.000Z');
    }
  });

  it('lists minutes returned for changes for the chair, with what the manager asked and a link to change them', async () => {
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    const first = (await store.transaction((tx) => tx.meetings.forCase(c.id)))[0]!;
    clock.set('2026-12-22T12:00:00.000Z');
    try {
      await recordMeetingHeld(ctx, actor('sam'), { meetingId: first.id, heldOn: '2026-12-22', attendance: [] });
      const written = await writeAndSubmitMinutes(ctx, 'sam', first.id);
      const maria = (await store.transaction((tx) => tx.people.byEmail(PEOPLE.maria.email)))!.id;
      await decideMinutes(ctx, actor(maria), { minutesId: written.id, decision: 'return', comments: 'Add the parents’ views.' });
      const adapter = new TestAdapter((ctx) => bot.run(ctx));
      await adapter.send(say('my core groups', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
        const card = cardOf(reply);
        expect(card).toContain('Minutes returned for changes: CP-2026-0042 core group 1. The manager asked: Add the parents’ views.');
        expect(card).toContain(`{"type":"Action.OpenUrl","title":"Change the minutes","url":"#/minutes/${written.id}"}`);
      });
    } finally {
      clock.set('2026-12-21T08:00:00.000Z');
    }
  });
});
