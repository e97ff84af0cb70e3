import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { VERBS } from '../../bot/verbs';
import { start } from '../../src/server/main';
import { rawRequest, startConnectorStandIn } from './harness';

/*
 * A fuzz of the real server in local mode (the composition root, its demo data, dev sign-in, the
 * bot without an app id, the local calendar routes): every tab API route and the bot endpoint get
 * random bodies, headers, paths and bytes (NUL, invalid UTF-8, broken %-encoding, deep nesting,
 * bodies over 1 MB). No answer may be a 5xx, no error may be logged as unexpected, every refusal
 * has the `{ error: { code, message } }` body, and /healthz still answers.
 *
 * Requests never leave this machine: the bot's replies go to a Bot Connector stand-in on loopback,
 * every other serviceUrl is not a URL at all, and no bot request carries a token (local mode would
 * fetch the Bot Framework's keys to check it).
 *
 * FUZZ_RUNS scales the run (default 1: about 1,500 requests); FUZZ_SEED replays one.
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? '1');
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE), ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true });
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/security');

type Sent = { method: string; path: string; headers: Record<string, string>; body?: Buffer | string };
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

describe('fuzzing the tab API and the bot endpoint', () => {
  let running: Awaited<ReturnType<typeof start>>;
  let connector: Awaited<ReturnType<typeof startConnectorStandIn>>;
  let base: string;
  let dataDir: string;
  const statuses = new Map<number, number>();
  const codes = new Map<string, number>();
  const byRoute = new Map<string, { sent: number; c4xx: number; c5xx: number }>();
  const logged: string[] = [];
  let people: string[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-fuzz-'));
    for (const level of ['log', 'info', 'warn'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
    // What the server logs as an error (with a stack) is kept and, at the end, must hold no unexpected one.
    jest
      .spyOn(console, 'error')
      .mockImplementation(
        (...args: unknown[]) =>
          void logged.push(
            args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack?.split('\n').slice(1, 6).join('\n') ?? ''}` : String(a))).join(' '),
          ),
      );
    connector = await startConnectorStandIn();
    // High limits: the fuzz means to reach the use cases, not to be turned away by the limiter (test/security/rate-limit tests that).
    running = await start(
      { DATA_DIR: dataDir, PORT: '0' },
      { limits: { perPersonPerMinute: 1_000_000, perPersonInFlight: 1_000, signInFailuresPerMinute: 1_000_000 } },
    );
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
    const users = JSON.parse((await rawRequest(base, { method: 'GET', path: '/api/dev/users' })).body) as { people: { id: string }[] };
    people = users.people.map((p) => p.id);
    // Every id the demo data shows Sam and Maria (cases, meetings, minutes, reports, members) is a path parameter worth trying.
    const seen = new Set<string>();
    const collect = (text: string) => [...text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].forEach((m) => seen.add(m[0]));
    for (const who of [people[0]!, people[1]!]) collect((await rawRequest(base, { method: 'GET', path: '/api/me/work', headers: { 'x-dev-user': who } })).body);
    for (const id of [...seen]) collect((await rawRequest(base, { method: 'GET', path: `/api/cases/${id}`, headers: { 'x-dev-user': people[0]! } })).body);
    ids = [...seen];
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await connector?.close();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The request during which the server logged an error, with what it logged: where to start looking. */
  const culprits: { route: string; method: string; path: string; body: string; logged: string[] }[] = [];
  const send = async (route: string, req: Sent): Promise<Answer> => {
    const before = logged.length;
    const res = await rawRequest(base, req);
    if (logged.length > before)
      culprits.push({ route, method: req.method, path: req.path.slice(0, 300), body: String(req.body ?? '').slice(0, 2000), logged: logged.slice(before) });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const r = byRoute.get(route) ?? { sent: 0, c4xx: 0, c5xx: 0 };
    r.sent += 1;
    if (res.status >= 400 && res.status < 500) r.c4xx += 1;
    if (res.status >= 500 && res.status !== 501) r.c5xx += 1;
    byRoute.set(route, r);
    if (res.status >= 400 && res.status < 500 && req.method !== 'HEAD' && String(res.headers['content-type']).startsWith('application/json')) {
      const code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code ?? '?';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    return res;
  };

  /**
   * Never a 5xx; a refusal carries the usual body (HEAD has none). The one 5xx the bot may give is
   * the Bot Framework protocol's own answer to an invoke it does not handle (`task/fetch`,
   * `signin/verifyState`, …): 501 Not Implemented, from the SDK, with no body. It is counted apart.
   */
  const checkAnswer = (req: Sent, res: Answer) => {
    if (res.status === 501 && req.path === '/api/messages' && isInvoke(req.body)) return;
    if (res.status >= 500) throw new Error(`${res.status} for ${req.method} ${req.path.slice(0, 200)}: ${res.body.slice(0, 300)}`);
    if (res.status >= 400 && req.method !== 'HEAD' && String(res.headers['content-type']).startsWith('application/json')) {
      const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code).toBe('string');
      expect(typeof body.error?.message).toBe('string');
    }
  };

  const isInvoke = (payload: Sent['body']) => {
    try {
      return (JSON.parse(String(payload)) as { type?: unknown }).type === 'invoke';
    } catch {
      return false;
    }
  };

  // ---- pieces of requests ---------------------------------------------------------------------

  /** Text as a path segment: %-encoded junk, latin-1 bytes sent raw (not UTF-8), broken escapes, NUL. */
  const segment = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids, ...people) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s) || 'x') },
      {
        weight: 1,
        arbitrary: fc.string({
          unit: fc
            .integer({ min: 0x21, max: 0xff })
            .filter((c) => ![0x23, 0x2f, 0x3f].includes(c))
            .map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 30,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '%00',
          'a%00b',
          '%E0%A4%A',
          '%ff%fe',
          '%C0%AF',
          '..%2F..%2Fetc%2Fpasswd',
          '%',
          '%%',
          '%2e%2e',
          'x'.repeat(4000),
          '%u0000',
          ';',
          'null',
          'undefined',
          '-1',
          '0',
          '1e309',
        ),
      },
    );
  /** One time in `n`, a value; otherwise null. (fc.option's `freq` is the other way round: one time in `freq`, null.) */
  const sometimes = <T>(arbitrary: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: 1, arbitrary }, { weight: n - 1, arbitrary: fc.constant(null) });
  const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
  const devUser = () => fc.option(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...people) }, { weight: 1, arbitrary: headerText }), { freq: 6 });
  const contentType = fc.option(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'application/json; charset=utf-16le',
          'application/json; charset=latin1',
          'application/json; charset=bogus',
          'application/json; charset="utf-8"; x=y',
          'text/plain',
          'text/plain; charset=utf-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/vnd.api+json',
          '*/*',
          ';;;',
          'application/json;;',
        ),
      },
      { weight: 1, arbitrary: headerText },
    ),
    { freq: 8 },
  );
  const extraHeaders = fc.record(
    {
      'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, gzip', 'GZIP', 'zstd'),
      accept: fc.constantFrom('application/json', 'text/html', '*/*', 'x/y', ''),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1', 'junk', '127.0.0.1, 10.0.0.1'),
      'accept-encoding': fc.constantFrom('gzip', 'br', '*', 'junk'),
      'if-none-match': headerText,
      range: fc.constantFrom('bytes=0-10', 'bytes=99999999-', 'bytes=junk'),
    },
    { requiredKeys: [] },
  );
  /** JSON of any shape, with any code point (lone surrogates, NUL, control characters) in its strings. */
  const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });
  /** JSON whose strings are text (no NUL, no lone surrogate): it gets past the body checks, to the use case or the turn. */
  const textJson = fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' });
  const whenIso = fc.oneof(
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.constant(null),
  );
  const version = fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant(2 ** 53), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null));
  const sections = fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'attendance',
        'agencyUpdates',
        'childsVoice',
        'childsVoiceHowGathered',
        'parentsViews',
        'parentsViewsHowGathered',
        'planReview',
        'recentEvents',
        'nextMeeting',
        '__proto__',
        'constructor',
      ),
      fc.string({ maxLength: 12 }),
    ),
    fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer(), fc.constant(null), anyJson),
    { maxKeys: 6 },
  );
  /** Bodies shaped like what each route expects, each field sometimes wrong (built when the demo ids are known). */
  const shaped = (): Record<string, fc.Arbitrary<unknown>> => ({
    booking: fc.record(
      { expectedVersion: version, startsAt: whenIso, endsAt: whenIso, venue: fc.oneof(fc.constantFrom('office', 'family-home', 'online'), fc.string()) },
      { requiredKeys: [] },
    ),
    held: fc.record(
      {
        heldOn: whenIso,
        attendance: fc.oneof(
          fc.array(
            fc.record(
              { memberId: fc.oneof(fc.constantFrom(...ids), fc.string()), status: fc.oneof(fc.constantFrom('attended', 'apologies', 'absent'), fc.string()) },
              { requiredKeys: [] },
            ),
            { maxLength: 5 },
          ),
          anyJson,
        ),
      },
      { requiredKeys: [] },
    ),
    minutes: fc.record({ expectedVersion: version, sections: fc.oneof(sections, anyJson) }, { requiredKeys: [] }),
    expected: fc.record({ expectedVersion: version }, { requiredKeys: [] }),
    decision: fc.record(
      { decision: fc.oneof(fc.constantFrom('approve', 'return'), fc.string()), comments: fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), anyJson) },
      { requiredKeys: [] },
    ),
    move: fc.record({ start: whenIso, end: whenIso }, { requiredKeys: [] }),
    away: fc.record(
      { email: fc.oneof(fc.constantFrom('sam.okafor@anytown.example', 'nobody@anytown.example'), fc.string()), start: whenIso, end: whenIso },
      { requiredKeys: [] },
    ),
    cases: fc.record(
      {
        reference: fc.oneof(fc.constantFrom('CP-DEMO-001', 'CP-FUZZ-1'), fc.string({ maxLength: 20 })),
        childName: fc.string({ unit: 'binary', maxLength: 40 }),
        childInitials: fc.string({ maxLength: 4 }),
        profileId: fc.oneof(fc.constantFrom('england', 'wales', 'scotland', 'sefton', 'nope'), fc.string()),
        icpcDate: whenIso,
        preBirth: fc.oneof(fc.boolean(), anyJson),
        members: fc.oneof(
          fc.array(
            fc.record(
              {
                person: fc.record(
                  {
                    displayName: fc.string({ maxLength: 20 }),
                    email: fc.oneof(fc.emailAddress(), fc.string()),
                    entraObjectId: fc.oneof(fc.uuid(), fc.constant('0d000000-0000-4000-8000-000000000001'), fc.string()),
                  },
                  { requiredKeys: [] },
                ),
                agency: fc.oneof(fc.constantFrom('childrens-social-care', 'health-visiting', 'school', 'family', 'gp'), fc.string()),
                role: fc.oneof(fc.constantFrom('chair', 'manager', 'professional', 'parent-carer', 'business-support', 'iro'), fc.string()),
                excluded: fc.oneof(fc.boolean(), anyJson),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 6 },
          ),
          anyJson,
        ),
      },
      { requiredKeys: [] },
    ),
  });
  /** What goes in the body: nothing, the route's shape, any JSON, raw bytes, NUL, invalid UTF-8, deep nesting, gzip. */
  const body = (shape?: string): fc.Arbitrary<Buffer | string | undefined> =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: shape ? 8 : 0, arbitrary: (shape ? shaped()[shape]! : anyJson).map((v) => JSON.stringify(v)) },
      { weight: 3, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)) },
      {
        weight: 1,
        arbitrary: fc
          .uint8Array({ minLength: 1, maxLength: 40 })
          .map((b) => Buffer.concat([Buffer.from('{"decision":"return","comments":"'), Buffer.from(b), Buffer.from('"}')])),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{"a":"\\u0000"}',
          '{"\\u0000":1}',
          '["\\u0000"]',
          '{"a":"\\\\u0000"}',
          '{"a":"\\uD800"}',
          '{"__proto__":{"x":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          '{',
          '{"a":1,}',
          '\ufeff{}',
          '1',
          '"x"',
          '[]',
          '{}',
          '',
        ),
      },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
      { weight: 1, arbitrary: anyJson.map((v) => gzipSync(JSON.stringify(v) ?? 'null')) },
    );

  // ---- the routes -------------------------------------------------------------------------------

  const ROUTES: { method: string; path: (seg: string) => string; shape?: string; name: string }[] = [
    { method: 'GET', path: () => '/api/me', name: 'GET /api/me' },
    { method: 'GET', path: () => '/api/me/work', name: 'GET /api/me/work' },
    { method: 'GET', path: () => '/api/team/compliance', name: 'GET /api/team/compliance' },
    { method: 'GET', path: (s) => `/api/cases/${s}`, name: 'GET /api/cases/:id' },
    { method: 'POST', path: () => '/api/cases', shape: 'cases', name: 'POST /api/cases' },
    { method: 'POST', path: (s) => `/api/meetings/${s}/booking`, shape: 'booking', name: 'POST /api/meetings/:id/booking' },
    { method: 'POST', path: (s) => `/api/meetings/${s}/report-requests`, name: 'POST /api/meetings/:id/report-requests' },
    { method: 'POST', path: (s) => `/api/meetings/${s}/held`, shape: 'held', name: 'POST /api/meetings/:id/held' },
    { method: 'POST', path: (s) => `/api/meetings/${s}/minutes`, name: 'POST /api/meetings/:id/minutes' },
    { method: 'GET', path: (s) => `/api/meetings/${s}/slots`, name: 'GET /api/meetings/:id/slots' },
    { method: 'GET', path: (s) => `/api/minutes/${s}`, name: 'GET /api/minutes/:id' },
    { method: 'PUT', path: (s) => `/api/minutes/${s}`, shape: 'minutes', name: 'PUT /api/minutes/:id' },
    { method: 'POST', path: (s) => `/api/minutes/${s}/submission`, shape: 'expected', name: 'POST /api/minutes/:id/submission' },
    { method: 'POST', path: (s) => `/api/minutes/${s}/decision`, shape: 'decision', name: 'POST /api/minutes/:id/decision' },
    { method: 'GET', path: () => '/api/me/calendar-feed', name: 'GET /api/me/calendar-feed' },
    { method: 'POST', path: (s) => `/api/dev/calendar/events/${s}/move`, shape: 'move', name: 'POST /api/dev/calendar/events/:id/move' },
    { method: 'POST', path: () => '/api/dev/calendar/away', shape: 'away', name: 'POST /api/dev/calendar/away' },
    { method: 'GET', path: () => '/api/dev/users', name: 'GET /api/dev/users' },
    { method: 'GET', path: (s) => `/calendar/${s}.ics`, name: 'GET /calendar/:token.ics' },
  ];

  const checkHealth = async () => {
    const t0 = Date.now();
    const res = await rawRequest(base, { method: 'GET', path: '/healthz' }, 5_000);
    expect(res.status).toBe(200);
    return Date.now() - t0;
  };

  it('never answers a tab API route with a 5xx, whatever the method, path, headers or body', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: ROUTES.length - 1 }).chain((i) =>
          fc.record({
            route: fc.constant(ROUTES[i]!),
            method: fc.oneof(
              { weight: 6, arbitrary: fc.constant(ROUTES[i]!.method) },
              { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
            ),
            seg: segment(),
            query: sometimes(fc.constantFrom('?a=1', '?a=%00', '?a[b]=1&a[c]=2', '?%E0%A4%A', '?__proto__[x]=1', '?' + 'a=1&'.repeat(2000)), 4),
            user: devUser(),
            type: contentType,
            extra: sometimes(extraHeaders, 3),
            body: body(ROUTES[i]!.shape),
          }),
        ),
        async ({ route, method, seg, query, user, type, extra, body: payload }) => {
          const headers: Record<string, string> = {
            ...(extra ?? {}),
            ...(user === null ? {} : { 'x-dev-user': user }),
            ...(type === null ? {} : { 'content-type': type }),
          };
          const req: Sent = {
            method,
            path: route.path(seg) + (query ?? ''),
            headers,
            ...(payload === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: payload }),
          };
          checkAnswer(req, await send(route.name, req));
          n += 1;
          if (n % 200 === 0) await checkHealth();
        },
      ),
      runs(900),
    );
    await checkHealth();
  }, 300_000);

  // ---- the bot ----------------------------------------------------------------------------------

  /** A serviceUrl: the stand-in, or something that is not an http(s) URL at all (never another host). */
  const serviceUrl = () =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(connector.url) },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('', 'not a url', 'ftp://127.0.0.1/', 'mailto:x@y'), fc.integer(), fc.constant(null)) },
    );
  const text = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'help',
        'my core groups',
        'status CP-DEMO-001',
        'status CP-NOPE',
        'schedule CP-DEMO-001',
        'schedule',
        'concern CP-DEMO-001',
        'link CP-DEMO-001',
        'link',
        '<at>Core Groups</at> link CP-DEMO-002',
        'status',
        '',
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 50 }), anyJson, fc.constant(null)) },
  );
  /** Mostly of the type the Bot Framework schema gives the field; now and then anything at all. */
  const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 20, arbitrary: valid }, { weight: 1, arbitrary: anyJson });
  const isoOrJunk = fc.oneof(
    { weight: 8, arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: whenIso },
  );
  const personRef = () =>
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('29:sam', '29:maria', '29:other'), fc.string({ maxLength: 20 })),
        aadObjectId: fc.oneof(
          fc.constantFrom('0d000000-0000-4000-8000-000000000001', '0d000000-0000-4000-8000-000000000002', '0d000000-0000-4000-8000-000000000003'),
          fc.uuid(),
          fc.string({ maxLength: 20 }),
        ),
        name: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ['id'] },
    );
  const cardData = () =>
    fc.oneof(
      textJson,
      fc.record(
        {
          minutesId: fc.constantFrom(...ids, 'x'),
          caseId: fc.constantFrom(...ids, 'x'),
          meetingId: fc.constantFrom(...ids, 'x'),
          reportId: fc.constantFrom(...ids, 'x'),
          expectedVersion: version,
          comments: fc.string(),
          start: whenIso,
        },
        { requiredKeys: [] },
      ),
    );
  const value = () =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            action: fc.record(
              {
                type: fc.constantFrom('Action.Execute', 'Action.Submit', 'x'),
                verb: fc.oneof(fc.constantFrom(...Object.values(VERBS)), fc.string()),
                data: cardData(),
              },
              { requiredKeys: [] },
            ),
            trigger: fc.constantFrom('manual', 'automatic'),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.oneof(textJson, anyJson) },
    );
  const activity = () =>
    fc.record(
      {
        type: fc.oneof(
          {
            weight: 8,
            arbitrary: fc.constantFrom(
              'message',
              'invoke',
              'conversationUpdate',
              'installationUpdate',
              'messageReaction',
              'event',
              'typing',
              'endOfConversation',
              'messageUpdate',
              'messageDelete',
            ),
          },
          { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)) },
        ),
        id: mostly(fc.string({ maxLength: 20 })),
        name: fc.constantFrom('adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState', 'fileConsent/invoke', 'x'),
        text,
        value: value(),
        channelId: fc.oneof(
          { weight: 8, arbitrary: fc.constant('msteams') },
          { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)) },
        ),
        serviceUrl: serviceUrl(),
        from: fc.oneof({ weight: 8, arbitrary: personRef() }, { weight: 1, arbitrary: anyJson }),
        recipient: fc.oneof({ weight: 8, arbitrary: fc.constant({ id: '28:core-groups-bot', name: 'Core Groups' }) }, { weight: 1, arbitrary: anyJson }),
        conversation: fc.oneof(
          {
            weight: 8,
            arbitrary: fc.record(
              {
                id: fc.oneof(fc.constantFrom('a:personal-1', '19:chat@thread.v2', '19:channel@thread.skype'), fc.string({ minLength: 1, maxLength: 30 })),
                conversationType: fc.constantFrom('personal', 'groupChat', 'channel', 'x'),
                tenantId: fc.constantFrom('22222222-2222-4222-8222-222222222222', 'x'),
                isGroup: fc.boolean(),
              },
              { requiredKeys: ['id'] },
            ),
          },
          { weight: 1, arbitrary: anyJson },
        ),
        membersAdded: mostly(fc.array(personRef(), { maxLength: 3 })),
        membersRemoved: mostly(fc.array(personRef(), { maxLength: 3 })),
        action: mostly(fc.constantFrom('add', 'remove', 'remove-upgrade', 'x')),
        replyToId: mostly(fc.string({ maxLength: 10 })),
        channelData: mostly(
          fc.record(
            {
              tenant: fc.record({ id: fc.string() }),
              eventType: fc.constantFrom('teamMemberAdded', 'teamMemberRemoved', 'channelCreated', 'teamRenamed', 'editMessage', 'softDeleteMessage', 'x'),
              team: fc.record({ id: fc.string() }),
              channel: fc.record({ id: fc.string() }),
            },
            { requiredKeys: [] },
          ),
        ),
        entities: mostly(
          fc.array(
            fc.oneof(
              fc.record({
                type: fc.constant('mention'),
                text: fc.constantFrom('<at>Core Groups</at>', 'x'),
                mentioned: fc.oneof(fc.constant({ id: '28:core-groups-bot', name: 'Core Groups' }), personRef()),
              }),
              fc.record({ type: fc.constantFrom('clientInfo', 'x'), locale: fc.string() }, { requiredKeys: ['type'] }),
            ),
            { maxLength: 2 },
          ),
        ),
        timestamp: isoOrJunk,
        localTimestamp: isoOrJunk,
        locale: mostly(fc.constantFrom('en-GB', 'x', '')),
      },
      { requiredKeys: ['type', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation'] },
    );

  it('never answers the bot endpoint with a 5xx, whatever the activity, headers or bytes', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // Some activities lose one of the fields every activity has.
          payload: fc.oneof(
            { weight: 12, arbitrary: activity().map((a) => JSON.stringify(a)) },
            {
              weight: 1,
              arbitrary: fc
                .tuple(activity(), fc.constantFrom('type', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation'))
                .map(([a, k]) => JSON.stringify({ ...a, [k]: undefined })),
            },
            { weight: 2, arbitrary: body() },
          ),
          method: fc.oneof(
            { weight: 19, arbitrary: fc.constant('POST') },
            { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD') },
          ),
          // Mostly what the Bot Framework sends, so that most activities reach a turn.
          type: fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
            { weight: 1, arbitrary: contentType },
          ),
          extra: sometimes(extraHeaders, 8),
        }),
        async ({ payload, method, type, extra }) => {
          const headers: Record<string, string> = { ...(extra ?? {}), ...(type === null ? {} : { 'content-type': type }) };
          const req: Sent = {
            method,
            path: '/api/messages',
            headers,
            ...(payload === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: payload }),
          };
          checkAnswer(req, await send('POST /api/messages', req));
          n += 1;
          if (n % 200 === 0) await checkHealth();
        },
      ),
      runs(500),
    );
    await checkHealth();
  }, 300_000);

  it('never answers any other path with a 5xx (the tab, unknown routes, broken addresses)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
          parts: fc.array(segment(), { minLength: 0, maxLength: 4 }),
          prefix: fc.constantFrom('/', '/api/', '/assets/', '/calendar/', '//', '/api/dev/', '/healthz/'),
          user: devUser(),
          type: contentType,
          body: body(),
        }),
        async ({ method, parts, prefix, user, type, body: payload }) => {
          const headers: Record<string, string> = { ...(user === null ? {} : { 'x-dev-user': user }), ...(type === null ? {} : { 'content-type': type }) };
          const req: Sent = {
            method,
            path: prefix + parts.join('/'),
            headers,
            ...(payload === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: payload }),
          };
          checkAnswer(req, await send('any other path', req));
        },
      ),
      runs(200),
    );
  }, 300_000);

  it('refuses huge bodies with 413 (announced, chunked, or a gzip bomb), before sign-in too', async () => {
    const huge = (bytes: number) => `{"a":"${'x'.repeat(bytes)}"}`;
    const cases: [string, Sent][] = [
      [
        '1 MB and a byte',
        { method: 'POST', path: '/api/cases', headers: { 'content-type': 'application/json', 'x-dev-user': people[0]! }, body: huge(1024 * 1024 - 7) },
      ],
      ['8 MB, before sign-in', { method: 'POST', path: '/api/cases', headers: { 'content-type': 'application/json' }, body: huge(8 * 1024 * 1024) }],
      ['8 MB to the bot', { method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: huge(8 * 1024 * 1024) }],
      [
        'a gzip bomb (64 MB of zeros in 64 KB)',
        {
          method: 'POST',
          path: '/api/minutes/x/decision',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-dev-user': people[0]! },
          body: gzipSync(Buffer.alloc(64 * 1024 * 1024)),
        },
      ],
    ];
    for (const [, req] of cases) {
      const res = await send('huge bodies', req);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'REQUEST.TOO_LARGE' } });
    }
    // Chunked, with no Content-Length to refuse it by: read up to the limit, then refused.
    const chunked = await new Promise<number>((resolve, reject) => {
      const url = new URL(base);
      const r = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      r.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 48; i += 1) r.write(chunk);
      r.end();
    });
    statuses.set(chunked, (statuses.get(chunked) ?? 0) + 1);
    expect(chunked).toBe(413);
    expect(await checkHealth()).toBeLessThan(2_000);
  }, 120_000);

  it('logs no unexpected error, and /healthz answers within 2 s after it all', async () => {
    const healthMs = await checkHealth();
    const unexpected = logged.filter((line) => /unexpected error|bot turn failed|bot endpoint failed|could not send/.test(line));
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const count = (from: number, to: number) => [...statuses].filter(([s]) => s >= from && s < to).reduce((a, [, c]) => a + c, 0);
    const summary = {
      requests: total,
      '2xx/3xx': count(200, 400),
      '4xx': count(400, 500),
      '5xx': count(500, 501) + count(502, 600),
      '501 (an invoke the bot does not handle)': count(501, 502),
      byStatus: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      byCode: Object.fromEntries([...codes].sort(([, a], [, b]) => b - a)),
      byRoute: Object.fromEntries([...byRoute].sort(([a], [b]) => a.localeCompare(b))),
      healthzMsAfter: healthMs,
      unexpectedErrorsLogged: unexpected.length,
      otherErrorsLogged: logged.length - unexpected.length,
      scale: SCALE,
      ...(SEED === undefined ? {} : { seed: SEED }),
    };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'fuzz-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    expect({ unexpected, culprits }).toEqual({ unexpected: [], culprits: [] });
    expect(healthMs).toBeLessThan(2_000);
    expect(summary['5xx']).toBe(0);
    expect(total).toBeGreaterThan(1_000 * SCALE);
  });
});
