import fs from 'node:fs';
import { listStaff } from '../fixtures/staff';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { CoreGroupsBot } from '../../bot/core-groups-bot';
import { createAdapter } from '../../bot/host/create-adapter';
import { messagesEndpoint } from '../../bot/host/messages-endpoint';
import { GraphCalendarChanges } from '../../src/adapters/graph/graph-calendar';
import { openStore } from '../../src/adapters/store/open-store';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { DeliveryError } from '../../src/ports/messenger';
import { Store } from '../../src/ports/store';
import { Authenticator } from '../../src/server/auth/principal';
import { devSignInAuthenticator } from '../../src/server/auth/dev-sign-in';
import { graphNotificationsHandler } from '../../src/server/graph-notifications';
import { createHttpApp } from '../../src/server/http/create-app';
import { RateLimits } from '../../src/server/http/rate-limit';
import { aCase, actor, PEOPLE } from '../fixtures/builders';

export const GRAPH_SECRET = 'our-client-state-secret-of-32-chars!';

/**
 * A stand-in for the Bot Connector service on loopback: every reply, roster and new conversation the
 * bot asks for succeeds, so turns run to the end and no request leaves this machine.
 */
export async function startConnectorStandIn() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `activity-${calls}`, members: [], activityId: `activity-${calls}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Harness {
  readonly base: string;
  readonly store: Store;
  readonly ctx: AppContext;
  readonly caseId: string;
  readonly connectorUrl: string;
  /** Errors logged as unexpected (with their stack) and one-line notices of refused requests. */
  readonly logged: { message: string; error?: unknown }[];
  readonly notices: string[];
  close(): Promise<void>;
}

/**
 * The HTTP app as the composition root builds it (tab API with dev sign-in, the bot endpoint with
 * the real bot, Graph notifications, a built tab), on an in-memory store with one case.
 */
export async function startHarness(
  options: { limits?: RateLimits; httpsOnly?: boolean; authenticator?: Authenticator; slowStoreMs?: number; trustProxy?: number } = {},
): Promise<Harness> {
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  if (options.slowStoreMs) {
    // Every transaction waits first, without holding the event loop, as one on PostgreSQL does: requests overlap.
    const transaction = store.transaction.bind(store);
    const ms = options.slowStoreMs;
    store.transaction = (async (fn: Parameters<Store['transaction']>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return transaction(fn);
    }) as Store['transaction'];
  }
  const ctx: AppContext = { store, clock: fixedClock('2027-01-04T09:00:00.000Z'), profiles: builtInRegistry };
  await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
  await store.transaction((tx) => tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }));
  await listStaff(ctx);
  const caseId = (await createCase(ctx, actor('sam'), aCase())).id;
  const connector = await startConnectorStandIn();
  const tabDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-tab-'));
  fs.mkdirSync(path.join(tabDir, 'assets'));
  fs.writeFileSync(
    path.join(tabDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(tabDir, 'assets', 'app.js'), 'document.getElementById("root").textContent = "tab";');
  const logged: { message: string; error?: unknown }[] = [];
  const notices: string[] = [];
  const log = (message: string, error?: unknown) => logged.push({ message, error });
  const links = { caseUrl: (id: string) => `https://tab.example/#/cases/${id}`, minutesUrl: (id: string) => `https://tab.example/#/minutes/${id}` };
  const adapter = createAdapter({}, async (context, error) => {
    log('bot turn failed', error);
    await context.sendActivity('Sorry, something went wrong on our side.').catch((e: unknown) => log('bot could not send its apology', e));
  });
  // Graph is never called: every changed event reads back as gone.
  const changes = {
    eventState: async () => Promise.reject(new DeliveryError('Microsoft Graph call failed: Not Found', 404)),
  } as unknown as GraphCalendarChanges;
  const app = createHttpApp({
    ctx,
    authenticator: options.authenticator ?? devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id)))),
    devSignIn: true,
    httpsOnly: options.httpsOnly ?? false,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    botEndpoint: messagesEndpoint(adapter, new CoreGroupsBot({ ctx, links, log }), log),
    extraRoutes: (express) => express.post('/api/graph/notifications', graphNotificationsHandler(ctx, changes, GRAPH_SECRET, log)),
    tabDir,
    log,
    notice: (line) => notices.push(line),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    ctx,
    caseId,
    connectorUrl: connector.url,
    logged,
    notices,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
      await store.close();
      fs.rmSync(tabDir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTP request (any bytes, any header, any path), answered with its status, headers and body. */
export function rawRequest(
  base: string,
  req: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
  timeoutMs = 20_000,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers ?? {}, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error(`no answer in ${timeoutMs} ms: ${req.method} ${req.path}`)));
    r.on('error', reject);
    r.end(req.body);
  });
}
