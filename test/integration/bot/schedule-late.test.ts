import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { listStaff } from '../../fixtures/staff';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { EmbeddedCalendar } from '../../../src/adapters/local/embedded-calendar';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { cardActionInvoke } from '../../support/activities';

type Card = { body: Record<string, unknown>[] };
const sam = { id: '29:sam', aadObjectId: PEOPLE.sam.entraObjectId, name: PEOPLE.sam.displayName };

/** Booking from the bot's schedule card a time after the core group's deadline: it needs a reason, as in the tab. */
describe('the schedule card, when the times offered are after the deadline', () => {
  let store: KyselyStore;
  let ctx: AppContext;
  let bot: CoreGroupsBot;
  let server: http.Server;
  let url: string;
  let caseId: string;
  // Core group 1 of the case was due by Wed 6 Jan 2027: every time from now on is late.
  const clock = fixedClock('2027-01-07T08:00:00.000Z');

  beforeAll(async () => {
    store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv')] }))).id;
    const calendar = new EmbeddedCalendar({ db: store.db, clock, mailer: { send: async () => undefined }, mailFrom: 'x@y.z', feedSecret: 's' });
    bot = new CoreGroupsBot({
      ctx,
      links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` },
      scheduling: { calendar, durationMinutes: 90, workingHours: { start: '09:30', end: '16:30' } },
    });
    const app = express();
    app.use(express.json());
    app.post(
      '/api/messages',
      messagesEndpoint(
        createAdapter({}, async () => undefined),
        bot,
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

  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cardActionInvoke(verb, data, sam)) });
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; value: Card };
  };
  const scheduleCard = async (): Promise<Card> => {
    const [reply] = await bot.core.message(
      { entraObjectId: PEOPLE.sam.entraObjectId },
      { conversationId: 'a:1', kind: 'personal', reference: {}, roster: async () => [] },
      'schedule CP-2026-0042',
    );
    return (reply as unknown as { card: Card }).card;
  };
  const slotsOf = (card: Card) =>
    card.body
      .filter((b) => b.type === 'Container')
      .map((b) => {
        const [line, set] = b.items as [{ text: string }, { actions: { title: string; data: Record<string, unknown> }[] }];
        return { line: line.text, button: set.actions[0]! };
      });
  const input = (card: Card, id: string) => card.body.find((b) => b.id === id);
  const booked = async () => (await store.transaction((tx) => tx.meetings.forCase(caseId))).find((m) => m.number === 1)!;

  it('marks late times in words, on the line and the button, and asks why', async () => {
    const card = await scheduleCard();
    const slots = slotsOf(card);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots[0]!.line).toContain('after the deadline: needs a reason');
    expect(slots[0]!.button.title).toMatch(/^Book .*, late$/);
    expect(input(card, 'lateReason')).toMatchObject({ type: 'Input.Text', label: 'Why after the deadline? (needed to book a time marked after the deadline)' });
  });

  it('refuses to book a late time without a reason, saying so in words, keeping the place and what was typed; then books it with the reason', async () => {
    const slot = slotsOf(await scheduleCard())[0]!.button.data;
    const pick = { ...slot, venue: 'office' };
    const refused = await invoke('schedule.pick', { ...pick, lateReason: 'Busy' });
    expect(refused.statusCode).toBe(200);
    expect(JSON.stringify(refused.value)).toContain('is after the deadline: say why under \\"Why after the deadline?\\" (at least 5 characters)');
    expect(input(refused.value, 'venue')).toMatchObject({ value: 'office' });
    expect(input(refused.value, 'lateReason')).toMatchObject({ value: 'Busy' });
    expect((await booked()).status).toBe('planned');

    const done = await invoke('schedule.pick', { ...pick, lateReason: 'The chair was in court all week.' });
    expect(JSON.stringify(done.value)).toContain('with your reason beside it');
    expect(await booked()).toMatchObject({ status: 'booked', venue: 'office', lateReason: 'The chair was in court all week.' });
  });
});
