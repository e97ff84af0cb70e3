import { gzipSync } from 'node:zlib';
import { aCase, aMember, PEOPLE } from '../fixtures/builders';
import { GRAPH_SECRET, Harness, rawRequest, startHarness } from './harness';

/**
 * Requests that used to get a 500 (with a stack trace in the log), each now a 4xx with a code and a
 * sentence a person understands, and at most one line in the log, without a stack.
 */
describe('requests the server refuses with a 4xx, never a 500', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const json = { 'content-type': 'application/json' };
  const sam = { ...json, 'x-dev-user': 'sam' };
  const MB = 1024 * 1024;
  const big = (bytes: number) => `{"a":"${'x'.repeat(bytes - 8)}"}`;
  const activity = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: h.connectorUrl,
      from: { id: '29:x' },
      recipient: { id: '28:bot' },
      conversation: { id: 'a:1', conversationType: 'personal' },
      ...overrides,
    });

  type Case = [string, () => { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }, number, string];
  it.each<Case>([
    ['a 2 MB body before sign-in', () => ({ path: '/api/cases', headers: json, body: big(2 * MB) }), 413, 'REQUEST.TOO_LARGE'],
    ['a body of 1 MB and one byte, signed in', () => ({ path: '/api/cases', headers: sam, body: big(MB + 1) }), 413, 'REQUEST.TOO_LARGE'],
    ['a 2 MB body to the bot', () => ({ path: '/api/messages', headers: json, body: big(2 * MB) }), 413, 'REQUEST.TOO_LARGE'],
    [
      'a 2 MB body that only says it is gzip-compressed small',
      () => ({ path: '/api/cases', headers: { ...sam, 'content-encoding': 'gzip' }, body: gzipSync(big(2 * MB)) }),
      413,
      'REQUEST.TOO_LARGE',
    ],
    [
      'a NUL (\\u0000) in a field',
      () => ({ path: '/api/minutes/any/decision', headers: sam, body: '{"decision":"return","comments":"a\\u0000b"}' }),
      400,
      'REQUEST.NUL_CHARACTER',
    ],
    ['a NUL in a field name, before sign-in', () => ({ path: '/api/cases', headers: json, body: '{"\\u0000":1}' }), 400, 'REQUEST.NUL_CHARACTER'],
    [
      'a NUL in an activity sent to the bot',
      () => ({ path: '/api/messages', headers: json, body: activity({ text: 'help\u0000' }) }),
      400,
      'REQUEST.NUL_CHARACTER',
    ],
    ['a raw NUL byte in the body', () => ({ path: '/api/cases', headers: sam, body: Buffer.from('{"a":"\0"}') }), 400, 'REQUEST.NUL_CHARACTER'],
    ['a NUL in the address', () => ({ method: 'GET', path: '/api/cases/a%00b', headers: sam }), 400, 'REQUEST.NUL_CHARACTER'],
    [
      'bytes that are not UTF-8',
      () => ({ path: '/api/cases', headers: sam, body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
      400,
      'REQUEST.INVALID_TEXT',
    ],
    [
      'JSON in UTF-16',
      () => ({ path: '/api/cases', headers: { ...sam, 'content-type': 'application/json; charset=utf-16le' }, body: Buffer.from('{}', 'utf16le') }),
      415,
      'REQUEST.UNSUPPORTED_CHARSET',
    ],
    [
      'a charset that does not exist',
      () => ({ path: '/api/cases', headers: { ...sam, 'content-type': 'application/json; charset=bogus' }, body: '{}' }),
      415,
      'REQUEST.UNSUPPORTED_CHARSET',
    ],
    ['a body marked gzip that is not', () => ({ path: '/api/cases', headers: { ...sam, 'content-encoding': 'gzip' }, body: '{}' }), 400, 'REQUEST.UNREADABLE'],
    [
      'a content encoding nobody reads',
      () => ({ path: '/api/cases', headers: { ...sam, 'content-encoding': 'compress' }, body: '{}' }),
      415,
      'REQUEST.UNSUPPORTED_ENCODING',
    ],
    ['malformed JSON', () => ({ path: '/api/cases', headers: sam, body: '{"reference":' }), 400, 'REQUEST.MALFORMED_JSON'],
    ['JSON that is not an object or array', () => ({ path: '/api/cases', headers: sam, body: 'null' }), 400, 'REQUEST.MALFORMED_JSON'],
    ['a broken %-encoding in a route parameter', () => ({ method: 'GET', path: '/api/cases/%E0%A4%A', headers: sam }), 400, 'REQUEST.MALFORMED_URL'],
    [
      'Graph notifications whose value is not a list ({"value":5})',
      () => ({ path: '/api/graph/notifications', headers: json, body: '{"value":5}' }),
      400,
      'GRAPH.INVALID_NOTIFICATION',
    ],
    [
      'Graph notifications holding a null',
      () => ({ path: '/api/graph/notifications', headers: json, body: '{"value":[null]}' }),
      400,
      'GRAPH.INVALID_NOTIFICATION',
    ],
    ['an activity with no type', () => ({ path: '/api/messages', headers: json, body: activity({ type: undefined }) }), 400, 'BOT.INVALID_ACTIVITY'],
    ['an activity whose type is a number', () => ({ path: '/api/messages', headers: json, body: activity({ type: 5 }) }), 400, 'BOT.INVALID_ACTIVITY'],
    [
      'an activity with no conversation to answer in',
      () => ({ path: '/api/messages', headers: json, body: activity({ conversation: undefined }) }),
      400,
      'BOT.INVALID_ACTIVITY',
    ],
    ['an activity that is a list', () => ({ path: '/api/messages', headers: json, body: '[1]' }), 400, 'BOT.INVALID_ACTIVITY'],
    ['no body for the bot at all', () => ({ path: '/api/messages' }), 400, 'BOT.INVALID_ACTIVITY'],
    ['an activity whose text is not text', () => ({ path: '/api/messages', headers: json, body: activity({ text: { a: 1 } }) }), 400, 'BOT.INVALID_ACTIVITY'],
    [
      'an invoke with no value',
      () => ({ path: '/api/messages', headers: json, body: activity({ type: 'invoke', name: 'fileConsent/invoke' }) }),
      400,
      'BOT.INVALID_ACTIVITY',
    ],
    [
      'an activity whose serviceUrl is not a web address',
      () => ({ path: '/api/messages', headers: json, body: activity({ serviceUrl: 'ftp://127.0.0.1/' }) }),
      400,
      'BOT.INVALID_ACTIVITY',
    ],
    [
      'a new member whose Entra object id is already someone else’s',
      () => ({
        path: '/api/cases',
        headers: sam,
        body: JSON.stringify(
          aCase({
            reference: 'CP-2026-0500',
            members: [
              aMember('sam'),
              aMember('maria'),
              { ...aMember('hv'), person: { displayName: 'P. Desai', email: 'p.desai@nhs.example', entraObjectId: PEOPLE.hv.entraObjectId } },
            ],
          }),
        ),
      }),
      409,
      'PERSON.DUPLICATE_ENTRA_ID',
    ],
  ])('%s', async (_case, request, status, code) => {
    const { method = 'POST', ...rest } = request();
    const res = await rawRequest(h.base, { method, ...rest });
    expect(res.status).toBe(status);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    // A sentence a person understands: capitalised, ends with a full stop, no library's wording.
    expect(body.error.message).toMatch(/^[A-Z"'].*\.$/);
    expect(body.error.message).not.toMatch(/entity|stream|undefined|TypeError|Cannot read/);
  });

  it('names the other account for a duplicate Entra object id, and writes nothing', async () => {
    const res = await rawRequest(h.base, {
      method: 'POST',
      path: '/api/cases',
      headers: sam,
      body: JSON.stringify(
        aCase({
          reference: 'CP-2026-0501',
          members: [
            aMember('sam'),
            aMember('maria'),
            { ...aMember('hv'), person: { displayName: 'P. Desai', email: 'p.desai@nhs.example', entraObjectId: PEOPLE.hv.entraObjectId } },
          ],
        }),
      ),
    });
    expect(JSON.parse(res.body)).toEqual({
      error: {
        code: 'PERSON.DUPLICATE_ENTRA_ID',
        message: `The address p.desai@nhs.example is the same Microsoft 365 account as Priya Desai (priya.desai@nhs.example), who is already in Core Groups. Add them with priya.desai@nhs.example.`,
        fields: [{ field: 'members.2.person.entraObjectId', problem: 'is already the account of priya.desai@nhs.example' }],
      },
    });
    expect(await h.store.transaction((tx) => tx.cases.byReference('CP-2026-0501'))).toBeUndefined();
  });

  it('still accepts what is close to the line: a body under 1 MB, an escaped backslash before "u0000", a Graph secret of the right length in other letters', async () => {
    expect(
      (
        await rawRequest(h.base, {
          method: 'POST',
          path: '/api/minutes/any/decision',
          headers: sam,
          body: `{"decision":"return","comments":"${'x'.repeat(MB - 100)}"}`,
        })
      ).status,
    ).toBe(404);
    const escaped = await rawRequest(h.base, {
      method: 'POST',
      path: '/api/minutes/any/decision',
      headers: sam,
      body: '{"decision":"return","comments":"C:\\\\u0000"}',
    });
    expect(JSON.parse(escaped.body)).toMatchObject({ error: { code: 'MINUTES.NOT_FOUND' } });
    const lookalike = 'é'.repeat(GRAPH_SECRET.length);
    expect(
      (
        await rawRequest(h.base, {
          method: 'POST',
          path: '/api/graph/notifications',
          headers: json,
          body: JSON.stringify({ value: [{ clientState: lookalike, resource: 'Users/x/Events/y' }] }),
        })
      ).status,
    ).toBe(202);
  });

  it('still runs an activity Teams sends without channelData, and one whose optional fields are null', async () => {
    const res = await rawRequest(h.base, {
      method: 'POST',
      path: '/api/messages',
      headers: json,
      body: activity({ type: 'conversationUpdate', text: null, membersAdded: [{ id: '28:bot' }] }),
    });
    expect(res.status).toBe(200);
    const help = await rawRequest(h.base, { method: 'POST', path: '/api/messages', headers: json, body: activity({ locale: null, entities: null }) });
    expect(help.status).toBe(200);
  });

  it('logs each refusal as one line without a stack, and nothing as an unexpected error', () => {
    expect(h.logged).toEqual([]);
    expect(h.notices.length).toBeGreaterThan(10);
    for (const line of h.notices) expect(line).toMatch(/^\[core-groups\] 4\d\d [A-Z]+\.[A-Z_]+ [A-Z]+ \/\S*$/);
    expect(h.notices).toContain('[core-groups] 413 REQUEST.TOO_LARGE POST /api/cases');
  });
});
