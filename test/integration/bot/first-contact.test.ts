import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import express from 'express';
import pg from 'pg';
import { listStaff } from '../../fixtures/staff';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { recordPlan } from '../../../src/app/plan';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { scheduleReminders } from '../../../src/app/reminders';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { DeliveryError, MayPost } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { cardDeliveries } from '../../../bot/deliveries';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroupAndAskForUpdates } from '../../fixtures/core-group';
import { RecordingMessenger } from '../../support/recording-messenger';
import { cardActionInvoke, SERVICE_URL, TENANT_ID } from '../../support/activities';
import { storeKinds } from '../../support/stores';
import { startTeamsConnector } from '../../faults/teams-connector-stand-in';

type Who = 'hv' | 'school' | 'sam';

/**
 * Whatever reaches the bot first from someone — installing the app, a message, a card action — they
 * get the welcome and one digest of what was queued for them, once, however many activities arrive
 * together and on however many server instances; and each card queued for them before goes out by
 * exactly one path: the digest, or the outbox when it reached them first. Driven through
 * /api/messages as Teams sends it, on SQLite and (when TEST_DATABASE_URL is set) PostgreSQL with
 * two server instances sharing the database.
 */
describe.each(storeKinds())('first contact with the bot (%s)', (kind) => {
  let stores: Store[];
  let ctx: AppContext;
  let servers: http.Server[];
  let urls: string[];
  let deps: OutboxWorkerDeps;
  let dropSchema: () => Promise<void>;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
  const ids: Record<string, string> = {};
  let reports: Record<string, string>;

  /**
   * Teams as it is: a card reaches only someone whose 1:1 chat the bot knows. `held` keeps a person's
   * delivery waiting before the chat is looked up, as a slow connector would, so a test can put an
   * install exactly there.
   */
  class Teams extends RecordingMessenger {
    private readonly held = new Map<string, { reached: () => void; released: Promise<void> }>();
    /** Holds the person's next delivery as it reaches Teams; `reached` settles once one is waiting. */
    hold(personId: string): { reached: Promise<void>; release: () => void } {
      let release!: () => void;
      let reached!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const hasReached = new Promise<void>((resolve) => (reached = resolve));
      this.held.set(personId, { reached, released });
      return { reached: hasReached, release };
    }
    override async sendToPerson(personId: string, card: object, summary: string, mayPost?: MayPost) {
      const held = this.held.get(personId);
      if (held) {
        this.held.delete(personId);
        held.reached();
        await held.released;
      }
      const chat = await stores[0]!.transaction((tx) => tx.conversations.personalFor(personId));
      if (!chat) throw new DeliveryError(`no Teams chat with person ${personId} yet`, undefined, 15 * 60_000);
      if (mayPost && !(await mayPost(chat.conversationId))) return { conversationId: chat.conversationId };
      return super.sendToPerson(personId, card, summary);
    }
  }
  let teams: Teams;

  beforeEach(async () => {
    clock.set('2026-12-21T08:00:00.000Z');
    if (kind === 'sqlite') {
      const store = await openStore({ kind: 'sqlite', file: ':memory:' });
      stores = [store, store];
      dropSchema = async () => undefined;
    } else {
      // Two server instances, each with its own pool, on one database.
      const url = process.env.TEST_DATABASE_URL as string;
      const schema = `test_${randomBytes(6).toString('hex')}`;
      stores = [await openStore({ kind: 'postgres', url, schema, poolSize: 4 }), await openStore({ kind: 'postgres', url, schema, poolSize: 4 })];
      dropSchema = async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      };
    }
    const store = stores[0]!;
    ctx = { store, clock, profiles: builtInRegistry };
    teams = new Teams();
    deps = { store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school')] }));
    await recordPlan(ctx, actor('sam'), { caseId: c.id, outcomes: ['LRE lives in a home free from violence'] });
    for (const who of ['hv', 'school'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    ids.sam = 'sam';
    const { reportOf } = await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    reports = Object.fromEntries((['hv', 'school'] as const).map((who) => [who, reportOf(ids[who]!)]));
    servers = [];
    urls = [];
    for (const s of stores) {
      const app = express();
      app.use(express.json());
      app.post(
        '/api/messages',
        messagesEndpoint(
          createAdapter({}, async () => undefined),
          new CoreGroupsBot({ ctx: { store: s, clock, profiles: builtInRegistry }, links }),
        ),
      );
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`);
    }
  });
  afterEach(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
    await stores[0]!.close();
    if (stores[1] !== stores[0]) await stores[1]!.close();
    await dropSchema();
  });

  /** Delivers everything due, until nothing more is. */
  const drain = async () => {
    for (let i = 0; i < 10 && (await deliverBatch(deps)).delivered > 0; i++);
  };
  const later = async (minutes: number) => {
    clock.set(new Date(Date.parse(clock.now()) + minutes * 60_000).toISOString());
    await drain();
  };

  const from = (who: Who) => ({ id: `29:${who}`, aadObjectId: PEOPLE[who].entraObjectId, name: PEOPLE[who].displayName });
  const personal = (who: Who) => ({ id: `a:personal-${who}`, conversationType: 'personal', tenantId: TENANT_ID });
  /** An activity to /api/messages of server `instance`; the cards of the replies returned in the response. */
  const post = async (body: Record<string, unknown>, instance = 0) => {
    const res = await fetch(urls[instance]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: { text?: string; attachments?: { content: unknown }[] }[] };
    return activities.map((a) => (a.attachments?.[0] ? JSON.stringify(a.attachments[0].content) : (a.text ?? '')));
  };
  const common = (who: Who) => ({
    id: randomUUID(),
    deliveryMode: 'expectReplies',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: from(who),
    recipient: { id: '28:core-groups-bot', name: 'Core Groups' },
    conversation: personal(who),
    channelData: { tenant: { id: TENANT_ID } },
  });
  /** The person types in their 1:1 chat with the bot. */
  const say = (who: Who, text: string, instance = 0) => post({ ...common(who), type: 'message', text }, instance);
  /** The person installs Core Groups for themselves. */
  const install = (who: Who, instance = 0) => post({ ...common(who), type: 'installationUpdate', action: 'add' }, instance);
  const isWelcome = (card: string) => card.includes('Welcome to Core Groups');
  const isDigest = (card: string) => card.includes('What is waiting for you');
  const received = (who: Who) => teams.sent.filter((s) => s.personId === ids[who]).map((s) => s.summary);

  it('welcomes someone whose first contact is a message, with one digest, and then answers them; the cards it covers never come', async () => {
    await drain(); // Nobody has the app: the form, agenda and plan for the health visitor wait.
    clock.set('2026-12-21T09:00:00.000Z');
    const replies = await say('hv', 'my core groups');
    expect(replies).toHaveLength(3);
    expect(isWelcome(replies[0]!)).toBe(true);
    // The welcome offers the health visitor what she may do, not the chair's commands.
    expect(replies[0]).toContain('my core groups');
    expect(replies[0]).not.toMatch(/schedule CASE-REF|link CASE-REF/);
    expect(isDigest(replies[1]!)).toBe(true);
    expect(replies[1]).toContain(`"verb":"report.edit","data":{"reportId":"${reports.hv}"}`);
    expect(replies[2]).toContain('Your core groups');
    // The next message is answered alone.
    const again = await say('hv', 'my core groups');
    expect(again).toHaveLength(1);
    expect(again[0]).toContain('Your core groups');
    await later(30);
    expect(received('hv')).toEqual([]);
  });

  it('counts a message split after someone first reached the bot (an agenda, a plan for all to agree) as queued when its source was', async () => {
    // The outbox has not yet split the agenda and the plan into one card per person when she first writes.
    clock.set('2026-12-21T09:00:00.000Z');
    const replies = await say('hv', 'help');
    expect(replies[1]).toContain('CP-2026-0042 (LRE): core group 1, Tue 5 Jan 2027, 10:00');
    expect(replies[1]).toContain('"verb":"plan.open"');
    clock.set('2026-12-21T09:30:00.000Z');
    await drain();
    await later(30);
    expect(received('hv')).toEqual([]);
  });

  it('welcomes someone whose first contact is a card action through the outbox, once, and answers the action', async () => {
    await drain();
    const res = await fetch(urls[0]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cardActionInvoke('report.edit', { reportId: reports.hv }, from('hv'), 'a:personal-hv')),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(((await res.json()) as { value: unknown }).value)).toContain('report.submit');
    await later(1);
    expect(received('hv')).toEqual(['Core Groups: welcome', 'Core Groups: what is waiting for you.']);
    const welcome = JSON.stringify(teams.sent.find((s) => s.personId === ids.hv && s.summary === 'Core Groups: welcome')!.card);
    expect(welcome).not.toMatch(/schedule CASE-REF|link CASE-REF/);
    // Pressing again brings nothing more; the form queued before is the digest's, and never comes.
    await fetch(urls[0]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cardActionInvoke('report.edit', { reportId: reports.hv }, from('hv'), 'a:personal-hv')),
    });
    await later(30);
    expect(received('hv')).toEqual(['Core Groups: welcome', 'Core Groups: what is waiting for you.']);
  });

  it('sends the welcome and digest through the outbox when Teams does not take them as the answer to the first contact', async () => {
    await drain();
    const connector = await startTeamsConnector();
    try {
      // Answered the usual way (posted to the chat, not in the HTTP response), and Teams refuses the post.
      connector.setDown('forbidden');
      const { deliveryMode: _inResponse, ...usual } = common('hv');
      await fetch(urls[0]!, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...usual, serviceUrl: connector.url, type: 'installationUpdate', action: 'add' }),
      });
      expect(connector.refused()).toBeGreaterThan(0);
      expect(connector.posts()).toEqual([]);
      await later(1);
      expect(received('hv')).toEqual(['Core Groups: welcome', 'Core Groups: what is waiting for you.']);
      // The cards the digest covers still go by that one path.
      await later(30);
      expect(received('hv')).toEqual(['Core Groups: welcome', 'Core Groups: what is waiting for you.']);
    } finally {
      await connector.close();
    }
  });

  it('gives one welcome and one digest when first activities arrive together, on two server instances', async () => {
    await drain();
    const answers = await Promise.all([install('hv', 0), say('hv', 'help', 1), say('hv', 'my core groups', 0), install('hv', 1)]);
    const all = answers.flat();
    expect(all.filter(isWelcome)).toHaveLength(1);
    expect(all.filter(isDigest)).toHaveLength(1);
    expect(all.filter((a) => a.includes('Your core groups'))).toHaveLength(1);
    await later(30);
    expect(received('hv')).toEqual([]);
  });

  it('sends a queued card by one path only when the person installs while the outbox is posting it', async () => {
    // The outbox has taken the health visitor's form and checked it is still wanted; Teams is slow to
    // take it, and in that moment she installs the app.
    const slow = teams.hold(ids.hv!);
    const delivering = deliverBatch(deps);
    await slow.reached;
    const [welcome, digest] = await install('hv', 1);
    expect(isWelcome(welcome!)).toBe(true);
    expect(digest).toContain(`"verb":"report.edit","data":{"reportId":"${reports.hv}"}`);
    slow.release();
    await delivering;
    await later(30);
    // The digest offered the form, the agenda and the plan: none of them comes as a card too.
    expect(received('hv')).toEqual([]);
  });

  /** The school's 1:1 chat with the bot, known since `since`. */
  const schoolChat = (since: string) =>
    stores[0]!.transaction((tx) =>
      tx.conversations.save({
        key: `personal:${ids.school}`,
        personId: ids.school!,
        conversationId: 'a:personal-school',
        scope: 'personal',
        tenantId: TENANT_ID,
        reference: { serviceUrl: SERVICE_URL, conversation: { id: 'a:personal-school' } },
        updatedAt: since,
      }),
    );

  it('posts the welcome and one digest, not the backlog, in a chat the bot opens itself, and welcomes no more after', async () => {
    await drain(); // Nobody reachable: the school's form, agenda and plan wait.
    // An hour later the bot opens a 1:1 chat with the school itself (Teams listed him in a group chat).
    clock.set('2026-12-21T09:00:00.000Z');
    await schoolChat(clock.now());
    await later(30);
    expect(received('school')).toEqual(['Core Groups: welcome', 'Core Groups: what is waiting for you.']);
    const digest = JSON.stringify(teams.sent.find((s) => s.summary === 'Core Groups: what is waiting for you.')!.card);
    expect(digest).toContain(`"verb":"report.edit","data":{"reportId":"${reports.school}"}`);
    expect(await say('school', 'help')).toHaveLength(1);
    await later(30);
    expect(received('school')).toHaveLength(2);
  });

  it('sends the cards one by one to someone who could be reached when they were queued, and then welcomes them without a digest', async () => {
    // The school has had the app since before digests existed: its chat is known, no digest recorded.
    await schoolChat('2026-11-01T09:00:00.000Z');
    await drain();
    expect([...received('school')].sort()).toEqual([
      'Core Groups: agenda for CP-2026-0042 core group 1.',
      'Core Groups: the plan for CP-2026-0042 is ready for your agreement.',
      'Core Groups: your update for CP-2026-0042 core group 1 is requested.',
    ]);
    const replies = await say('school', 'help');
    expect(replies.filter(isWelcome)).toHaveLength(1);
    expect(replies.filter(isDigest)).toHaveLength(0);
  });

  it('never lands a reminder with the digest that offered its form, whatever the first contact was', async () => {
    await drain();
    clock.set('2026-12-30T06:00:00.000Z');
    const replies = await say('hv', 'help');
    expect(replies.some((r) => r.includes(`"verb":"report.edit","data":{"reportId":"${reports.hv}"}`))).toBe(true);
    // An hour later, 3 working days before core group 1, the reminders are queued: hers does not come.
    clock.set('2026-12-30T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(received('hv').filter((s) => s.includes('reminder'))).toEqual([]);
    // The working day before, it does: alone, the form not with it.
    clock.set('2027-01-04T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(received('hv').sort()).toEqual([
      'Core Groups: agenda for CP-2026-0042 core group 1.',
      'Core Groups: reminder, your update for CP-2026-0042 is due.',
    ]);
  });
});
