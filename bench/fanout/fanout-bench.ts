import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAdapter } from '../../bot/host/create-adapter';
import { cardDeliveries } from '../../bot/deliveries';
import { teamsMessenger } from '../../bot/host/teams-messenger';
import { openStore, StoreSettings } from '../../src/adapters/store/open-store';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { AppContext } from '../../src/app/context';
import { startOutboxWorker } from '../../src/app/outbox-worker';
import { PER_TENANT, SendLimiter } from '../../src/domain/delivery/rate-limits';
import { builtInRegistry } from '../../src/domain/policy';
import { systemClock } from '../../src/ports/clock';
import { report } from '../report';
import { startTeamsConnectorStandIn } from './teams-connector-stand-in';

/** 1,000 core groups of 10: a social worker who chairs ten of them, and nine others each. */
const GROUPS = Number(process.env.FANOUT_GROUPS ?? 1_000);
const MEMBERS = 10;
const GROUPS_PER_CHAIR = 10;
const TENANT_LIMIT = (PER_TENANT[0] as { limit: number }).limit;

interface Drained {
  readonly seconds: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly refusedForConversation: number;
  readonly share: number;
}

async function fanOut(label: string, settings: StoreSettings, workers: number): Promise<Drained> {
  const store = await openStore(settings);
  const ctx: AppContext = { store, clock: systemClock, profiles: builtInRegistry };
  const connector = await startTeamsConnectorStandIn();
  const notifications: { personId: string; key: string }[] = [];
  const people = new Set<string>();
  for (let g = 0; g < GROUPS; g++) {
    const chair = `chair-${Math.floor(g / GROUPS_PER_CHAIR)}`;
    const members = [chair, ...Array.from({ length: MEMBERS - 1 }, (_, i) => `member-${g}-${i}`)];
    for (const personId of members) {
      people.add(personId);
      notifications.push({ personId, key: `fanout:${g}:${personId}` });
    }
  }
  const now = systemClock.now();
  await store.transaction(async (tx) => {
    for (const personId of people) {
      await tx.people.insert({ id: personId, displayName: personId, email: `${personId}@bench.example` });
      await tx.conversations.save({
        key: `personal:${personId}`,
        personId,
        conversationId: `a:${personId}`,
        scope: 'personal',
        tenantId: 'tenant',
        reference: { serviceUrl: connector.url, conversation: { id: `a:${personId}` }, channelId: 'msteams', bot: { id: '' } },
        updatedAt: now,
      });
    }
    for (const n of notifications) {
      const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Core group 3 is booked: Tue 5 Jan 2027, 10:00.', wrap: true }] };
      await tx.outbox.enqueue({ kind: 'card', topic: 'notice.send', payload: { personId: n.personId, card, summary: n.key }, idempotencyKey: n.key }, now);
    }
  });
  const log = (message: string, error?: unknown) => console.error(`  [${label}] ${message}`, error ?? '');
  const started = Date.now();
  // Each worker as its own instance would run: its own adapter, messenger and pacing (the limiter is
  // per process), each with its share of the tenant's limit, as TEAMS_SEND_SHARE=1/workers sets it.
  const running = Array.from({ length: workers }, (_, i) =>
    startOutboxWorker(
      {
        store,
        clock: systemClock,
        deliver: cardDeliveries(
          ctx,
          teamsMessenger({ adapter: createAdapter({}, async () => undefined), appId: '', store, clock: systemClock, limiter: new SendLimiter(1 / workers) }),
          { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` },
        ),
        kinds: ['card'],
        workerId: `bench-${i}`,
        log,
      },
      200,
    ),
  );
  const db = (store as KyselyStore).db;
  const pending = async () =>
    Number(
      (
        await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', 'in', ['pending', 'claimed'])
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deadline = started + 15 * 60_000;
  while ((await pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  const seconds = (connector.lastAcceptedAt() - started) / 1000;
  await Promise.all(running.map((w) => w.stop()));
  const sent = [...connector.accepted.values()];
  const delivered = connector.accepted.size;
  const result: Drained = {
    seconds,
    delivered,
    lost: notifications.filter((n) => !connector.accepted.has(n.key)).length,
    duplicates: sent.reduce((s, n) => s + n - 1, 0),
    refused: connector.refused(),
    refusedForConversation: connector.refusedForConversation(),
    share: delivered / seconds / TENANT_LIMIT,
  };
  await connector.close();
  await store.close();
  return result;
}

function show(label: string, workers: number, r: Drained): void {
  console.log(
    `  ${label}, ${workers} worker${workers > 1 ? 's' : ''}: drained in ${r.seconds.toFixed(1)} s, ${(r.delivered / r.seconds).toFixed(1)} cards/s = ${(r.share * 100).toFixed(0)}% of the tenant's ${TENANT_LIMIT}/s; lost ${r.lost}, duplicates ${r.duplicates}, 429s ${r.refused} (${r.refusedForConversation} for a conversation's limit, the rest the tenant's)`,
  );
  report({
    bench: 'fanout',
    measure: `${label}, ${workers} worker(s): throughput as a share of the tenant limit`,
    value: r.share * 100,
    unit: '%',
    baseline: 100,
    aim: 'value >= 90 %, lost 0, duplicates 0',
    met: r.share >= 0.9 && r.lost === 0 && r.duplicates === 0,
  });
  report({
    bench: 'fanout',
    measure: `${label}, ${workers} worker(s): time to drain ${GROUPS * MEMBERS} cards`,
    value: r.seconds,
    unit: 's',
    baseline: (GROUPS * MEMBERS) / TENANT_LIMIT,
    aim: 'none (the baseline is the limit itself)',
    met: null,
  });
}

/**
 * Fan-out: 1,000 core groups × 10 members' cards through the outbox (claim, lanes, pacing, retries,
 * sent once) to a stand-in of Teams' connector that enforces Teams' limits and answers 429 over them.
 * The baseline is the limit: 10,000 cards at 50 a second is 200 s.
 */
export async function runFanoutBench(): Promise<void> {
  const total = GROUPS * MEMBERS;
  console.log(
    `fanout: ${total.toLocaleString('en-GB')} cards (${GROUPS.toLocaleString('en-GB')} core groups × ${MEMBERS}) through the outbox to a Teams connector stand-in enforcing Teams' limits (at best ${(total / TENANT_LIMIT).toFixed(0)} s)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-fanout-'));
  try {
    show('SQLite', 1, await fanOut('SQLite', { kind: 'sqlite', file: path.join(dir, 'fanout.sqlite') }, 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log('  PostgreSQL with two workers: skipped (set BENCH_DATABASE_URL)');
    return;
  }
  const schema = 'core_groups_fanout_bench';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists ${schema} cascade`);
  try {
    show('PostgreSQL', 2, await fanOut('PostgreSQL', { kind: 'postgres', url, schema }, 2));
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}
