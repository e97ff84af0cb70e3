import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { calendarDeliveries, recordCalendarChange } from '../../src/app/calendar-sync';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { deliverBatch } from '../../src/app/outbox-worker';
import { EmbeddedCalendar } from '../../src/adapters/local/embedded-calendar';
import { fileMailer } from '../../src/adapters/local/file-mailer';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { openStore } from '../../src/adapters/store/open-store';
import { builtInRegistry } from '../../src/domain/policy';
import { Clock } from '../../src/ports/clock';
import { devSignInAuthenticator } from '../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../src/server/http/create-app';
import { aCase, actor, aMember, PEOPLE } from '../fixtures/builders';
import { listStaff } from '../fixtures/staff';

export type Json = Record<string, unknown>;
export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; problem: string }[] };
}
type Who = keyof typeof PEOPLE;

/**
 * The tab's API over real HTTP in local mode (dev sign-in), on SQLite in memory with the embedded
 * calendar writing its invitations as .eml files: one case chaired by Sam with the members named.
 * `ids` holds each member's person id; `call` acts as anyone; `deliverCalendar` runs the outbox's
 * calendar work as the worker would; `mails` reads what the calendar sent.
 */
export async function startTabApi(options: {
  clock: Clock;
  members: readonly Who[];
  extraPeople?: readonly { id: string; displayName: string; email: string }[];
}) {
  const { clock } = options;
  const store = (await openStore({ kind: 'sqlite', file: ':memory:' })) as KyselyStore;
  const ctx: AppContext = { store, clock, profiles: builtInRegistry };
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tab-api-'));
  const calendar = new EmbeddedCalendar({
    db: store.db,
    clock,
    mailer: fileMailer(outboxDir),
    mailFrom: 'core-groups@anytown.gov.uk',
    feedSecret: 's',
    onChange: (change) => recordCalendarChange(ctx, change),
  });
  await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
  for (const p of options.extraPeople ?? []) await store.transaction((tx) => tx.people.insert(p));
  await listStaff(ctx);
  const caseId = (await createCase(ctx, actor('sam'), aCase({ members: options.members.map((m) => aMember(m)) }))).id;
  const ids: Partial<Record<Who, string>> = { sam: 'sam' };
  for (const who of options.members) ids[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
  const errors: unknown[] = [];
  const authenticator = devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
  const server = http.createServer(createHttpApp({ ctx, authenticator, devSignIn: true, calendar, meetingMinutes: 90, log: (_m, e) => errors.push(e) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    store,
    ctx,
    calendar,
    caseId,
    errors,
    /** The person id of a member. */
    id: (who: Who): string => ids[who]!,
    async call(method: string, url: string, user: string, body?: unknown) {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { 'x-dev-user': user, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Json & ErrorBody };
    },
    deliverCalendar: () => deliverBatch({ store, clock, deliver: calendarDeliveries(ctx, calendar), kinds: ['calendar'], workerId: 'cal' }),
    mails: () => fs.readdirSync(outboxDir).map((f) => fs.readFileSync(path.join(outboxDir, f), 'utf8')),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      fs.rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}
export type TabApi = Awaited<ReturnType<typeof startTabApi>>;
