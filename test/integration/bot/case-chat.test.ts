import { linkCaseChat } from '../../../src/app/case-chat';
import { listStaff } from '../../fixtures/staff';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting } from '../../../src/app/meetings';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { ChatMember, DeliveryError } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { cardDeliveries } from '../../../bot/deliveries';
import { RecordingMessenger } from '../../support/recording-messenger';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';

const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
const CHAT = '19:core-group-chat@thread.v2';
const inChat = (...who: ('sam' | 'maria' | 'hv' | 'school')[]): ChatMember[] =>
  who.map((w) => ({ teamsUserId: `29:${w}`, entraObjectId: PEOPLE[w].entraObjectId, name: PEOPLE[w].displayName }));

describe('the core group chat: linking a Teams group chat to a case, and agendas posted there', () => {
  let store: Store;
  let ctx: AppContext;
  let messenger: RecordingMessenger;
  let deps: OutboxWorkerDeps;
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  let caseId: string;
  const ids: Record<string, string> = {};

  const drain = async () => {
    for (let i = 0; i < 5; i++) await deliverBatch(deps);
  };
  const knowChat = (conversationId = CHAT) =>
    store.transaction((tx) =>
      tx.conversations.save({
        key: `conversation:${conversationId}`,
        conversationId,
        scope: 'groupChat',
        tenantId: 'tenant-1',
        reference: { serviceUrl: 'https://smba.example/emea/', conversation: { id: conversationId } },
        updatedAt: clock.now(),
      }),
    );
  const book = async () => {
    const meeting = await store.transaction(async (tx) => (await tx.meetings.forCase(caseId))[0]!);
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-08T10:00:00Z',
      endsAt: '2027-01-08T11:30:00Z',
      lateReason: 'The school is closed until then.',
      venue: 'office',
    });
  };

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    clock.set('2027-01-04T09:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    messenger = new RecordingMessenger();
    deps = { store, clock, deliver: cardDeliveries(ctx, messenger, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school')] }))).id;
    for (const who of ['maria', 'hv', 'school'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
  });
  afterEach(() => store.close());

  it('links a chat whose members are all on the case, remembers their Teams ids, and audits it', async () => {
    await knowChat();
    const linked = await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'maria', 'hv') });
    expect(linked.case.reference).toBe('CP-2026-0042');
    expect((await store.transaction((tx) => tx.conversations.chatForCase(caseId)))?.conversationId).toBe(CHAT);
    expect(await store.transaction((tx) => tx.teamsUsers.byPerson(ids.hv!))).toMatchObject({
      teamsUserId: '29:hv',
      serviceUrl: 'https://smba.example/emea/',
      tenantId: 'tenant-1',
    });
    expect((await store.transaction((tx) => tx.audit.forCase(caseId))).map((a) => a.action)).toContain('case.chat-linked');
  });

  it('refuses a chat with someone who is not on the case, naming them, and links nothing', async () => {
    await knowChat();
    const roster = [...inChat('sam', 'hv'), { teamsUserId: '29:guest', name: 'A Guest' }];
    await expect(linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster })).rejects.toMatchObject({
      code: 'CHAT.OUTSIDERS',
      category: 'conflict',
      message: expect.stringContaining('A Guest is in this chat but not a member of CP-2026-0042') as unknown,
    });
    expect(await store.transaction((tx) => tx.conversations.chatForCase(caseId))).toBeUndefined();
    expect(await store.transaction((tx) => tx.teamsUsers.byPerson(ids.hv!))).toBeUndefined();
  });

  it('lets only the chair or manager link a chat, and never a personal chat', async () => {
    await knowChat();
    await expect(linkCaseChat(ctx, actor(ids.hv!), { caseId, conversationId: CHAT, roster: inChat('sam') })).rejects.toMatchObject({ code: 'CHAT.FORBIDDEN' });
    await store.transaction((tx) =>
      tx.conversations.save({ key: 'personal:sam', personId: 'sam', conversationId: 'a:personal', scope: 'personal', reference: {}, updatedAt: clock.now() }),
    );
    await expect(linkCaseChat(ctx, actor('sam'), { caseId, conversationId: 'a:personal', roster: inChat('sam') })).rejects.toMatchObject({
      code: 'CHAT.NOT_GROUP',
    });
  });

  it('posts the agenda once in the chat, and 1:1 only to members who are not in it', async () => {
    await knowChat();
    await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'maria', 'hv') });
    messenger.rosters.set(CHAT, inChat('sam', 'maria', 'hv'));
    await book();
    await drain();
    expect(messenger.posted.map((p) => p.conversationId)).toEqual([CHAT]);
    expect(JSON.stringify(messenger.posted[0]!.card)).toContain('CP-2026-0042');
    expect(messenger.sent.filter((s) => s.summary.includes('agenda')).map((s) => s.personId)).toEqual([ids.school]);
  });

  it("posts the chat's agenda with no update buttons, refreshed per person for those who owe one; 1:1 agendas carry them only for those", async () => {
    await knowChat();
    await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'maria', 'hv') });
    messenger.rosters.set(CHAT, inChat('sam', 'maria', 'hv'));
    await book();
    await drain();
    const chat = messenger.posted[0]!.card as { body: unknown; refresh?: { action: { verb: string }; userIds: string[] } };
    expect(JSON.stringify(chat.body)).not.toContain('report.open');
    expect(chat.refresh?.action.verb).toBe('agenda.refresh');
    // Named by their Teams ids, as Teams knows them: the health visitor, in the chat. The chair and the
    // manager owe no update, and the school is not in the chat.
    expect(chat.refresh?.userIds).toEqual(['29:hv']);
    const schools = messenger.sent.find((s) => s.summary.includes('agenda') && s.personId === ids.school)!;
    expect(JSON.stringify(schools.card)).toContain('report.open');
    expect(schools.card).not.toHaveProperty('refresh');
  });

  it('sends the chair and the manager a 1:1 agenda with no update buttons, since no update is asked of them', async () => {
    messenger.rosters.set(CHAT, []);
    await book();
    await drain();
    const agendas = messenger.sent.filter((s) => s.summary.includes('agenda'));
    const verbsOf = (personId: string) => JSON.stringify(agendas.find((s) => s.personId === personId)!.card).includes('report.open');
    expect([verbsOf('sam'), verbsOf(ids.maria!), verbsOf(ids.hv!), verbsOf(ids.school!)]).toEqual([false, false, true, true]);
  });

  it('stops posting in a chat someone from outside the case has joined: everyone gets it 1:1 and the chair is told', async () => {
    await knowChat();
    await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'hv') });
    messenger.rosters.set(CHAT, [...inChat('sam', 'hv'), { teamsUserId: '29:x', name: 'Pat Outsider' }]);
    await book();
    await drain();
    expect(messenger.posted).toEqual([]);
    expect(
      messenger.sent
        .filter((s) => s.summary.includes('agenda'))
        .map((s) => s.personId)
        .sort(),
    ).toEqual(['sam', ids.maria, ids.hv, ids.school].sort());
    const notice = messenger.sent.find((s) => s.summary.includes('the core group chat for CP-2026-0042 needs attention'))!;
    expect(notice.personId).toBe('sam');
    expect(JSON.stringify(notice.card)).toContain('Pat Outsider');
    expect(await store.transaction((tx) => tx.conversations.chatForCase(caseId))).toBeUndefined();
  });

  it('falls back to 1:1 when the bot has been removed from the chat', async () => {
    await knowChat();
    await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam') });
    await book();
    await drain();
    expect(messenger.posted).toEqual([]);
    expect(messenger.sent.filter((s) => s.summary.includes('agenda'))).toHaveLength(4);
    expect((await store.transaction((tx) => tx.audit.forCase(caseId))).map((a) => a.action)).toContain('case.chat-unlinked');
    // The chair is told why, and how to use the chat again.
    const told = messenger.sent.filter((s) => s.summary.includes('the core group chat for CP-2026-0042 needs attention'));
    expect(told.map((s) => s.personId)).toEqual(['sam']);
    expect(JSON.stringify(told[0]!.card)).toContain('Core Groups is no longer in the chat');
  });

  it('retries a roster Teams will not give, then unlinks the chat, sends the agenda 1:1 and tells the chair', async () => {
    await knowChat();
    await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'hv') });
    let asked = 0;
    messenger.chatRoster = async () => {
      asked++;
      throw new DeliveryError('Service Unavailable', 503);
    };
    await book();
    for (let i = 0; i < 8; i++) {
      await deliverBatch(deps);
      clock.set(new Date(Date.parse(clock.now()) + 10 * 60_000).toISOString());
    }
    expect(asked).toBe(3);
    expect(messenger.posted).toEqual([]);
    expect(messenger.sent.filter((s) => s.summary.includes('agenda'))).toHaveLength(4);
    const told = messenger.sent.filter((s) => s.summary.includes('the core group chat for CP-2026-0042 needs attention'));
    expect(told.map((s) => s.personId)).toEqual(['sam']);
    expect(JSON.stringify(told[0]!.card)).toContain('Teams would not say who is in the chat');
    expect(await store.transaction((tx) => tx.conversations.chatForCase(caseId))).toBeUndefined();
  });

  it('posts the next booked core group’s agenda in the chat as soon as it is linked', async () => {
    await book();
    await drain();
    messenger.sent.length = 0;
    await knowChat();
    messenger.rosters.set(CHAT, inChat('sam', 'maria', 'hv', 'school'));
    const linked = await linkCaseChat(ctx, actor('sam'), { caseId, conversationId: CHAT, roster: inChat('sam', 'maria', 'hv', 'school') });
    expect(linked.nextMeetingId).toBeDefined();
    await drain();
    expect(messenger.posted).toHaveLength(1);
    expect(messenger.sent).toEqual([]);
  });
});
