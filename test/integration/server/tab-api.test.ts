import http from 'node:http';
import { listStaff } from '../../fixtures/staff';
import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { setStaffRoles, SYSTEM_ACTOR } from '../../../src/app/staff';
import { AddressInfo } from 'node:net';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { devSignInAuthenticator } from '../../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../../src/server/http/create-app';
import { MemberInput } from '../../../src/domain/case/members';
import { Directory } from '../../../src/ports/directory';
import { DeliveryError } from '../../../src/ports/messenger';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';

describe('tab API over HTTP (local mode, dev sign-in)', () => {
  let store: Store;
  let server: http.Server;
  let base: string;
  let caseId: string;
  let ctx: AppContext;
  const people: Record<string, string> = {};
  const errors: unknown[] = [];
  const notices: string[] = [];
  const directoryCalls: { bearer: string; email: string }[] = [];
  const clock = fixedClock('2027-01-04T09:00:00.000Z');

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await store.transaction((tx) => tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk' }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
    for (const who of ['maria', 'hv', 'parent'] as const) people[who] = (await store.transaction((tx) => tx.people.byEmail(PEOPLE[who].email)))!.id;
    const authenticator = devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
    // The directory as the caller: a stand-in for Graph's users, recording whose token asked.
    const directoryFor = (bearer: string): Directory => ({
      async findByEmail(email) {
        directoryCalls.push({ bearer, email });
        if (email === 'down@nhs.example') throw new DeliveryError('Microsoft Graph call failed: Service Unavailable', 503);
        if (email === 'hv.two@nhs.example') return { entraObjectId: '0a000000-0000-4000-8000-0000000000a2', displayName: 'Hana Two', email };
        return email === 'gp.one@nhs.example' ? { entraObjectId: '0a000000-0000-4000-8000-0000000000a1', displayName: 'Dr One', email } : undefined;
      },
      async managerOf() {
        return undefined;
      },
    });
    server = http.createServer(
      createHttpApp({ ctx, authenticator, devSignIn: true, directoryFor, log: (_m, e) => errors.push(e), notice: (line) => notices.push(line) }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  });

  const get = (path: string, user?: string) => fetch(`${base}${path}`, { headers: user ? { 'x-dev-user': user } : {} });
  const post = (path: string, user: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body });

  it('answers 401 with a code when nobody is signed in, or the demo user does not exist', async () => {
    const res = await get('/api/me/work');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'AUTH.UNAUTHENTICATED', message: 'Sign-in failed: choose a demo user (dev sign-in, local mode).' } });
    expect((await get('/api/me/work', 'nobody')).status).toBe(401);
  });

  it('shows a social worker their cases, with the next deadline and its colour', async () => {
    const res = await get('/api/me/work', 'sam');
    expect(res.status).toBe(200);
    const work = (await res.json()) as { today: string; cases: { reference: string; colour: string; next: { obligationId: string; due: string } }[] };
    expect(work.today).toBe('2027-01-04');
    expect(work.cases).toEqual([
      expect.objectContaining({
        reference: 'CP-2026-0042',
        colour: 'amber',
        next: expect.objectContaining({ obligationId: 'core-group-1', due: '2027-01-06' }),
      }),
    ]);
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

  it('audits who read the case and who was refused it, in a chain that holds', async () => {
    expect((await get(`/api/cases/${caseId}`, people.hv!)).status).toBe(200);
    expect((await get(`/api/cases/${caseId}`, 'stranger')).status).toBe(404);
    const trail = await store.transaction((tx) => tx.audit.forCase(caseId));
    expect(trail.filter((a) => a.actorId === people.hv && a.action === 'case.read').at(-1)).toMatchObject({ after: { restricted: false } });
    expect(trail.filter((a) => a.actorId === 'stranger').at(-1)).toMatchObject({
      action: 'GET /cases/:caseId',
      allowed: false,
      after: { refused: 'CASE.NOT_FOUND' },
    });
    expect((await store.transaction((tx) => tx.audit.verify())).broken).toBeUndefined();
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
    // A day recorded by hand: missing, or not a day, named in words; a core group is not recorded this way.
    const noDay = await post(`/api/cases/${caseId}/obligations/child-seen-1/done`, 'sam', '{}');
    expect(noDay.status).toBe(400);
    expect(((await noDay.json()) as { error: { fields: { field: string; problem: string }[] } }).error.fields[0]).toMatchObject({ field: 'on' });
    const notADay = await post(`/api/cases/${caseId}/obligations/core-group-1/done`, 'sam', JSON.stringify({ on: 'yesterday' }));
    expect(notADay.status).toBe(400);
    expect(((await notADay.json()) as { error: { fields: { field: string }[] } }).error.fields[0]?.field).toBe('on');
    const byItself = await post(`/api/cases/${caseId}/obligations/core-group-1/done`, 'sam', JSON.stringify({ on: '2027-01-04' }));
    expect(byItself.status).toBe(409);
    expect((await post(`/api/cases/${caseId}/obligations/core-group-1/done`, people.hv!, JSON.stringify({ on: '2027-01-04' }))).status).toBe(403);
    // Refused before any use case: one line in the log, no stack, and nothing logged as an error.
    expect(notices).toContain('[core-groups] 400 REQUEST.MALFORMED_JSON POST /api/minutes/any/decision');
    expect(errors).toEqual([]);
  });

  it('checks the actor on every action: a professional cannot book or decide', async () => {
    const detail = (await (await get(`/api/cases/${caseId}`, 'sam')).json()) as { meetings: { id: string; version: number }[] };
    const meeting = detail.meetings[0]!;
    const booking = JSON.stringify({ expectedVersion: meeting.version, startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T11:30:00Z', venue: 'office' });
    expect((await post(`/api/meetings/${meeting.id}/booking`, people.hv!, booking)).status).toBe(403);
    const ok = await post(`/api/meetings/${meeting.id}/booking`, 'sam', booking);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { late: boolean }).late).toBe(false);
    // The chair's double click sends the same booking again: already recorded, not a 409.
    const twice = await post(`/api/meetings/${meeting.id}/booking`, 'sam', booking);
    expect(twice.status).toBe(200);
    expect(await twice.json()).toMatchObject({ alreadyRecorded: true, meeting: { status: 'booked', startsAt: '2027-01-05T10:00:00.000Z' } });
    expect(errors).toEqual([]);
  });

  it('lets the chair record the core group and write, then submit, its minutes for the manager', async () => {
    const put = (path: string, user: string, body: string) =>
      fetch(`${base}${path}`, { method: 'PUT', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body });
    const detail = (await (await get(`/api/cases/${caseId}`, 'sam')).json()) as { meetings: { id: string; status: string }[]; members: { id: string }[] };
    const meeting = detail.meetings.find((m) => m.status === 'booked')!;
    clock.set('2027-01-05T14:00:00.000Z');
    const future = await post(`/api/meetings/${meeting.id}/held`, 'sam', JSON.stringify({ heldOn: '2027-01-06', attendance: [] }));
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: { fields: { field: string }[] } }).error.fields[0]?.field).toBe('heldOn');
    const badStatus = await post(
      `/api/meetings/${meeting.id}/held`,
      'sam',
      JSON.stringify({ heldOn: '2027-01-05', attendance: [{ memberId: 'x', status: 'late' }] }),
    );
    expect(((await badStatus.json()) as { error: { fields: { field: string }[] } }).error.fields[0]?.field).toBe('attendance.0.status');
    expect((await post(`/api/meetings/${meeting.id}/held`, people.hv!, JSON.stringify({ heldOn: '2027-01-05', attendance: [] }))).status).toBe(403);
    expect((await post(`/api/meetings/${meeting.id}/held`, 'sam', JSON.stringify({ heldOn: '2027-01-05', attendance: [] }))).status).toBe(200);

    const draft = (await (await post(`/api/meetings/${meeting.id}/minutes`, 'sam', '{}')).json()) as { id: string; version: number };
    const unknownSection = await put(`/api/minutes/${draft.id}`, 'sam', JSON.stringify({ expectedVersion: draft.version, sections: { gossip: 'x' } }));
    expect(unknownSection.status).toBe(400);
    expect(
      (await put(`/api/minutes/${draft.id}`, people.parent!, JSON.stringify({ expectedVersion: draft.version, sections: { recentEvents: 'x' } }))).status,
    ).toBe(403);
    const sections = {
      attendance: 'As recorded',
      agencyUpdates: 'Given',
      childsVoice: 'Happy at school',
      childsVoiceHowGathered: 'Direct work',
      parentsViews: 'Agrees',
      parentsViewsHowGathered: 'At the meeting',
      planReview: 'On track',
      nextMeeting: '2 February',
    };
    const edited = await put(`/api/minutes/${draft.id}`, 'sam', JSON.stringify({ expectedVersion: draft.version, sections }));
    expect(edited.status).toBe(200);
    const { version } = (await edited.json()) as { version: number };
    // The same save again (a double click on Save): the minutes as they stand, marked already recorded.
    const savedTwice = await put(`/api/minutes/${draft.id}`, 'sam', JSON.stringify({ expectedVersion: draft.version, sections }));
    expect(savedTwice.status).toBe(200);
    expect(await savedTwice.json()).toMatchObject({ alreadyRecorded: true, version });
    expect((await post(`/api/minutes/${draft.id}/submission`, 'sam', JSON.stringify({ expectedVersion: draft.version }))).status).toBe(409);
    const submitted = await post(`/api/minutes/${draft.id}/submission`, 'sam', JSON.stringify({ expectedVersion: version }));
    expect(submitted.status).toBe(200);
    expect(((await submitted.json()) as { status: string }).status).toBe('submitted');
    // The tab reads them: the author may no longer edit, the manager may decide, the family may not read drafts.
    type View = {
      minutes: { status: string; sections: { childsVoice: string } };
      case: { reference: string; childInitials: string };
      canEdit: boolean;
      canDecide: boolean;
    };
    const asSam = (await (await get(`/api/minutes/${draft.id}`, 'sam')).json()) as View;
    expect(asSam).toMatchObject({
      minutes: { status: 'submitted', sections: { childsVoice: 'Happy at school' } },
      case: { reference: 'CP-2026-0042' },
      canEdit: false,
      canDecide: false,
    });
    // The day it was held, for the printed record's every page.
    expect((asSam as View & { heldOn?: string }).heldOn).toBe('2027-01-05');
    expect(JSON.stringify(asSam)).not.toContain('Lily');
    expect((await (await get(`/api/minutes/${draft.id}`, people.maria!)).json()) as View).toMatchObject({ canEdit: false, canDecide: true });
    expect((await get(`/api/minutes/${draft.id}`, people.parent!)).status).toBe(403);
    expect((await get(`/api/minutes/${draft.id}`, 'stranger')).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it('never lets a manager approve minutes they rewrote after returning them', async () => {
    const put = (path: string, user: string, body: string) =>
      fetch(`${base}${path}`, { method: 'PUT', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body });
    const detail = (await (await get(`/api/cases/${caseId}`, 'sam')).json()) as { meetings: { minutesId?: string }[] };
    const minutesId = detail.meetings.find((m) => m.minutesId)!.minutesId!;
    const read = async () =>
      ((await (await get(`/api/minutes/${minutesId}`, people.maria!)).json()) as { minutes: { version: number; status: string } }).minutes;
    expect(
      (await post(`/api/minutes/${minutesId}/decision`, people.maria!, JSON.stringify({ decision: 'return', comments: 'Say how the child was seen.' }))).status,
    ).toBe(200);
    // The manager rewrites a section herself, and the chair resubmits.
    const rewritten = await put(
      `/api/minutes/${minutesId}`,
      people.maria!,
      JSON.stringify({ expectedVersion: (await read()).version, sections: { childsVoice: 'Seen alone at school; says she is happy' } }),
    );
    expect(rewritten.status).toBe(200);
    // A save of one section changes only that section.
    expect(((await rewritten.json()) as { sections: Record<string, string> }).sections).toMatchObject({
      attendance: 'As recorded',
      planReview: 'On track',
      childsVoice: 'Seen alone at school; says she is happy',
    });
    expect((await post(`/api/minutes/${minutesId}/submission`, 'sam', JSON.stringify({ expectedVersion: (await read()).version }))).status).toBe(200);
    const view = (await (await get(`/api/minutes/${minutesId}`, people.maria!)).json()) as { canDecide: boolean };
    expect(view.canDecide).toBe(false);
    const approve = await post(`/api/minutes/${minutesId}/decision`, people.maria!, JSON.stringify({ decision: 'approve' }));
    expect(approve.status).toBe(403);
    expect(((await approve.json()) as { error: { code: string } }).error.code).toBe('MINUTES.NOT_APPROVER');
    expect((await read()).status).toBe('submitted');
  });

  it('shows an excluded member the outline of the case, never the time, venue, other people or drafts', async () => {
    const kim: MemberInput = {
      person: { displayName: 'Kim Reed', email: 'kim.reed@mail.example' },
      agency: 'family',
      role: 'parent-carer',
      excluded: true,
      excludedReason: 'Risk of violence to professionals',
    };
    const pc: MemberInput = {
      person: { displayName: 'Pat Constable', email: 'pat.constable@police.example' },
      agency: 'police',
      role: 'professional',
      excluded: true,
      excludedReason: 'Under investigation',
    };
    const other = await createCase(
      ctx,
      actor('sam'),
      aCase({ reference: 'CP-2026-0200', members: [aMember('sam'), aMember('maria'), aMember('hv'), kim, pc] }),
    );
    const idOf = async (email: string) => (await store.transaction((tx) => tx.people.byEmail(email)))!.id;
    const meetings = (await (await get(`/api/cases/${other.id}`, 'sam')).json()) as { meetings: { id: string; version: number }[] };
    const first = meetings.meetings[0]!;
    expect(
      (
        await post(
          `/api/meetings/${first.id}/booking`,
          'sam',
          JSON.stringify({ expectedVersion: first.version, startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T11:30:00Z', venue: 'family-home' }),
        )
      ).status,
    ).toBe(200);
    // The chair sees whose updates are asked for and whether they are in; the excluded parent, nothing of it.
    expect((await post(`/api/meetings/${first.id}/report-requests`, 'sam', '{}')).status).toBe(200);
    const chair = (await (await get(`/api/cases/${other.id}`, 'sam')).json()) as {
      members: { memberId: string; displayName: string }[];
      meetings: { updates?: { memberId: string; submitted: boolean }[] }[];
    };
    const asked = chair.meetings[0]!.updates ?? [];
    expect(asked.map((u) => chair.members.find((m) => m.memberId === u.memberId)?.displayName)).toContain('Priya Desai');
    expect(asked.every((u) => !u.submitted)).toBe(true);
    // The chair cannot open anyone's update; Priya can open hers.
    expect(asked.some((u) => 'reportId' in u)).toBe(false);
    const hers = (await (await get(`/api/cases/${other.id}`, people.hv!)).json()) as { meetings: { updates?: Record<string, unknown>[] }[] };
    expect(hers.meetings[0]!.updates!.filter((u) => u.reportId)).toEqual([expect.objectContaining({ yours: true, submitted: false })]);
    const seen = (await (await get(`/api/cases/${other.id}`, await idOf('kim.reed@mail.example'))).json()) as {
      restricted: boolean;
      members: { displayName: string }[];
      meetings: Record<string, unknown>[];
      obligations: unknown[];
    };
    expect(seen.restricted).toBe(true);
    expect(seen.members.map((m) => m.displayName)).toEqual(['Kim Reed']);
    expect(seen.meetings[0]).not.toHaveProperty('startsAt');
    expect(seen.meetings[0]).not.toHaveProperty('venue');
    expect(seen.meetings[0]).not.toHaveProperty('updates');
    expect(JSON.stringify(seen)).not.toMatch(/Sam Okafor|Priya|family-home|T10:00/);
    expect(seen.obligations.length).toBeGreaterThan(0);
    // The excluded professional cannot start or read minutes either.
    expect((await get(`/api/cases/${other.id}`, await idOf('pat.constable@police.example'))).status).toBe(200);
    expect(((await (await get(`/api/cases/${other.id}`, 'sam')).json()) as { restricted: boolean }).restricted).toBe(false);
  });

  it('takes the roles that run a case from the organisation, never from the request', async () => {
    const open = (body: unknown, user: string) =>
      fetch(`${base}/api/cases`, { method: 'POST', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const himselfChair = await open(
      aCase({ reference: 'CP-2026-0300', members: [aMember('parent', { role: 'chair', agency: 'childrens-social-care' }), aMember('maria')] }),
      people.parent!,
    );
    expect(himselfChair.status).toBe(403);
    expect(((await himselfChair.json()) as { error: { code: string } }).error.code).toBe('CASE.OPENER_NOT_STAFF');
    const herselfManager = await open(aCase({ reference: 'CP-2026-0301', members: [aMember('sam'), aMember('school', { role: 'manager' })] }), 'sam');
    expect(herselfManager.status).toBe(403);
    const body = (await herselfManager.json()) as { error: { code: string; fields: { field: string; problem: string }[] } };
    expect(body.error).toMatchObject({
      code: 'CASE.ROLE_NOT_BACKED',
      fields: [{ field: 'members.1.role', problem: expect.stringContaining('Tom Farrell cannot be manager') }],
    });
    for (const reference of ['CP-2026-0300', 'CP-2026-0301']) expect(await store.transaction((tx) => tx.cases.byReference(reference))).toBeUndefined();
  });

  it('adds a member found in the directory (asked as the caller) as someone in the organisation, reached in Teams', async () => {
    const res = await fetch(`${base}/api/cases/${caseId}/members`, {
      method: 'POST',
      headers: { 'x-dev-user': 'sam', authorization: 'Bearer sams-sso-token', 'content-type': 'application/json' },
      body: JSON.stringify({ member: { person: { displayName: 'Hana Two', email: 'hv.two@nhs.example' }, agency: 'health-visiting', role: 'professional' } }),
    });
    expect(res.status).toBe(201);
    expect(directoryCalls).toContainEqual({ bearer: 'sams-sso-token', email: 'hv.two@nhs.example' });
    expect((await store.transaction((tx) => tx.people.byEmail('hv.two@nhs.example')))?.entraObjectId).toBe('0a000000-0000-4000-8000-0000000000a2');
  });

  it('opens a case, asking the directory (as the caller) who is in the organisation', async () => {
    const open = (body: unknown, user = 'sam') =>
      fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'x-dev-user': user, authorization: 'Bearer sams-sso-token', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const gp: MemberInput = { person: { displayName: 'Dr One', email: 'gp.one@nhs.example' }, agency: 'gp', role: 'professional' };
    const parent: MemberInput = { person: { displayName: 'Pat Carer', email: 'pat.carer@mail.example' }, agency: 'family', role: 'parent-carer' };
    const res = await open(aCase({ reference: 'CP-2026-0100', members: [aMember('sam'), aMember('maria'), gp, parent] }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { reference: string }).reference).toBe('CP-2026-0100');
    expect(directoryCalls.filter((c) => c.email !== 'hv.two@nhs.example')).toEqual([
      { bearer: 'sams-sso-token', email: 'gp.one@nhs.example' },
      { bearer: 'sams-sso-token', email: 'pat.carer@mail.example' },
    ]);
    expect((await store.transaction((tx) => tx.people.byEmail('gp.one@nhs.example')))?.entraObjectId).toBe('0a000000-0000-4000-8000-0000000000a1');
    expect((await store.transaction((tx) => tx.people.byEmail('pat.carer@mail.example')))?.entraObjectId).toBeUndefined();

    const bad = await open({ ...aCase({ reference: 'CP-2026-0101' }), icpcDate: '18/12/2026' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toContain('icpcDate');
    // The directory is down: a clear 503, and nothing written.
    const down = await open(
      aCase({
        reference: 'CP-2026-0102',
        members: [aMember('sam'), aMember('maria'), { ...gp, person: { displayName: 'Dr Down', email: 'down@nhs.example' } }],
      }),
    );
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM.FAILED');
    expect(await store.transaction((tx) => tx.cases.byReference('CP-2026-0102'))).toBeUndefined();
    // Someone who is not the chair, manager or business support of the new case cannot open it.
    expect((await open(aCase({ reference: 'CP-2026-0103' }), people.hv!)).status).toBe(403);
  });

  it("offers each person only what they can do: the menu's abilities come from the organisation's staff list", async () => {
    const can = async (who: string) => ((await (await get('/api/me', who)).json()) as { can: Record<string, boolean> }).can;
    expect(await can('sam')).toEqual({ openCases: true, manage: false, keepStaffList: false });
    expect(await can(people.maria!)).toEqual({ openCases: true, manage: true, keepStaffList: false });
    expect(await can(people.hv!)).toEqual({ openCases: false, manage: false, keepStaffList: false });
    expect(await can(people.parent!)).toEqual({ openCases: false, manage: false, keepStaffList: false });
  });

  it('lets an administrator, and nobody else, see and change the staff list; each change audited, a bad one a 400 naming the field', async () => {
    const put = (email: string, user: string, body: string) =>
      fetch(`${base}/api/staff/${encodeURIComponent(email)}`, { method: 'PUT', headers: { 'x-dev-user': user, 'content-type': 'application/json' }, body });
    // Maria is a team manager; not yet an administrator.
    expect((await get('/api/staff', people.maria!)).status).toBe(403);
    expect((await put('dev.patel@anytown.gov.uk', people.maria!, '{"roles":["social-worker"]}')).status).toBe(403);
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: PEOPLE.maria.email, roles: ['team-manager', 'administrator'] });
    try {
      expect((await (await get('/api/me', people.maria!)).json()) as { can: { keepStaffList: boolean } }).toMatchObject({ can: { keepStaffList: true } });
      const added = await put('Dev.Patel@anytown.gov.uk', people.maria!, '{"roles":["social-worker"]}');
      expect(added.status).toBe(200);
      expect(await added.json()).toEqual({ email: 'dev.patel@anytown.gov.uk', roles: ['social-worker'] });
      const list = (await (await get('/api/staff', people.maria!)).json()) as { email: string; displayName?: string; roles: string[] }[];
      expect(list.find((s) => s.email === 'dev.patel@anytown.gov.uk')).toMatchObject({ roles: ['social-worker'] });
      expect(list.find((s) => s.email === PEOPLE.sam.email)).toMatchObject({ displayName: 'Sam Okafor', roles: ['social-worker'] });
      const audited = await (store as KyselyStore).db
        .selectFrom('audit')
        .select(['action', 'actor_id'])
        .where('entity', '=', 'staff')
        .where('entity_id', '=', 'dev.patel@anytown.gov.uk')
        .execute();
      expect(audited).toEqual([{ action: 'staff.roles-set', actor_id: people.maria }]);
      // Bad input: a 400 naming the field, nothing written.
      const bad = await put('dev.patel@anytown.gov.uk', people.maria!, '{"roles":["chief"]}');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(['roles.0']);
      expect((await put('not-an-email', people.maria!, '{"roles":[]}')).status).toBe(400);
      // Nobody takes away their own administrator role (the list would have no keeper).
      const own = await put(PEOPLE.maria.email, people.maria!, '{"roles":["team-manager"]}');
      expect(own.status).toBe(409);
      expect(((await own.json()) as { error: { message: string } }).error.message).toBe(
        'You cannot take away your own administrator role: ask another administrator.',
      );
      // A health visitor never sees it.
      expect((await get('/api/staff', people.hv!)).status).toBe(403);
    } finally {
      await setStaffRoles(ctx, SYSTEM_ACTOR, { email: PEOPLE.maria.email, roles: ['team-manager'] });
      await setStaffRoles(ctx, SYSTEM_ACTOR, { email: 'dev.patel@anytown.gov.uk', roles: [] });
    }
  });

  it('answers unknown API routes with 404 and a code', async () => {
    expect((await get('/api/nothing-here', 'sam')).status).toBe(404);
  });
});
