import { createAdapter } from '../../bot/host/create-adapter';
import { cardDeliveries } from '../../bot/deliveries';
import { teamsMessenger } from '../../bot/host/teams-messenger';
import { GraphCalendar } from '../../src/adapters/graph/graph-calendar';
import { graphClient } from '../../src/adapters/graph/graph-client';
import { graphMailer } from '../../src/adapters/graph/graph-mailer';
import { openStore } from '../../src/adapters/store/open-store';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { calendarDeliveries } from '../../src/app/calendar-sync';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { AT_RISK_AFTER_MS, warnChairIfDeadlineAtRisk } from '../../src/app/delivery-at-risk';
import { mailDeliveries } from '../../src/app/mail-deliveries';
import { bookMeeting } from '../../src/app/meetings';
import { deliverBatch, Deliver } from '../../src/app/outbox-worker';
import { builtInRegistry } from '../../src/domain/policy';
import { MAX_ATTEMPTS } from '../../src/domain/delivery/retry-policy';
import { fixedClock } from '../../src/ports/clock';
import { OutboxKind, Store } from '../../src/ports/store';
import { aCase, actor, PEOPLE } from '../fixtures/builders';
import { listStaff } from '../fixtures/staff';
import { GraphStandIn, startGraphStandIn } from '../support/graph-stand-in/server';
import { loadCsdl } from '../support/graph-stand-in/csdl-model';
import { startTeamsConnector, TeamsConnector } from './teams-connector-stand-in';

/*
 * Teams' connector, then Microsoft Graph (Outlook and mail), gone for 50 minutes, with the production
 * adapters unchanged against stand-ins on loopback: the Teams connector drops every connection
 * without an answer, Graph answers 503. The workers run a batch a minute on a pinned clock. Work
 * waits in the outbox (nothing is given up on), the chair is told through the other channel once
 * something a deadline depends on has waited half an hour, and everything goes out, once, when the
 * service is back.
 */
describe('Teams and Microsoft 365 gone for most of an hour', () => {
  beforeAll(() => void loadCsdl(), 60_000);
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  let store: Store;
  let ctx: AppContext;
  let teams: TeamsConnector;
  let graph: GraphStandIn;
  let graphDown = false;
  let caseId: string;
  const ids: Record<string, string> = {};
  let workers: { kind: OutboxKind; deliver: Deliver }[];
  const logged: string[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    teams = await startTeamsConnector();
    graph = await startGraphStandIn({ fault: () => (graphDown ? { status: 503, retryAfterSeconds: 0 } : undefined) });
    for (const p of await (store as KyselyStore).db.selectFrom('people').select(['id', 'email', 'entra_object_id']).execute()) {
      ids[p.email] = p.id;
      if (!p.entra_object_id) continue;
      const conversationId = `a:${p.id}`;
      await store.transaction((tx) =>
        tx.conversations.save({
          key: `personal:${p.id}`,
          personId: p.id,
          conversationId,
          scope: 'personal',
          tenantId: 'tenant-1',
          reference: {
            channelId: 'msteams',
            serviceUrl: teams.url,
            conversation: { id: conversationId, conversationType: 'personal' },
            bot: { id: '28:core-groups' },
            user: { id: `29:${p.id}` },
          },
          updatedAt: clock.now(),
        }),
      );
    }
    const client = graphClient({ authProvider: { getAccessToken: async () => 'test-token' }, baseUrl: graph.origin, retryDelaySeconds: 0, maxRetries: 0 });
    const links = { caseUrl: (id: string) => `https://tab.example/#/cases/${id}`, minutesUrl: (id: string) => `https://tab.example/#/minutes/${id}` };
    workers = [
      {
        kind: 'card',
        deliver: cardDeliveries(ctx, teamsMessenger({ adapter: createAdapter({}, async () => undefined), appId: '', store, clock }), links),
      },
      { kind: 'calendar', deliver: calendarDeliveries(ctx, new GraphCalendar(client, 'scheduling@anytown.gov.uk')) },
      { kind: 'mail', deliver: mailDeliveries(ctx, graphMailer(client), 'core-groups@anytown.gov.uk') },
    ];
  }, 60_000);

  afterAll(async () => {
    await teams?.close();
    await graph?.close();
    await store?.close();
  });

  /**
   * Five minutes pass and each worker runs what is due then, as the server's would (a batch every 2 s
   * when idle). Five, not one: the Bot Framework SDK itself retries a failed send three times (about
   * 5 s of real time) before the outbox sees the failure, so each attempt costs the test seconds.
   */
  const fiveMinutes = async () => {
    clock.set(new Date(Date.parse(clock.now()) + 5 * 60_000).toISOString());
    for (const w of workers) {
      for (;;) {
        const r = await deliverBatch({
          store,
          clock,
          deliver: w.deliver,
          kinds: [w.kind],
          workerId: w.kind,
          random: () => 0.5,
          log: (m) => logged.push(m),
          stillWaiting: (m, waited) => warnChairIfDeadlineAtRisk(ctx, m, waited),
        });
        if (r.delivered + r.retrying + r.dead === 0 || r.delivered === 0) break;
      }
    }
  };
  const outbox = () => (store as KyselyStore).db.selectFrom('outbox').select(['kind', 'topic', 'status', 'attempts', 'payload', 'last_error']).execute();
  const firstMeeting = async () => (await store.transaction((tx) => tx.meetings.forCase(caseId))).sort((a, b) => a.number - b.number)[0]!;
  const mailTo = (email: string) => graph.mail.filter((m) => JSON.stringify(m.body).includes(email));
  const cardsTo = (personId: string, text: string) => teams.posts().filter((p) => p.conversationId === `a:${personId}` && p.text.includes(text));

  it('Teams gone: the agenda waits, the chair is mailed after half an hour, and every card goes once when Teams is back', async () => {
    teams.setDown('no-answer');
    const meeting = await firstMeeting();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'office',
    });
    for (let m = 5; m < AT_RISK_AFTER_MS / 60_000; m += 5) await fiveMinutes();
    // 25 minutes in: the invitation went (Graph is up), the agenda waits, nobody told yet.
    expect(graph.events).toHaveLength(1);
    expect(mailTo(PEOPLE.sam.email)).toEqual([]);
    let rows = await outbox();
    const agenda = rows.filter((r) => r.topic === 'agenda.send');
    expect(agenda.length).toBeGreaterThanOrEqual(5);
    expect(agenda.filter((r) => r.status !== 'pending')).toEqual([]);
    for (let m = 25; m < 50; m += 5) await fiveMinutes();
    // 50 minutes in: still waiting (well past the 8 quick tries that used to give up), and the chair told, once, by mail.
    rows = await outbox();
    expect(rows.filter((r) => r.status === 'dead')).toEqual([]);
    expect(Math.max(...rows.filter((r) => r.topic === 'agenda.send').map((r) => r.attempts))).toBeGreaterThan(MAX_ATTEMPTS);
    const told = mailTo(PEOPLE.sam.email);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.body)).toContain('CP-2026-0042 (LRE): the agenda not sent yet');
    expect(JSON.stringify(told[0]!.body)).toContain('Core group 1 is on Tue 5 Jan 2027');
    expect(JSON.stringify(told[0]!.body)).not.toContain('Lily');
    expect(teams.refused()).toBeGreaterThan(0);
    expect(teams.posts()).toEqual([]);

    teams.setDown(false);
    await fiveMinutes();
    await fiveMinutes();
    rows = await outbox();
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
    for (const who of ['sam', 'maria', 'hv', 'school', 'bs', 'iro'] as const) expect(cardsTo(ids[PEOPLE[who].email]!, 'agenda')).toHaveLength(1);
  }, 240_000);

  it('Microsoft 365 gone: the changed invitation waits, the chair gets a card after half an hour, and the event is moved once it is back', async () => {
    graphDown = true;
    const meeting = await firstMeeting();
    const posted = teams.posts().length;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-06T10:00:00Z',
      endsAt: '2027-01-06T11:30:00Z',
      venue: 'office',
    });
    for (let m = 0; m < 50; m += 5) await fiveMinutes();
    let rows = await outbox();
    expect(rows.filter((r) => r.status === 'dead')).toEqual([]);
    expect(rows.filter((r) => r.status !== 'delivered').map((r) => r.topic)).toEqual(['calendar.update-event']);
    const warnings = teams
      .posts()
      .slice(posted)
      .filter((p) => p.text.includes('not sent yet'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.conversationId).toBe(`a:${ids[PEOPLE.sam.email]}`);
    expect(warnings[0]!.text).toContain('the changed invitation not sent yet');
    expect(warnings[0]!.text).toContain('Core group 1 is on Wed 6 Jan 2027');
    expect(graph.events[0]!.body.start).toMatchObject({ dateTime: expect.stringMatching(/^2027-01-05T10:00/) });

    graphDown = false;
    await fiveMinutes();
    await fiveMinutes();
    rows = await outbox();
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
    expect(graph.events).toHaveLength(1);
    expect(graph.events[0]!.body.start).toMatchObject({ dateTime: expect.stringMatching(/^2027-01-06T10:00/) });
    expect(logged).toEqual([]);
  }, 240_000);
});
