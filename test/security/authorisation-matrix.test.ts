import { VERBS } from '../../bot/verbs';
import { openStore } from '../../src/adapters/store/open-store';
import { builtInRegistry } from '../../src/domain/policy';
import { systemClock } from '../../src/ports/clock';
import { tabApi } from '../../src/server/http/tab-api';
import { aCase } from '../fixtures/builders';
import { cardActionInvoke } from '../support/activities';
import { buildWorld, Role, ROLES, World } from './authorisation-world';

/*
 * Who may do what, over every tab API route and every card verb, as a table: one line a route or
 * verb, one column a role, the answer expected. Each cell runs against a fresh case (see
 * authorisation-world), so no cell depends on another. A refusal (4xx) must leave every table as it
 * was, but for the audit row recording the refusal (a 403 or a 404), which must be there.
 *
 * Columns: the chair (owner of the case), its manager, a member (health visitor), a member the
 * conference excluded (school), the family (parent), someone on no case (a social worker), another
 * team's manager, and the minutes' writers (the case's manager, having edited the minutes).
 *
 * A case someone is not on is 404, never 403: they must not learn it exists. The family has no
 * Entra account, so no Teams: card actions from them are refused as from someone unknown (403
 * PERSON.UNKNOWN, before any case is read).
 * Cells answered 409 passed the role check and were refused by the record's state (minutes already
 * submitted, a meeting already held): the check that matters here is who reaches that point.
 */
type Expect = number;
type Request = { path: string; body?: unknown; query?: string };
type Row = readonly [method: string, route: string, build: (w: World) => Request, ...expected: Expect[]];

const minutesBody = (w: World) => ({ expectedVersion: w.minutesVersion, sections: { recentEvents: 'Edited in the matrix.' } });
const booking = (w: World) => ({ expectedVersion: w.meetingVersion, startsAt: '2027-01-26T10:00:00Z', endsAt: '2027-01-26T11:30:00Z', venue: 'office' });
const report = {
  content: {
    attendance: 'attending',
    whatHasChanged: 'Better.',
    workingWell: 'Group.',
    worries: 'Visitors.',
    needsToHappen: 'Police.',
    actions: [],
    safetyScale: 6,
  },
};
const newMember = { member: { person: { displayName: 'Gill Nurse', email: 'gill.nurse@nhs.example' }, agency: 'health-visiting', role: 'professional' } };

//                                                                                                                                 chair manager member excluded family nonMember otherManager writer
const ROUTES: readonly Row[] = [
  ['GET', '/me', () => ({ path: '/me' }), 200, 200, 200, 200, 200, 200, 200, 200],
  ['GET', '/profiles', () => ({ path: '/profiles' }), 200, 200, 200, 200, 200, 200, 200, 200],
  ['GET', '/me/work', () => ({ path: '/me/work' }), 200, 200, 200, 200, 200, 200, 200, 200],
  ['GET', '/team/compliance', () => ({ path: '/team/compliance' }), 200, 200, 200, 200, 200, 200, 200, 200],
  // The staff list: for administrators only (nobody here is one; the manager and chair included).
  ['GET', '/staff', () => ({ path: '/staff' }), 403, 403, 403, 403, 403, 403, 403, 403],
  ['PUT', '/staff/:email', () => ({ path: '/staff/gill.nurse%40nhs.example', body: { roles: ['team-manager'] } }), 403, 403, 403, 403, 403, 403, 403, 403],
  ['GET', '/cases/:caseId', (w) => ({ path: `/cases/${w.caseId}` }), 200, 200, 200, 200, 200, 404, 404, 200],
  ['POST', '/cases', () => ({ path: '/cases', body: aCase({ reference: 'CP-2027-0001' }) }), 201, 201, 403, 403, 403, 403, 403, 201],
  ['POST', '/meetings/:meetingId/booking', (w) => ({ path: `/meetings/${w.meetingId}/booking`, body: booking(w) }), 200, 200, 403, 403, 403, 404, 404, 200],
  ['GET', '/meetings/:meetingId/schedule', (w) => ({ path: `/meetings/${w.meetingId}/schedule` }), 409, 409, 409, 409, 409, 409, 409, 409],
  [
    'GET',
    '/meetings/:meetingId/time-check',
    (w) => ({ path: `/meetings/${w.meetingId}/time-check`, query: '?startsAt=2027-01-26T10:00:00Z&endsAt=2027-01-26T11:30:00Z' }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
  ['GET', '/meetings/:meetingId/agenda', (w) => ({ path: `/meetings/${w.meetingId}/agenda` }), 200, 200, 403, 403, 403, 404, 404, 200],
  [
    'POST',
    '/meetings/:meetingId/outlook-link',
    (w) => ({ path: `/meetings/${w.meetingId}/outlook-link`, body: { ...booking(w), eventId: 'AAMkAGI2-outlook-event' } }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
  [
    'POST',
    '/meetings/:meetingId/cancellation',
    (w) => ({ path: `/meetings/${w.meetingId}/cancellation`, body: { reason: 'Family in hospital.' } }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
  [
    'POST',
    '/cases/:caseId/series',
    (w) => ({ path: `/cases/${w.caseId}/series`, body: { bookings: [{ ...booking(w), meetingId: w.meetingId }] } }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
  ['POST', '/cases/:caseId/members', (w) => ({ path: `/cases/${w.caseId}/members`, body: newMember }), 201, 201, 403, 403, 403, 404, 404, 201],
  // Recorded by hand: a core group is not (409, past the role check); the England case has no visit to record.
  [
    'POST',
    '/cases/:caseId/obligations/:obligationId/done',
    (w) => ({ path: `/cases/${w.caseId}/obligations/core-group-1/done`, body: { on: '2027-01-05' } }),
    409,
    409,
    403,
    403,
    403,
    404,
    404,
    409,
  ],
  [
    'POST',
    '/cases/:caseId/members/:memberId/exclusion',
    (w) => ({ path: `/cases/${w.caseId}/members/${w.memberIds.parent}/exclusion`, body: { reason: 'Risk of violence to professionals.' } }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
  ['DELETE', '/cases/:caseId/members/:memberId', (w) => ({ path: `/cases/${w.caseId}/members/${w.memberIds.hv}` }), 200, 200, 403, 403, 403, 404, 404, 200],
  ['GET', '/reports/:reportId', (w) => ({ path: `/reports/${w.reportId}` }), 403, 403, 200, 403, 403, 404, 404, 403],
  ['PUT', '/reports/:reportId', (w) => ({ path: `/reports/${w.reportId}`, body: report }), 403, 403, 200, 403, 403, 404, 404, 403],
  ['POST', '/meetings/:meetingId/report-requests', (w) => ({ path: `/meetings/${w.meetingId}/report-requests` }), 200, 200, 403, 403, 403, 404, 404, 200],
  [
    'POST',
    '/meetings/:meetingId/held',
    (w) => ({ path: `/meetings/${w.heldMeetingId}/held`, body: { heldOn: '2027-01-05', attendance: [] } }),
    409,
    409,
    403,
    403,
    403,
    404,
    404,
    409,
  ],
  ['POST', '/meetings/:meetingId/minutes', (w) => ({ path: `/meetings/${w.heldMeetingId}/minutes` }), 409, 409, 409, 403, 403, 404, 404, 409],
  ['GET', '/minutes/:minutesId', (w) => ({ path: `/minutes/${w.minutesId}` }), 200, 200, 200, 403, 403, 404, 404, 200],
  ['PUT', '/minutes/:minutesId', (w) => ({ path: `/minutes/${w.minutesId}`, body: minutesBody(w) }), 409, 409, 409, 403, 403, 404, 404, 409],
  [
    'POST',
    '/minutes/:minutesId/submission',
    (w) => ({ path: `/minutes/${w.minutesId}/submission`, body: { expectedVersion: w.minutesVersion } }),
    409,
    409,
    409,
    403,
    403,
    404,
    404,
    409,
  ],
  [
    'POST',
    '/minutes/:minutesId/decision',
    (w) => ({ path: `/minutes/${w.minutesId}/decision`, body: { decision: 'approve' } }),
    403,
    200,
    403,
    403,
    403,
    404,
    404,
    403,
  ],
];

type VerbRow = readonly [verb: string, build: (w: World) => Record<string, unknown>, ...expected: Expect[]];
const update = (w: World) => ({
  reportId: w.reportId,
  attendance: 'attending',
  whatHasChanged: 'Better.',
  workingWell: 'Group.',
  worries: 'Visitors.',
  needsToHappen: 'Police.',
  safetyScale: '6',
});
//                                                                                                                 chair manager member excluded family nonMember otherManager writer
const VERB_ROWS: readonly VerbRow[] = [
  [VERBS.reportSubmit, update, 403, 403, 200, 403, 403, 404, 404, 403],
  [VERBS.reportEdit, (w) => ({ reportId: w.reportId }), 403, 403, 200, 403, 403, 404, 404, 403],
  [VERBS.reportOpen, (w) => ({ meetingId: w.meetingId }), 200, 200, 200, 200, 403, 404, 404, 200],
  [VERBS.agendaRefresh, (w) => ({ meetingId: w.meetingId }), 200, 200, 200, 403, 403, 404, 404, 200],
  [VERBS.minutesApprove, (w) => ({ minutesId: w.minutesId }), 403, 200, 403, 403, 403, 404, 404, 403],
  [VERBS.minutesReturn, (w) => ({ minutesId: w.minutesId, comments: 'Add the housing action.' }), 403, 200, 403, 403, 403, 404, 404, 403],
  [VERBS.minutesRefresh, (w) => ({ minutesId: w.minutesId }), 200, 200, 200, 403, 403, 404, 404, 200],
  [VERBS.planAgree, (w) => ({ caseId: w.caseId }), 200, 403, 200, 403, 403, 404, 404, 403],
  [VERBS.planOpen, (w) => ({ caseId: w.caseId }), 200, 200, 200, 200, 403, 404, 404, 200],
  [VERBS.planDiscuss, (w) => ({ caseId: w.caseId, comment: 'The housing action.' }), 200, 403, 200, 403, 403, 404, 404, 403],
  [VERBS.escalationForm, (w) => ({ caseId: w.caseId }), 200, 200, 200, 200, 403, 404, 404, 200],
  [VERBS.escalationRaise, (w) => ({ caseId: w.caseId, kind: 'concern-to-iro', concern: 'The plan is drifting.' }), 200, 200, 200, 200, 403, 404, 404, 200],
  [VERBS.scheduleOpen, (w) => ({ meetingId: w.meetingId }), 200, 200, 403, 403, 403, 404, 404, 200],
  // "Make X vice chair" from the nobody-to-chair card: core group 2 is not booked, so those allowed get 409.
  [
    VERBS.chairCover,
    (w) => ({ caseId: w.caseId, meetingId: w.meetingId, startsAt: '2027-01-26T10:00:00.000Z', personId: 'other-manager' }),
    409,
    409,
    403,
    403,
    403,
    404,
    404,
    409,
  ],
  [
    VERBS.schedulePick,
    (w) => ({ meetingId: w.meetingId, expectedVersion: w.meetingVersion, start: '2027-01-26T10:00:00Z', end: '2027-01-26T11:30:00Z', venue: 'office' }),
    200,
    200,
    403,
    403,
    403,
    404,
    404,
    200,
  ],
];

const PRINT = process.env.MATRIX_PRINT === '1';
const actual: string[] = [];

/** The status a cell got, and whether a refusal wrote nothing but its audit row. */
async function runCell(role: Role, send: (w: World) => Promise<{ status: number; code?: string }>) {
  const world = await buildWorld({ managerWrote: role === 'writer' });
  try {
    const before = await world.snapshot();
    const refusalsBefore = await world.refusals();
    const { status, code } = await send(world);
    const unchanged = (await world.snapshot()) === before;
    const audited = (await world.refusals()) - refusalsBefore;
    return { status, code, unchanged, audited };
  } finally {
    await world.close();
  }
}

describe('authorisation matrix', () => {
  it('has a line for every route of the tab API', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const router = tabApi(
      { store, clock: systemClock, profiles: builtInRegistry },
      { authenticate: async () => Promise.reject(new Error('unused')) },
      { devSignIn: true },
    );
    const routes = router.stack.flatMap((layer) => {
      const route = (layer as { route?: { path: string; methods: Record<string, boolean> } }).route;
      return route ? Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${route.path}`) : [];
    });
    await store.close();
    expect(ROUTES.map(([method, path]) => `${method} ${path}`).sort()).toEqual([...new Set(routes)].sort());
  });

  it('has a line for every card verb', () => {
    expect(VERB_ROWS.map(([verb]) => verb).sort()).toEqual(Object.values(VERBS).sort());
  });

  const cells = ROUTES.flatMap(([method, route, build, ...expected]) =>
    ROLES.map((role, i) => ({ name: `${method} ${route} as ${role}`, method, build, role, expected: expected[i] as number })),
  );
  it.each(cells)(
    '$name → $expected',
    async ({ method, build, role, expected }) => {
      const result = await runCell(role, async (w) => {
        const req = build(w);
        const res = await fetch(`${w.base}/api${req.path}${req.query ?? ''}`, {
          method,
          headers: { 'x-dev-user': w.people[role].id, 'content-type': 'application/json' },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        });
        const body = (await res.json()) as { error?: { code: string } };
        return { status: res.status, ...(body.error ? { code: body.error.code } : {}) };
      });
      if (PRINT) actual.push(`${method} ${role} ${result.status} ${result.code ?? ''}`);
      expect(result.status).toBe(expected);
      if (result.status >= 400) expect(result.unchanged).toBe(true);
      if (result.status === 403 || result.status === 404) expect(result.audited).toBe(1);
    },
    30_000,
  );

  const verbCells = VERB_ROWS.flatMap(([verb, build, ...expected]) =>
    ROLES.map((role, i) => ({ name: `card ${verb} as ${role}`, verb, build, role, expected: expected[i] as number })),
  );
  it.each(verbCells)(
    '$name → $expected',
    async ({ verb, build, role, expected }) => {
      const result = await runCell(role, async (w) => {
        const who = w.people[role];
        const res = await fetch(`${w.base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(
            cardActionInvoke(verb, build(w), { id: `29:${who.id}`, aadObjectId: who.entraObjectId ?? '0a000000-0000-4000-8000-0000000000ff' }),
          ),
        });
        const body = (await res.json()) as { statusCode: number; value?: { code?: string } };
        return { status: body.statusCode, ...(body.value?.code ? { code: body.value.code } : {}) };
      });
      if (PRINT) actual.push(`${verb} ${role} ${result.status} ${result.code ?? ''}`);
      expect(result.status).toBe(expected);
      if (result.status >= 400) expect(result.unchanged).toBe(true);
      // Someone the bot cannot name (no Entra account known to Core Groups) is refused before any case
      // is looked at, as a failed sign-in is: there is no one to write in the audit's "who".
      if (role === 'family') expect(result.code).toBe('PERSON.UNKNOWN');
      else if (result.status === 403 || result.status === 404) expect(result.audited).toBe(1);
    },
    30_000,
  );

  afterAll(() => {
    if (PRINT) console.log(actual.join('\n'));
  });
});
