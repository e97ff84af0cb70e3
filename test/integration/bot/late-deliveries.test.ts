import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { listStaff } from '../../fixtures/staff';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { recordPlan } from '../../../src/app/plan';
import { deliverBatch, OutboxWorkerDeps } from '../../../src/app/outbox-worker';
import { scheduleReminders } from '../../../src/app/reminders';
import { submitReport } from '../../../src/app/reports';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { DeliveryError } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { cardDeliveries } from '../../../bot/deliveries';
import { createAdapter } from '../../../bot/host/create-adapter';
import { messagesEndpoint } from '../../../bot/host/messages-endpoint';
import { aCase, actor, aMember, aReport, PEOPLE } from '../../fixtures/builders';
import { bookFirstCoreGroupAndAskForUpdates } from '../../fixtures/core-group';
import { RecordingMessenger } from '../../support/recording-messenger';
import { cardActionInvoke, SERVICE_URL, TENANT_ID } from '../../support/activities';

/**
 * Teams reaches a person only once they have installed Core Groups: what was queued for them before
 * arrives, on install, as one digest of how things stand then, and nothing queued that is no longer
 * true (an update already in, a deadline since met) reaches anyone later.
 */
describe('late deliveries: one digest on install, only what is still true', () => {
  let store: Store;
  let ctx: AppContext;
  let server: http.Server;
  let url: string;
  let deps: OutboxWorkerDeps;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');
  const links = { caseUrl: (id: string) => `#/cases/${id}`, minutesUrl: (id: string) => `#/minutes/${id}` };
  const ids: Record<string, string> = {};
  let caseId: string;
  let reports: Record<string, string>;

  /** Teams as it is: a card reaches only someone whose 1:1 chat the bot knows (they installed the app). */
  class TeamsBeforeInstall extends RecordingMessenger {
    override async sendToPerson(personId: string, card: object, summary: string) {
      if (!(await store.transaction((tx) => tx.conversations.personalFor(personId))))
        throw new DeliveryError(`no Teams chat with person ${personId} yet`, undefined, 15 * 60_000);
      return super.sendToPerson(personId, card, summary);
    }
  }
  let teams: TeamsBeforeInstall;

  beforeEach(async () => {
    clock.set('2026-12-21T08:00:00.000Z');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    teams = new TeamsBeforeInstall();
    deps = { store, clock, deliver: cardDeliveries(ctx, teams, links), kinds: ['card'], workerId: 'w', batchSize: 100, random: () => 0.5 };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('school')] }));
    caseId = c.id;
    // The plan, for every member to agree: its cards are queued now, before anyone has the app.
    await recordPlan(ctx, actor('sam'), { caseId: c.id, outcomes: ['LRE lives in a home free from violence'] });
    for (const who of ['maria', 'hv', 'school'] as const) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    // Core group 1 (due Wed 6 Jan 2027) booked for Tue 5 Jan, 10:00; every professional's update asked for.
    const { reportOf } = await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    reports = Object.fromEntries((['hv', 'school'] as const).map((who) => [who, reportOf(ids[who]!)]));

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
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  /** Delivers everything due, until nothing more is (a fan-out queues rows for the next batch). */
  const drain = async () => {
    for (let i = 0; i < 10 && (await deliverBatch(deps)).delivered > 0; i++);
  };
  /** Lets every retry fall due, then delivers. */
  const later = async (minutes: number) => {
    clock.set(new Date(Date.parse(clock.now()) + minutes * 60_000).toISOString());
    await drain();
  };

  /** The person installs Core Groups for themselves: Teams' installationUpdate, over HTTP, replies returned in the response. */
  const install = async (who: 'hv' | 'school' | 'sam' | 'maria') => {
    const from = { id: `29:${who}`, aadObjectId: PEOPLE[who].entraObjectId, name: PEOPLE[who].displayName };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'installationUpdate',
        action: 'add',
        id: `install-${who}`,
        deliveryMode: 'expectReplies',
        channelId: 'msteams',
        serviceUrl: SERVICE_URL,
        from,
        recipient: { id: '28:core-groups-bot', name: 'Core Groups' },
        conversation: { id: `a:personal-${who}`, conversationType: 'personal', tenantId: TENANT_ID },
        channelData: { tenant: { id: TENANT_ID } },
      }),
    });
    expect(res.status).toBe(200);
    const { activities } = (await res.json()) as { activities: { attachments?: { content: unknown }[] }[] };
    return activities.map((a) => JSON.stringify(a.attachments?.[0]?.content ?? {}));
  };
  /** A card action, as Teams sends it when a button is pressed; the card that replaces the pressed one. */
  const invoke = async (verb: string, data: Record<string, unknown>, who: 'hv' | 'sam') => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(cardActionInvoke(verb, data, { id: `29:${who}`, aadObjectId: PEOPLE[who].entraObjectId }, `a:personal-${who}`)),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: unknown }).value;
  };
  const received = (who: string) => teams.sent.filter((s) => s.personId === (ids[who] ?? who)).map((s) => s.summary);

  it('gives someone who installs late one digest of how things stand, and drops every card it covers', async () => {
    await drain(); // Nobody has installed the app: every card to a person waits.
    clock.set('2026-12-30T07:00:00.000Z'); // 3 working days before core group 1: chasers are queued.
    await scheduleReminders(ctx);
    await drain();
    // The school's update goes in from the tab; its form and reminder are no longer true.
    await submitReport(ctx, actor(ids.school!), { reportId: reports.school!, content: aReport() });
    expect(teams.sent).toEqual([]);

    clock.set('2026-12-30T09:00:00.000Z');
    const replies = await install('hv');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain('Welcome to Core Groups');
    const digest = replies[1]!;
    expect(digest).toContain('What is waiting for you');
    expect(digest).toContain('CP-2026-0042: your update for core group 1 (Tue 5 Jan 2027, 10:00)');
    expect(digest).toContain(`"verb":"report.edit","data":{"reportId":"${reports.hv}"}`);
    expect(digest).toContain('CP-2026-0042 (LRE): core group 1, Tue 5 Jan 2027, 10:00');
    expect(digest).toContain(`"verb":"plan.open","data":{"caseId":"${caseId}"}`);
    expect(digest).not.toContain('Lily');
    // Its buttons open what they say: the plan, with its answers.
    const plan = await invoke('plan.open', { caseId }, 'hv');
    expect(JSON.stringify(plan)).toContain('plan.agree');

    // The form, its reminder, the agenda and the plan queued before she installed: covered, never sent late.
    await later(30);
    expect(received('hv')).toEqual([]);
    expect(
      await store.transaction(async (tx) =>
        (await tx.outbox.forCase(caseId)).filter((m) => m.status === 'pending' && 'personId' in m.payload && m.payload.personId === ids.hv),
      ),
    ).toEqual([]);

    // What is queued after the digest reaches her as usual: the agenda again, the working day before.
    clock.set('2027-01-04T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(received('hv').sort()).toEqual([
      'Core Groups: agenda for CP-2026-0042 core group 1.',
      'Core Groups: reminder, your update for CP-2026-0042 is due.',
    ]);
  });

  it('gives the chair, installing late, who is still missing in the digest, and drops the summaries queued before', async () => {
    await drain();
    clock.set('2026-12-30T07:00:00.000Z'); // 3 working days before: chasers and the chair's summary are queued.
    await scheduleReminders(ctx);
    await drain();
    clock.set('2026-12-30T09:00:00.000Z');
    const [welcome, digest] = await install('sam');
    expect(welcome).toContain('Welcome to Core Groups');
    expect(digest).toContain('Updates still missing');
    expect(digest).toMatch(
      /CP-2026-0042 core group 1: (Priya Desai \(health visiting\), Tom Farrell \(school\)|Tom Farrell \(school\), Priya Desai \(health visiting\))/,
    );
    await later(30);
    expect(received('sam')).toEqual([]);
  });

  it('offers no form in the digest of someone whose update is already in, and drops the form queued for them', async () => {
    await drain();
    await submitReport(ctx, actor(ids.school!), { reportId: reports.school!, content: aReport() });
    const replies = await install('school');
    expect(replies[0]).toContain('Welcome to Core Groups');
    expect(replies[1]).toContain('Core groups coming up');
    expect(replies[1]).not.toContain('Updates you owe');
    expect(replies[1]).not.toContain('report.edit');
    await later(30);
    expect(received('school')).toEqual([]);
  });

  it('drops a compliance alert that is no longer true when it finally goes out, and delivers one that still is', async () => {
    await install('sam');
    await install('maria');
    clock.set('2026-12-21T12:00:00.000Z');
    // Two alerts queued: the plan's sign-off missed, and core group 1's deadline coming.
    const queue = (topic: 'compliance.missed' | 'compliance.due-soon', obligationId: string, due: string) =>
      store.transaction((tx) =>
        tx.outbox.enqueue(
          { kind: 'card', topic, payload: { caseId, obligationId, due: due as never }, idempotencyKey: `${topic}:${obligationId}`, caseId },
          clock.now(),
        ),
      );
    const obligations = await store.transaction((tx) => tx.obligations.forCase(caseId));
    const [met, open] = obligations.filter((o) => !o.doneOn && o.kind !== 'set-future-dates');
    await queue('compliance.missed', met!.obligationId, met!.due);
    await queue('compliance.due-soon', open!.obligationId, open!.due);
    // Before they go out (Teams was slow), the first deadline is met.
    await store.transaction((tx) => tx.obligations.complete(caseId, met!.obligationId, '2026-12-21' as never));
    await drain();
    const alerts = teams.sent.filter((s) => s.summary.includes('a deadline needs attention'));
    expect(alerts.map((a) => a.personId).sort()).toEqual([ids.maria, 'sam'].sort());
    for (const a of alerts) expect(JSON.stringify(a.card)).toContain('due in 2 working days');
    expect(JSON.stringify(alerts)).not.toContain(': missed');
  });

  it('never sends a reminder in the same moment as the form it reminds of', async () => {
    // The school has had Core Groups for a long time, but Teams held its form back until the
    // morning its reminder falls due: the form goes, the reminder does not come with it.
    await store.transaction((tx) =>
      tx.conversations.save({
        key: `personal:${ids.school}`,
        personId: ids.school!,
        conversationId: 'a:personal-school',
        scope: 'personal',
        tenantId: TENANT_ID,
        reference: { serviceUrl: SERVICE_URL, conversation: { id: 'a:personal-school' } },
        updatedAt: '2026-11-01T09:00:00.000Z',
      }),
    );
    clock.set('2026-12-30T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    const first = received('school');
    expect([...first].sort()).toEqual([
      'Core Groups: agenda for CP-2026-0042 core group 1.',
      'Core Groups: the plan for CP-2026-0042 is ready for your agreement.',
      'Core Groups: your update for CP-2026-0042 core group 1 is requested.',
    ]);
    // The next reminder, the working day before the meeting, does go: the form is not with it.
    clock.set('2027-01-04T07:00:00.000Z');
    await scheduleReminders(ctx);
    await drain();
    expect(received('school').slice(first.length).sort()).toEqual([
      'Core Groups: agenda for CP-2026-0042 core group 1.',
      'Core Groups: reminder, your update for CP-2026-0042 is due.',
    ]);
  });
});
