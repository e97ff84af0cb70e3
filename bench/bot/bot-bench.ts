import http from 'node:http';
import { setStaffRoles, SYSTEM_ACTOR } from '../../src/app/staff';
import { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import path from 'node:path';
import express from 'express';
import { InvokeResponse, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { CoreGroupsBot } from '../../bot/core-groups-bot';
import { createAdapter } from '../../bot/host/create-adapter';
import { messagesEndpoint } from '../../bot/host/messages-endpoint';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { bookMeeting } from '../../src/app/meetings';
import { requestReports } from '../../src/app/reports';
import { openStore } from '../../src/adapters/store/open-store';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { ms, summarise } from '../stats';
import { LoadRequest, LoadResult } from './load';

const CONNECTIONS = 100;
const SECONDS = 8;
const WARMUP_SECONDS = 2;

/** The baseline: the same adapter and HTTP stack, answering every card action at once. */
class EchoBot extends TeamsActivityHandler {
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: String((context.activity.value as { action?: { verb?: string } }).action?.verb) } };
  }
}

/** Serves `bot` on the app's adapter and endpoint, timing each request from its arrival to its response. */
async function serve(bot: TeamsActivityHandler): Promise<{ url: string; handled: number[]; close: () => Promise<void> }> {
  const app = express();
  const handled: number[] = [];
  app.use((_req, res, next) => {
    const arrived = performance.now();
    res.on('finish', () => handled.push(performance.now() - arrived));
    next();
  });
  app.use(express.json());
  app.post('/api/messages', messagesEndpoint(createAdapter({}, async () => undefined), bot));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, handled, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Loads `url` from a separate process (see load.ts), so the server has its event loop to itself. */
function load(url: string, body: string): Promise<LoadResult> {
  const request: LoadRequest = { url, body, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load.js'));
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load generator exited with code ${code} before reporting`)));
    child.send(request);
  });
}

/**
 * Card-submit invokes (an agency update submitted from its card, written to SQLite with its audit row
 * and outbox message) at 100 concurrent connections on loopback, beside an echo bot on the same adapter,
 * each after a warm-up, with the load generated from another process.
 */
export async function runBotBench(): Promise<void> {
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const ctx: AppContext = { store, clock: fixedClock('2027-01-04T09:00:00.000Z'), profiles: builtInRegistry };
  const sam = { displayName: 'Sam Okafor', email: 'sam@anytown.example', entraObjectId: '0b000000-0000-4000-8000-000000000001' };
  const hv = { displayName: 'Priya Desai', email: 'priya@nhs.example', entraObjectId: '0b000000-0000-4000-8000-000000000003' };
  await store.transaction((tx) => tx.people.insert({ id: 'sam', ...sam }));
  await setStaffRoles(ctx, SYSTEM_ACTOR, { email: sam.email, roles: ['social-worker'] });
  await setStaffRoles(ctx, SYSTEM_ACTOR, { email: 'maria@anytown.example', roles: ['team-manager'] });
  const c = await createCase(ctx, { personId: 'sam' }, {
    reference: 'CP-BENCH-1',
    childName: 'Bench Child',
    childInitials: 'BC',
    profileId: 'england',
    icpcDate: '2026-12-18',
    members: [
      { person: sam, agency: 'childrens-social-care', role: 'chair' },
      { person: { displayName: 'Maria Lindqvist', email: 'maria@anytown.example' }, agency: 'childrens-social-care', role: 'manager' },
      { person: hv, agency: 'health-visiting', role: 'professional' },
    ],
  });
  const meeting = (await store.transaction((tx) => tx.meetings.forCase(c.id)))[0]!;
  await bookMeeting(ctx, { personId: 'sam' }, { meetingId: meeting.id, expectedVersion: meeting.version, startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T11:30:00Z', venue: 'office' });
  const [report] = await requestReports(ctx, { personId: 'sam' }, { meetingId: meeting.id });
  const invoke = JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: 'bench',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/',
    from: { id: '29:hv', aadObjectId: hv.entraObjectId },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:hv', conversationType: 'personal', tenantId: 't' },
    value: { action: { type: 'Action.Execute', verb: 'report.submit', data: { reportId: report!.id, attendance: 'attending', whatHasChanged: 'Warmer flat', workingWell: 'Group', worries: 'Visitors', needsToHappen: 'Police to share', safetyScale: '6' } } },
  });
  const echo = await serve(new EchoBot());
  const real = await serve(new CoreGroupsBot({ ctx, links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` } }));
  try {
    const baseline = await load(echo.url, invoke);
    const echoServer = echo.handled.splice(0);
    const submit = await load(real.url, invoke);
    const realServer = real.handled.splice(0);
    const versions = (await store.transaction((tx) => tx.reports.versions(report!.id))).length;
    const line = (r: LoadResult, server: number[]) => {
      // The server's own timings cover the warm-up and measured passes together.
      const inServer = summarise(server);
      return `p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  ${r.rps.toFixed(0)} req/s  errors ${r.errors}  | in the server: p50 ${ms(inServer.p50)}  p99 ${ms(inServer.p99)}`;
    };
    console.log(`bot: card-submit invokes, ${CONNECTIONS} connections for ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up, loopback, load from a separate process`);
    console.log(`  echo bot (baseline):  ${line(baseline, echoServer)}`);
    console.log(`  update submit:        ${line(submit, realServer)}`);
    console.log(`  p99 ratio: ${(submit.p99 / Math.max(baseline.p99, 0.01)).toFixed(1)}× the echo bot (aim: within 2×); ${versions} versions written`);
  } finally {
    await echo.close();
    await real.close();
    await store.close();
  }
}
