import http from 'node:http';
import { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { CoreGroupsBot } from '../../bot/core-groups-bot';
import { createAdapter } from '../../bot/host/create-adapter';
import { messagesEndpoint } from '../../bot/host/messages-endpoint';
import { KyselyStore } from '../../src/adapters/store/kysely-store';
import { EmbeddedCalendar } from '../../src/adapters/local/embedded-calendar';
import { openStore } from '../../src/adapters/store/open-store';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../src/app/meetings';
import { excludeMember } from '../../src/app/members';
import { draftMinutes, editMinutes, submitMinutes } from '../../src/app/minutes';
import { requestReports } from '../../src/app/reports';
import { recordPlan } from '../../src/app/plan';
import { setStaffRoles, SYSTEM_ACTOR } from '../../src/app/staff';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { devSignInAuthenticator } from '../../src/server/auth/dev-sign-in';
import { createHttpApp } from '../../src/server/http/create-app';
import { aCase, actor, PEOPLE } from '../fixtures/builders';
import { listStaff } from '../fixtures/staff';

/** Who acts in the authorisation matrix: one column each. */
export const ROLES = ['chair', 'manager', 'member', 'excluded', 'family', 'nonMember', 'otherManager', 'writer'] as const;
export type Role = (typeof ROLES)[number];

export interface World {
  readonly base: string;
  readonly caseId: string;
  /** Core group 1: held, its minutes submitted to the manager. */
  readonly heldMeetingId: string;
  /** Core group 2: planned, updates requested. */
  readonly meetingId: string;
  readonly meetingVersion: number;
  readonly minutesId: string;
  readonly minutesVersion: number;
  /** The health visitor's update for core group 2. */
  readonly reportId: string;
  readonly memberIds: { readonly hv: string; readonly school: string; readonly parent: string };
  /** The person id and Entra object id acting as each role. */
  readonly people: Record<Role, { id: string; entraObjectId?: string }>;
  /** Every table's rows but the refusals in the audit: what a refused request must leave as it was. */
  snapshot(): Promise<string>;
  /** Audit rows recording a refusal. */
  refusals(): Promise<number>;
  close(): Promise<void>;
}

/**
 * One case as the matrix needs it, fresh for each line so that nothing one request did changes the
 * next: Sam chairs, Maria manages, Priya (health visitor) is a member, Tom (school) was excluded by
 * the conference, Alex is the parent, a stranger and another team's manager are not on it. Core
 * group 1 was held and its minutes, written by Sam (and, with `managerWrote`, edited by Maria),
 * are with Maria to approve; core group 2 is planned, with updates requested.
 */
export async function buildWorld(options: { managerWrote?: boolean } = {}): Promise<World> {
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const clock = fixedClock('2027-01-04T09:00:00.000Z');
  const ctx: AppContext = { store, clock, profiles: builtInRegistry };
  await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
  await store.transaction((tx) =>
    tx.people.insert({ id: 'stranger', displayName: 'Other Worker', email: 'other@anytown.gov.uk', entraObjectId: '0a000000-0000-4000-8000-0000000000f1' }),
  );
  await store.transaction((tx) =>
    tx.people.insert({
      id: 'other-manager',
      displayName: 'Dana Other',
      email: 'dana.other@anytown.gov.uk',
      entraObjectId: '0a000000-0000-4000-8000-0000000000f2',
    }),
  );
  await listStaff(ctx);
  await setStaffRoles(ctx, SYSTEM_ACTOR, { email: 'dana.other@anytown.gov.uk', roles: ['team-manager'] });
  const caseId = (await createCase(ctx, actor('sam'), aCase())).id;
  const { members, meetings } = await store.transaction(async (tx) => ({
    members: await tx.members.forCase(caseId),
    meetings: (await tx.meetings.forCase(caseId)).sort((a, b) => a.number - b.number),
  }));
  const person = async (email: string) => (await store.transaction((tx) => tx.people.byEmail(email)))!;
  const [maria, hv, school, parent] = await Promise.all([
    person(PEOPLE.maria.email),
    person(PEOPLE.hv.email),
    person(PEOPLE.school.email),
    person(PEOPLE.parent.email),
  ]);
  const memberOf = (personId: string) => members.find((m) => m.personId === personId)!.id;
  const [first, second] = meetings as [(typeof meetings)[0], (typeof meetings)[0]];
  const booked = await bookMeeting(ctx, actor('sam'), {
    meetingId: first.id,
    expectedVersion: first.version,
    startsAt: '2027-01-05T10:00:00Z',
    endsAt: '2027-01-05T11:30:00Z',
    venue: 'office',
  });
  clock.set('2027-01-06T09:00:00.000Z');
  await recordMeetingHeld(ctx, actor('sam'), {
    meetingId: first.id,
    heldOn: '2027-01-05',
    attendance: members.map((m) => ({ memberId: m.id, status: 'attended' as const })),
  });
  const draft = await draftMinutes(ctx, actor('sam'), { meetingId: booked.meeting.id });
  let minutes = await editMinutes(ctx, actor('sam'), {
    minutesId: draft.id,
    expectedVersion: draft.version,
    sections: {
      recentEvents: 'No new incidents.',
      agencyUpdates: 'Given verbally.',
      childsVoice: 'Likes school.',
      childsVoiceHowGathered: 'Direct work.',
      parentsViews: 'Agrees.',
      parentsViewsHowGathered: 'At the meeting.',
      planReview: 'On track.',
      nextMeeting: 'As planned',
    },
  });
  if (options.managerWrote)
    minutes = await editMinutes(ctx, actor(maria.id), {
      minutesId: draft.id,
      expectedVersion: minutes.version,
      sections: { planReview: 'On track; housing action added by the manager.' },
    });
  minutes = await submitMinutes(ctx, actor('sam'), { minutesId: draft.id, expectedVersion: minutes.version });
  await recordPlan(ctx, actor('sam'), { caseId, outcomes: ['Ada is safe at home and goes to school every day.'] });
  const reports = await requestReports(ctx, actor('sam'), { meetingId: second.id });
  await excludeMember(ctx, actor('sam'), { caseId, memberId: memberOf(school.id), reason: 'Under investigation; the conference excluded him.' });
  const secondNow = (await store.transaction((tx) => tx.meetings.byId(second.id)))!;

  const log = (_message: string, error?: unknown) => {
    throw error instanceof Error ? error : new Error(String(error));
  };
  const links = { caseUrl: (id: string) => `https://tab.example/#/cases/${id}`, minutesUrl: (id: string) => `https://tab.example/#/minutes/${id}` };
  const adapter = createAdapter({}, async (_context, error) => log('bot turn failed', error));
  // A calendar for the bot's schedule card (schedule.open), as the server gives it.
  const scheduling = {
    calendar: new EmbeddedCalendar({
      db: (store as KyselyStore).db,
      clock: ctx.clock,
      mailer: { send: async () => undefined },
      mailFrom: 'x@y.z',
      feedSecret: 's',
    }),
    durationMinutes: 90,
    workingHours: { start: '09:30', end: '16:30' },
  };
  const app = createHttpApp({
    ctx,
    authenticator: devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id)))),
    devSignIn: true,
    botEndpoint: messagesEndpoint(adapter, new CoreGroupsBot({ ctx, links, log, scheduling }), log),
    limits: { perPersonPerMinute: 1_000_000, perPersonInFlight: 1_000, signInFailuresPerMinute: 1_000_000 },
    log,
    notice: () => undefined,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const db = (store as KyselyStore).db;
  const who = (p: { id: string; entraObjectId?: string }) => ({ id: p.id, ...(p.entraObjectId ? { entraObjectId: p.entraObjectId } : {}) });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caseId,
    heldMeetingId: first.id,
    meetingId: second.id,
    meetingVersion: secondNow.version,
    minutesId: draft.id,
    minutesVersion: minutes.version,
    reportId: reports.find((r) => r.memberId === memberOf(hv.id))!.id,
    memberIds: { hv: memberOf(hv.id), school: memberOf(school.id), parent: memberOf(parent.id) },
    people: {
      chair: { id: 'sam', entraObjectId: PEOPLE.sam.entraObjectId },
      manager: who(maria),
      member: who(hv),
      excluded: who(school),
      family: who(parent),
      nonMember: { id: 'stranger', entraObjectId: '0a000000-0000-4000-8000-0000000000f1' },
      otherManager: { id: 'other-manager', entraObjectId: '0a000000-0000-4000-8000-0000000000f2' },
      writer: who(maria),
    },
    async snapshot() {
      const tables = (
        await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
      ).rows.map((r) => r.name);
      const parts: string[] = [];
      // Where each person can be reached in Teams is noted from every activity the bot receives,
      // refused or not: bookkeeping of the channel, not the case.
      for (const t of tables.filter((name) => name !== 'conversations' && name !== 'teams_users')) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)} ${t === 'audit' ? sql`where allowed = 1` : sql``}`.execute(db)).rows;
        parts.push(`${t}:${JSON.stringify(rows)}`);
      }
      return parts.join('\n');
    },
    async refusals() {
      return Number((await sql<{ n: number }>`select count(*) as n from audit where allowed = 0`.execute(db)).rows[0]?.n ?? 0);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
