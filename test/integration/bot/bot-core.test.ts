import { listStaff } from '../../fixtures/staff';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { ChatMember } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { BotCore } from '../../../bot/core/bot-core';
import { Reply, Where } from '../../../bot/core/turn';
import { VERBS } from '../../../bot/verbs';
import { cardDeliveries } from '../../../bot/deliveries';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { RecordingMessenger } from '../../support/recording-messenger';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';

/**
 * The bot's core with no host at all: who, where and what as plain data, replies and cards back.
 * This is all a move to another Teams SDK has to provide (see bot/README.md).
 */
describe('the bot core, without botbuilder', () => {
  let store: Store;
  let ctx: AppContext;
  let core: BotCore;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv')] }));
    core = new BotCore({ ctx, links });
  });
  afterEach(() => store.close());

  const where = (kind: Where['kind'], roster: ChatMember[] = []): Where => ({
    conversationId: kind === 'personal' ? 'a:personal-sam' : '19:chat@thread.v2',
    kind,
    activityId: 'activity-1',
    reference: { serviceUrl: 'https://example.invalid/' },
    roster: async () => roster,
  });
  const sam = { entraObjectId: PEOPLE.sam.entraObjectId, name: PEOPLE.sam.displayName };
  const text = (replies: Reply[]) => replies.map((r) => ('card' in r ? JSON.stringify(r.card) : r.text)).join('\n');

  it('answers a command with a card, whatever its case and closing punctuation', async () => {
    const replies = await core.message(sam, where('personal'), '  Status CP-2026-0042. ');
    expect(text(replies)).toContain('CP-2026-0042 (LRE)');
    expect(text(replies)).not.toContain('Lily');
  });

  it('answers privately, and says so, where someone in the chat is not on the case', async () => {
    const outsider = { teamsUserId: '29:x', entraObjectId: '0a000000-0000-4000-8000-0000000000ff', name: 'Someone Else' };
    const replies = await core.message(
      sam,
      where('groupChat', [{ teamsUserId: '29:sam', entraObjectId: PEOPLE.sam.entraObjectId }, outsider]),
      'status CP-2026-0042',
    );
    expect(replies).toEqual([{ text: "I've sent that to you privately." }]);
    const teams = new RecordingMessenger();
    await deliverBatch({ store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 });
    const privately = teams.sent.filter((s) => s.summary === 'Core Groups: the status you asked for');
    expect(privately.map((s) => s.personId)).toEqual(['sam']);
    expect(JSON.stringify(privately[0]!.card)).toContain('CP-2026-0042 (LRE)');
  });

  it('has a handler for every verb, and refuses one it does not know as a 400, not a crash', async () => {
    expect(Object.keys(core.cardActions).sort()).toEqual(Object.values(VERBS).sort());
    expect(await core.cardAction(sam, where('personal'), { verb: 'constructor', data: {} })).toMatchObject({
      kind: 'error',
      status: 400,
      code: 'CARD.UNKNOWN_VERB',
    });
    expect(await core.cardAction({}, where('personal'), { verb: VERBS.reportEdit, data: { reportId: 'r' } })).toMatchObject({ kind: 'error', status: 401 });
  });

  it('acts on a card pressed in a 1:1 chat or a group chat as the person Teams names, and refuses someone it does not know', async () => {
    const meeting = (await store.transaction(async (tx) => tx.meetings.forCase((await tx.cases.byReference('CP-2026-0042'))!.id)))[0]!;
    const open = { verb: VERBS.reportOpen, data: { meetingId: meeting.id } };
    for (const kind of ['personal', 'groupChat'] as const) {
      const answer = await core.cardAction(sam, where(kind), open);
      expect(answer.kind).toBe('card');
      expect(JSON.stringify(answer)).toContain('You chair core group 1');
    }
    // Pressed first in a 1:1 chat, the card is also that chat's first contact: remembered for the outbox.
    expect(await store.transaction((tx) => tx.conversations.personalFor('sam'))).toMatchObject({ conversationId: 'a:personal-sam' });
    const stranger = { entraObjectId: '0a000000-0000-4000-8000-0000000000ff' };
    const refused = await core.cardAction(stranger, { ...where('personal'), conversationId: 'a:personal-stranger' }, open);
    expect(refused).toMatchObject({ kind: 'error', status: 403, code: 'PERSON.UNKNOWN' });
    expect(await store.transaction((tx) => tx.conversations.byConversationId('a:personal-stranger'))).toBeUndefined();
  });

  it('acts on a card pressed again in a settled 1:1 chat without first contact, and looks again after a quarter of an hour or a removal', async () => {
    const meeting = (await store.transaction(async (tx) => tx.meetings.forCase((await tx.cases.byReference('CP-2026-0042'))!.id)))[0]!;
    const open = { verb: VERBS.reportOpen, data: { meetingId: meeting.id } };
    let transactions = 0;
    const transaction = store.transaction.bind(store);
    store.transaction = (work) => {
      transactions++;
      return transaction(work);
    };
    /** Presses the card as Sam; how many store transactions that took. */
    const press = async (chat: Where = where('personal')) => {
      transactions = 0;
      expect(JSON.stringify(await core.cardAction(sam, chat, open))).toContain('You chair core group 1');
      return transactions;
    };
    const stored = () => transaction((tx) => tx.conversations.personalFor('sam'));
    try {
      const withFirstContact = await press();
      expect(await press()).toBe(withFirstContact - 1);
      // Another server instance forgets the chat (the app removed there): this one does not store it
      // again until it looks, a quarter of an hour after first contact last ran.
      await transaction((tx) => tx.conversations.remove('a:personal-sam'));
      expect(await press()).toBe(withFirstContact - 1);
      expect(await stored()).toBeUndefined();
      clock.set('2026-12-21T08:15:00.001Z');
      expect(await press()).toBe(withFirstContact);
      expect(await stored()).toMatchObject({ conversationId: 'a:personal-sam' });
      // Teams answering from elsewhere: stored at once.
      const moved = { ...where('personal'), reference: { serviceUrl: 'https://elsewhere.invalid/' } };
      expect(await press(moved)).toBe(withFirstContact);
      expect((await stored())?.reference).toEqual({ serviceUrl: 'https://elsewhere.invalid/' });
      // Removed through this instance: the next press is first contact again.
      await core.seen(sam, moved, 'uninstalled');
      expect(await press(moved)).toBe(withFirstContact);
      expect(await stored()).toMatchObject({ conversationId: 'a:personal-sam' });
    } finally {
      clock.set('2026-12-21T08:00:00.000Z');
    }
  });

  it('welcomes someone installing it 1:1 once, and remembers where to reach them', async () => {
    const first = await core.seen(sam, where('personal'), 'installed');
    expect(text(first)).toContain('Welcome to Core Groups');
    expect(await core.seen(sam, where('personal'), 'bot-added')).toEqual([]);
    expect(await store.transaction((tx) => tx.conversations.personalFor('sam'))).toMatchObject({ conversationId: 'a:personal-sam', scope: 'personal' });
    await core.seen(sam, where('personal'), 'uninstalled');
    expect(await store.transaction((tx) => tx.conversations.byConversationId('a:personal-sam'))).toBeUndefined();
  });
});
