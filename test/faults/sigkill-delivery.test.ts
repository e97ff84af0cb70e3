import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { openStore } from '../../src/adapters/store/open-store';
import { AppContext } from '../../src/app/context';
import { builtInRegistry } from '../../src/domain/policy';
import { systemClock } from '../../src/ports/clock';
import { seedDemo } from '../../src/server/demo-data';
import { assertBuilt, ServerProcess } from './server-process';
import { startTeamsConnector, TeamsConnector } from './teams-connector-stand-in';

/*
 * kill -9 of the real server (`node dist/src/server/main.js`, local mode) while its outbox delivers,
 * then a restart on the same data, again and again; at the end every delivery is counted.
 *
 * - Cards go to a Teams connector stand-in on loopback, which answers slowly (40 ms) so a kill often
 *   lands mid-send; it keeps every card posted and every card updated.
 * - Calendar writes go to the embedded calendar, whose invitations are mail (.eml under DATA_DIR/outbox).
 * - Activity-feed notifications go to DATA_DIR/activity-feed.jsonl, one line each.
 * - Minutes to the parent (outside Teams) are mail, .eml under DATA_DIR/outbox.
 *
 * The state changes are made through the tab API: the chair books a core group after its deadline
 * (an agenda card to six members, a "booked late" card and feed notification to the chair and the
 * manager, an updated invitation), once a round, and the manager approves minutes (cards to the
 * members, mail to the parent). Each round the process is killed at a random moment between 0 and
 * 500 ms after the request is sent: before, during or after the state change, during delivery.
 *
 * FAULT_ROUNDS scales it (default 8); FAULT_SEED replays one run.
 */
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? '8');
const SEED = Number(process.env.FAULT_SEED ?? String(Date.now() % 100_000));
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/faults');

/** A small seeded generator (mulberry32), so a failing run can be replayed with FAULT_SEED. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Working days (Monday to Friday) after `day`, as YYYY-MM-DD. */
function workingDaysAfter(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

interface OutboxRow {
  kind: string;
  topic: string;
  status: string;
  idempotency_key: string;
  payload: string;
}

describe('kill -9 of the server while it delivers', () => {
  let dataDir: string;
  let connector: TeamsConnector;
  let server: ServerProcess;
  let base: string;
  const random = seeded(SEED);

  beforeAll(async () => {
    assertBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-faults-'));
    connector = await startTeamsConnector({ delayMs: 40 });
    // The demo data, seeded here rather than by the server, and a Teams chat with every person in
    // the tenant (as if each had opened the app), at the connector stand-in.
    const store = await openStore({ kind: 'sqlite', file: path.join(dataDir, 'core-groups.sqlite') });
    const ctx: AppContext = { store, clock: systemClock, profiles: builtInRegistry };
    await seedDemo(ctx);
    const people = await (store as KyselyStore).db.selectFrom('people').select(['id', 'entra_object_id']).where('entra_object_id', 'is not', null).execute();
    for (const p of people) {
      const conversationId = `a:personal-${p.id}`;
      await store.transaction((tx) =>
        tx.conversations.save({
          key: `personal:${p.id}`,
          personId: p.id,
          conversationId,
          scope: 'personal',
          tenantId: 'tenant-1',
          reference: {
            channelId: 'msteams',
            serviceUrl: connector.url,
            conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
            bot: { id: '28:core-groups', name: 'Core Groups' },
            user: { id: `29:${p.id}`, aadObjectId: p.entra_object_id },
          },
          updatedAt: systemClock.now(),
        }),
      );
    }
    await store.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // A short lease: a killed process's claims are taken over after 3 s, not the default two minutes.
    server = new ServerProcess({ CORE_GROUPS_MODE: 'local', DATA_DIR: dataDir, PORT: String(port), OUTBOX_LEASE_SECONDS: '3' });
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The database as the test reads it, between runs of the server (a connection of its own). */
  const withStore = async <T>(fn: (store: KyselyStore) => Promise<T>): Promise<T> => {
    const store = (await openStore({ kind: 'sqlite', file: path.join(dataDir, 'core-groups.sqlite') })) as KyselyStore;
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  /** Waits until nothing due is left in the outbox (every kind), while the server runs. */
  const drained = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const left = await withStore(async (s) =>
        Number(
          (
            await s.db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('status', 'in', ['pending', 'claimed'])
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
      if (left === 0) return;
      if (Date.now() > deadline) throw new Error(`the outbox still holds ${left} messages after 60 s:\n${server.log().slice(-3000)}`);
      await sleep(250);
    }
  };

  const api = async (who: string, method: string, route: string, body?: object) => {
    const res = await fetch(`${base}/api${route}`, {
      method,
      headers: { 'x-dev-user': who, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('loses no card, invitation, feed notification or mail, and says how many went twice', async () => {
    // 1. The demo's backlog (about 150 messages) delivered with three kills in the middle.
    for (let i = 0; i < 3; i += 1) {
      await server.start();
      await sleep(100 + random() * 900);
      await server.kill();
    }
    await server.start();
    await drained();

    // 2. Rounds of the chair booking core group 1 of CP-DEMO-006 after its deadline, on a new day each
    //    time, killed at a random moment after the request goes.
    const work = (await api('demo-sam', 'GET', '/me/work')).body as { cases: { caseId: string; reference: string }[] };
    const caseId = work.cases.find((c) => c.reference === 'CP-DEMO-006')?.caseId as string;
    const meetingOf = async () =>
      ((await api('demo-sam', 'GET', `/cases/${caseId}`)).body as { meetings: { id: string; version: number; due: string; number: number }[] }).meetings.find(
        (m) => m.number === 1,
      ) as { id: string; version: number; due: string };
    const first = await meetingOf();
    const startVersion = first.version;
    const sequenceOf = () =>
      withStore(
        async (s) => (await s.db.selectFrom('calendar_events').select('sequence').where('meeting_id', '=', first.id).executeTakeFirstOrThrow()).sequence,
      );
    const sequenceBefore = await sequenceOf();
    const answered: number[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const meeting = await meetingOf();
      const day = workingDaysAfter(first.due, round);
      // A reason for outside working hours too: the day after a deadline may be a bank holiday.
      const body = {
        expectedVersion: meeting.version,
        startsAt: `${day}T10:00:00Z`,
        endsAt: `${day}T11:30:00Z`,
        venue: 'office',
        lateReason: `fault round ${round}`,
        outsideHoursReason: `fault round ${round}`,
      };
      // Killed before it answered: committed or not, the database says which.
      const request = api('demo-sam', 'POST', `/meetings/${meeting.id}/booking`, body).catch(() => undefined);
      await sleep(random() * 500);
      await server.kill();
      const answer = await request;
      if (answer && answer.status !== 200) throw new Error(`booking round ${round} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      if (answer) answered.push(meeting.version + 1);
      await server.start();
      await drained();
    }

    // 3. The manager approves minutes waiting for her (circulated to members by card, to the parent by
    //    mail), killed as it goes out.
    const users = (await (await fetch(`${base}/api/dev/users`)).json()) as { people: { id: string; email: string }[] };
    const maria = users.people.find((p) => p.email.startsWith('maria.'))?.id as string;
    const waiting = await withStore((s) => s.db.selectFrom('minutes').select(['id']).where('status', '=', 'submitted').execute());
    expect(waiting.length).toBeGreaterThan(0);
    for (const m of waiting) {
      const request = api(maria, 'POST', `/minutes/${m.id}/decision`, { decision: 'approve' }).catch(() => undefined);
      await sleep(random() * 300);
      await server.kill();
      await request;
      await server.start();
      // Killed before it was saved: she presses Approve again, as she would, and it goes through.
      const again = await api(maria, 'POST', `/minutes/${m.id}/decision`, { decision: 'approve' });
      expect([200, 409]).toContain(again.status);
    }
    await drained();
    await server.stop();
    const sequenceAfter = await sequenceOf();

    // ---- counting -------------------------------------------------------------------------------
    const { rows, records, meetingVersion, eventId, parentEmail, approved } = await withStore(async (s) => ({
      rows: (await s.db.selectFrom('outbox').select(['kind', 'topic', 'status', 'idempotency_key', 'payload']).execute()) as OutboxRow[],
      records: await s.db.selectFrom('sent_cards').selectAll().execute(),
      meetingVersion: (await s.db.selectFrom('meetings').select('version').where('id', '=', first.id).executeTakeFirstOrThrow()).version,
      eventId: (await s.db.selectFrom('calendar_events').select('id').where('meeting_id', '=', first.id).executeTakeFirstOrThrow()).id,
      parentEmail: (await s.db.selectFrom('people').select('email').where('email', 'like', 'alex.reed%').executeTakeFirstOrThrow()).email,
      approved: await s.db
        .selectFrom('minutes')
        .select('id')
        .where(
          'id',
          'in',
          waiting.map((m) => m.id),
        )
        .where('status', 'in', ['approved', 'circulated'])
        .execute(),
    }));
    const notDelivered = rows.filter((r) => r.status !== 'delivered');

    // Every version the database committed (each answered booking among them) is a state change that must be delivered.
    const committed = Array.from({ length: meetingVersion - startVersion }, (_, i) => startVersion + 1 + i);
    expect(committed).toEqual(expect.arrayContaining(answered));
    const recipients = rows.filter((r) => r.topic === 'agenda.send' && r.idempotency_key.startsWith(`agenda:${first.id}:v${startVersion}:`)).length || 6;

    // Cards: one record per card Teams accepted (key and recipient); every post beyond it went twice.
    // Not cards: feed notifications, and each person's first-contact claims (src/app/hand-over.ts).
    const cardRecords = records.filter((r) => !['activity:', 'digest|', 'welcome|'].some((prefix) => r.key.startsWith(prefix)));
    const posted = new Set(connector.posts().map((p) => `${p.conversationId}|${p.activityId}`));
    const cardsLost =
      notDelivered.filter((r) => r.kind === 'card').length + cardRecords.filter((r) => !posted.has(`${r.conversation_id}|${r.activity_id}`)).length;
    // One agenda card per recipient for the meeting, updated in place as it moves (never a second card).
    const agendaCards = records.filter((r) => r.key.startsWith(`agenda:${first.id}|`));
    const agendaMissing = agendaCards.length === recipients ? [] : [`${agendaCards.length} agenda cards for ${recipients} recipients`];
    const cardsTwice = connector.posts().length - cardRecords.length;

    // Feed notifications: one record each; every line beyond it went twice.
    const feedLines = fs.readFileSync(path.join(dataDir, 'activity-feed.jsonl'), 'utf8').trim().split('\n');
    const feedRecords = records.filter((r) => r.key.startsWith('activity:'));
    const lateMissing = committed.filter((v) => records.filter((r) => r.key.startsWith(`activity:late:${first.id}:v${v}:`)).length !== 2);
    const feedTwice = feedLines.length - feedRecords.length;

    // Invitations: one updated invitation a committed booking (the event's sequence), no more.
    const mails = fs.readdirSync(path.join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    const invitations = mails.filter((f) => f.startsWith(`calendar-${eventId}-`));
    const invitationSequences = invitations.map((f) => Number(/-(\d+)-request\.eml$/.exec(f)?.[1])).filter((n) => n > sequenceBefore);
    // A retried update that moves nothing must not be a new version of the invitation.
    const invitationsTwice = sequenceAfter - sequenceBefore - committed.length;
    // Minutes to people outside Teams: the mail each circulation asked for, written under its key.
    const mailRows = rows.filter((r) => r.kind === 'mail');
    const mailMissing = mailRows.filter((r) => !mails.includes(`${r.idempotency_key.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`)).map((r) => r.idempotency_key);
    const minutesMailsToParent = mails.filter(
      (f) => f.startsWith('minutes_') && fs.readFileSync(path.join(dataDir, 'outbox', f), 'utf8').includes(parentEmail),
    );

    const summary = {
      seed: SEED,
      rounds: ROUNDS,
      kills: server.kills,
      starts: server.starts,
      outboxMessages: rows.length,
      notDelivered: notDelivered.map((r) => `${r.topic} ${r.status}`),
      cards: {
        accepted: cardRecords.length,
        posts: connector.posts().length,
        updates: connector.updates().length,
        lost: cardsLost,
        twice: cardsTwice,
        agendaMissing,
      },
      feed: { notifications: feedRecords.length, lines: feedLines.length, twice: feedTwice, lateMissing },
      invitations: {
        sent: invitations.length,
        committedBookings: committed.length,
        sequences: invitationSequences.sort((a, b) => a - b),
        twice: invitationsTwice,
      },
      minutesMail: {
        approvedHere: approved.length,
        queued: mailRows.length,
        written: mailRows.length - mailMissing.length,
        toParent: minutesMailsToParent.length,
        missing: mailMissing,
      },
    };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'sigkill-summary.json'), JSON.stringify(summary, null, 2));
    console.log(`kill -9 during delivery: ${JSON.stringify(summary)}`);

    expect(server.kills).toBe(3 + ROUNDS + waiting.length);
    // Lost: nothing, of any kind.
    expect(summary.notDelivered).toEqual([]);
    expect(cardsLost).toBe(0);
    expect(agendaMissing).toEqual([]);
    expect(lateMissing).toEqual([]);
    expect(invitationSequences.length).toBe(sequenceAfter - sequenceBefore);
    expect(approved.length).toBe(waiting.length);
    expect(mailMissing).toEqual([]);
    expect(minutesMailsToParent.length).toBeGreaterThanOrEqual(approved.length);
    // Twice: mail is written under its key, so never; feed notifications and cards only when a kill
    // lands between Teams (or Graph) accepting one and the record of it, a few milliseconds. The
    // figure is the measurement; the bound says it stays a rare window, not a pattern.
    expect(invitationsTwice).toBe(0);
    // A kill catches at most one card in flight in each of the worker's 8 lanes (one recipient each).
    expect(cardsTwice).toBeLessThanOrEqual(server.kills * 8);
    expect(feedTwice).toBeLessThanOrEqual(server.kills * 8);
  }, 600_000);
});
