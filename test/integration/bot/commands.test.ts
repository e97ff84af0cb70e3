import { ActivityTypes, TestAdapter } from 'botbuilder';
import { listStaff } from '../../fixtures/staff';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { linkCaseChat } from '../../../src/app/case-chat';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { EmbeddedCalendar } from '../../../src/adapters/local/embedded-calendar';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';

/** Chat commands through botbuilder's TestAdapter: the bot's own logic, replies captured. */
describe('chat commands', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  let bot: CoreGroupsBot;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');

  beforeEach(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv')] }));
    const calendar = new EmbeddedCalendar({ db: store.db, clock, mailer: { send: async () => undefined }, mailFrom: 'x@y.z', feedSecret: 's' });
    bot = new CoreGroupsBot({ ctx, links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` }, scheduling: { calendar, durationMinutes: 90, workingHours: { start: '09:30', end: '16:30' } } });
  });
  afterEach(() => store.close());

  const say = (text: string, aadObjectId: string) => ({ type: ActivityTypes.Message, text, from: { id: '29:x', name: 'Someone', aadObjectId }, conversation: { id: 'a:1', name: '', isGroup: false, conversationType: 'personal' } });
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

  it('tells someone not on the case nothing about it', async () => {
    await store.transaction((tx) => tx.people.insert({ id: 'other', displayName: 'Other', email: 'o@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000ff' }));
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('status CP-2026-0042', '0a000000-0000-4000-8000-0000000000ff')).assertReply('There is no such case, or you are not a member of it.');
  });

  it('offers the chair compliant times with "schedule CASE-REF", each a button that books it', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('schedule CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply((reply) => {
      const card = JSON.parse(cardOf(reply)) as { actions: { verb: string; title: string; data: { meetingId: string; start: string } }[] };
      expect(card.actions.length).toBeGreaterThan(0);
      expect(card.actions.every((a) => a.verb === 'schedule.pick')).toBe(true);
      expect(card.actions[0]!.data.start).toBe('2026-12-21T09:30:00.000Z');
    });
  });

  it('makes a chat the core group chat only from a group chat', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    await adapter.send(say('link CP-2026-0042', PEOPLE.sam.entraObjectId)).assertReply('Say this in a group chat with the core group’s members: that chat then gets the agendas.');
    const c = await store.transaction((tx) => tx.cases.byReference('CP-2026-0042'));
    expect(await store.transaction((tx) => tx.conversations.chatForCase(c!.id))).toBeUndefined();
  });

  it('says how to link a group chat when it is added to one, and remembers the chat', async () => {
    const adapter = new TestAdapter((c) => bot.run(c));
    const install = { type: ActivityTypes.InstallationUpdate, action: 'add', from: { id: '29:sam', name: 'Sam', aadObjectId: PEOPLE.sam.entraObjectId }, conversation: { id: '19:group@thread.v2', name: '', isGroup: true, conversationType: 'groupChat' } };
    await adapter.send(install).assertReply((reply) => expect(cardOf(reply)).toContain('@Core Groups link CASE-REF'));
    expect(await store.transaction((tx) => tx.conversations.byConversationId('19:group@thread.v2'))).toMatchObject({ scope: 'groupChat' });
    // Linked, then the app is removed from the chat: the link goes with it, audited.
    const c = (await store.transaction((tx) => tx.cases.byReference('CP-2026-0042')))!;
    await linkCaseChat(ctx, actor('sam'), { caseId: c.id, conversationId: '19:group@thread.v2', roster: [{ teamsUserId: '29:sam', entraObjectId: PEOPLE.sam.entraObjectId }] });
    await adapter.send({ ...install, action: 'remove' });
    expect(await store.transaction((tx) => tx.conversations.chatForCase(c.id))).toBeUndefined();
    expect((await store.transaction((tx) => tx.audit.forCase(c.id))).map((a) => a.action)).toEqual(expect.arrayContaining(['case.chat-linked', 'case.chat-unlinked']));
  });
});
