import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { devSignInAuthenticator } from '../../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../../src/server/http/create-app';
import { aCase, actor, PEOPLE } from '../../fixtures/builders';

describe('tab API over HTTP (local mode, dev sign-in)', () => {
  let store: Store;
  let server: http.Server;
  let base: string;
  let caseId: string;
  const people: Record<string, string> = {};
  const errors: unknown[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const ctx: AppContext = { store, clock: fixedClock('2027-01-04T09:00:00.000Z'), profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await store.transaction((tx) => tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }));
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    for (const who of ['maria', 'hv', 'parent'] as const) people[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    const authenticator = devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
    server = http.createServer(createHttpApp({ ctx, authenticator, devSignIn: true, log: (_m, e) => errors.push(e) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  const get = (path: string, user?: string) => fetch(`${base}${path}`, { headers: user ? { 'x-dev-user': user } : {} });
  const post = (path: string, user: string, body: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body });

  it('answers 401 with a code when nobody is signed in, or the demo user does not exist', async () => {
    const res = await get('/api/me/work');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'AUTH.UNAUTHENTICATED', message: 'Sign-in failed: choose a demo user (dev sign-in, local mode).' } });
    expect((await get('/api/me/work', 'nobody')).status).toBe(401);
  });

  it("shows a social worker their cases, with the next deadline and its colour", async () => {
    const res = await get('/api/me/work', 'sam');
    expect(res.status).toBe(200);
    const work = (await res.json()) as { today: string; cases: { reference: string; colour: string; next: { obligationId: string; due: string } }[] };
    expect(work.today).toBe('2027-01-04');
    expect(work.cases).toEqual([expect.objectContaining({ reference: 'CP-2026-0042', colour: 'amber', next: expect.objectContaining({ obligationId: 'core-group-1', due: '2027-01-06' }) })]);
  });

  it('shows a member the case with every obligation and why its date is the date', async () => {
    const res = await get(`/api/cases/${caseId}`, people.hv);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as { childName?: string; obligations: { id: string; explanation: string; compliance: { status: string } }[] };
    expect(detail.childName).toBe('Lily Rose Example');
    const first = detail.obligations.find((o) => o.id === 'core-group-1')!;
    expect(first.compliance.status).toBe('due-soon');
    expect(first.explanation).toContain('25 Dec, 28 Dec and 1 Jan 2027 are bank holidays in England and Wales');
  });

  it('hides the case from people who are not on it (404, not 403)', async () => {
    const res = await get(`/api/cases/${caseId}`, 'stranger');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CASE.NOT_FOUND');
  });

  it('refuses bad input with 400 naming the field, and malformed JSON with 400', async () => {
    const res = await post('/api/minutes/any/decision', people.maria!, JSON.stringify({ decision: 'maybe' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('REQUEST.INVALID');
    expect(body.error.fields[0]?.field).toBe('decision');
    const malformed = await post('/api/minutes/any/decision', people.maria!, '{"decision":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('REQUEST.MALFORMED_JSON');
  });

  it('checks the actor on every action: a professional cannot book or decide', async () => {
    const detail = (await (await get(`/api/cases/${caseId}`, 'sam')).json()) as { meetings: { id: string; version: number }[] };
    const meeting = detail.meetings[0]!;
    const booking = JSON.stringify({ expectedVersion: meeting.version, startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T11:30:00Z', venue: 'office' });
    expect((await post(`/api/meetings/${meeting.id}/booking`, people.hv!, booking)).status).toBe(403);
    const ok = await post(`/api/meetings/${meeting.id}/booking`, 'sam', booking);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { late: boolean }).late).toBe(false);
    expect(errors).toEqual([]);
  });

  it('answers unknown API routes with 404 and a code', async () => {
    expect((await get('/api/nothing-here', 'sam')).status).toBe(404);
  });
});
