import { PersonalChat, SETTLED_FOR_MS, SettledChats } from '../../../bot/core/settled-chats';

const chat: PersonalChat = { conversationId: 'a:personal-hv', entraObjectId: 'oid-hv', serviceUrl: 'https://smba.trafficmanager.net/uk/' };

describe('chats whose first contact is over', () => {
  let now: number;
  let settled: SettledChats;
  beforeEach(() => {
    now = Date.parse('2027-01-04T09:00:00.000Z');
    settled = new SettledChats(() => now, { most: 3 });
  });

  it('are not settled until first contact has run in them', () => {
    expect(settled.personIn(chat)).toBeUndefined();
    settled.settle(chat, 'hv');
    expect(settled.personIn(chat)).toBe('hv');
  });

  // One line a case: what differs from the settled chat, and whether first contact must run again.
  const asked: [string, Partial<PersonalChat>][] = [
    ['another person in the same chat', { entraObjectId: 'oid-other' }],
    ['Teams answering from another service URL', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }],
    ['another chat of the same person', { conversationId: 'a:personal-hv-2' }],
  ];
  it.each(asked)('are looked up afresh for %s', (_what, change) => {
    settled.settle(chat, 'hv');
    expect(settled.personIn({ ...chat, ...change })).toBeUndefined();
  });

  it('are looked up afresh a quarter of an hour after first contact last ran, however often they were used meanwhile', () => {
    settled.settle(chat, 'hv');
    const settledAt = now;
    now = settledAt + SETTLED_FOR_MS - 1;
    expect(settled.personIn(chat)).toBe('hv');
    now = settledAt + SETTLED_FOR_MS + 1;
    expect(settled.personIn(chat)).toBeUndefined();
  });

  it('are forgotten when the app is removed from the chat', () => {
    settled.settle(chat, 'hv');
    settled.forget(chat.conversationId);
    expect(settled.personIn(chat)).toBeUndefined();
  });

  it('are kept up to a bound, the least recently used dropped first', () => {
    const nth = (i: number): PersonalChat => ({ ...chat, conversationId: `a:personal-${i}` });
    [1, 2, 3].forEach((i) => settled.settle(nth(i), `p${i}`));
    expect(settled.personIn(nth(1))).toBe('p1');
    settled.settle(nth(4), 'p4');
    expect([1, 2, 3, 4].map((i) => settled.personIn(nth(i)))).toEqual(['p1', undefined, 'p3', 'p4']);
  });
});
