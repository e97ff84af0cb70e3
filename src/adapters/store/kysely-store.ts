import { randomUUID } from 'node:crypto';
import { Kysely, sql, Transaction } from 'kysely';
import { LocalDate } from '../../domain/calendar/local-date';
import { DomainError } from '../../domain/errors';
import { Minutes, MinutesSections } from '../../domain/minutes/minutes';
import { ReportContent } from '../../domain/report/agency-report';
import { ClaimedMessage, OutboxKind, OutboxMessage, Store, StoreTx } from '../../ports/store';
import { auditHash, chainVerifier } from './audit-chain';
import { Dialect } from './migrations';

/** The advisory lock that orders audit appends on PostgreSQL (any fixed number; this one spells "CG" + "audit"). */
const AUDIT_CHAIN_LOCK = 674_721_001;
import {
  bool,
  fromCase,
  parseOrgRoles,
  fromMeeting,
  fromObligation,
  toAction,
  toConversation,
  toObligation,
  toCase,
  toMeeting,
  toMember,
  toMinutes,
  toPerson,
  toReport,
  toTeamsUser,
} from './rows';
import { Database } from './schema';
import { teamQueries } from './work-queries';
import { graphSubscriptionStore } from './graph-subscription-store';
import { frequent, pendingOutboxRow } from './frequent-queries';
import { Bindable, HeldConnection, Prepared, PreparedResult } from './prepared-query';

const stale = (what: string) =>
  new DomainError('STORE.CONFLICT', 'conflict', `Someone else changed this ${what} while you were working on it. Reload to see their changes, then try again.`);

/** Kysely over SQLite or PostgreSQL: the same queries for both. */
/** How long a committed transaction stands for the store's health (see health()). */
const HEALTHY_FOR_MS = 1_000;

export class KyselyStore implements Store {
  constructor(
    /** Exposed for the bulk loader and for tests that check what the port cannot show. */
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
    /** A health check outside the queue for connections (open-store.ts); without one, `select 1` through it. */
    private readonly pinger?: { ping(): Promise<void>; close(): Promise<void> },
    /** SQLite: its one connection, on which a transaction's prepared queries run while it holds it. */
    private readonly held?: HeldConnection,
  ) {
    this.graphSubscriptions = graphSubscriptionStore(db);
  }

  /** When a transaction last committed (performance.now()); reset by any that failed. */
  private committedAt = -Infinity;

  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        // The connection is this transaction's until its work settles; a query after that (a
        // repository kept past its transaction) would run outside it, so it is refused, as Kysely
        // refuses a query on a transaction it has committed.
        let holding = true;
        const held = this.held;
        const onHeld: HeldConnection | undefined =
          held &&
          ((query) => {
            if (!holding) throw new Error('This transaction is over: a query after it would run outside it.');
            return held(query);
          });
        try {
          return await work(repositories(trx, this.dialect, onHeld));
        } finally {
          holding = false;
        }
      })
      .then(
        (result) => {
          this.committedAt = performance.now();
          return result;
        },
        (error: unknown) => {
          // A failure may be the database going: the next health check asks it rather than trusting the past.
          this.committedAt = -Infinity;
          throw error;
        },
      );
  }

  readonly graphSubscriptions: Store['graphSubscriptions'];

  readonly outbox: Store['outbox'] = {
    claim: (workerId, now, limit, leaseMs, kinds) => this.claim(workerId, now, limit, leaseMs, kinds),
    delivered: async (id, at, workerId) => (await frequent.outboxDelivered(this.db, this.dialect, id, at, workerId)).changed === 1,
    failed: async (id, error, retryAt, workerId) => {
      const r = await this.db
        .updateTable('outbox')
        .set({
          status: retryAt ? 'pending' : 'dead',
          last_error: error.slice(0, 2000),
          next_attempt_at: retryAt ?? sql<string>`next_attempt_at`,
          claimed_by: null,
          claimed_at: null,
        })
        .where('id', '=', id)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', workerId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    extend: async (id, workerId, now) => (await frequent.outboxExtended(this.db, this.dialect, id, workerId, now)).changed === 1,
  };

  /**
   * Several server instances share PostgreSQL: `FOR UPDATE SKIP LOCKED` lets each claim different
   * rows without waiting. SQLite has one writer at a time, so a plain transaction already serialises
   * claims. A claim older than the lease (its worker died) is taken over.
   */
  private async claim(workerId: string, now: string, limit: number, leaseMs: number, kinds?: readonly OutboxKind[]): Promise<ClaimedMessage[]> {
    const leaseExpired = new Date(Date.parse(now) - leaseMs).toISOString();
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('outbox')
        .select('id')
        // Redundant with the OR below, but it lets the index by kind and status reach only the
        // messages still to deliver, never the delivered history behind them.
        .where('status', 'in', ['pending', 'claimed'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', leaseExpired)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(limit);
      if (kinds) query = query.where('kind', 'in', [...kinds]);
      if (this.dialect === 'postgres') query = query.forUpdate().skipLocked();
      const ids = (await query.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      const rows = await trx
        .updateTable('outbox')
        .set((eb) => ({ status: 'claimed', claimed_by: workerId, claimed_at: now, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .returningAll()
        .execute();
      // In the order they fell due (RETURNING keeps no order): the worker keeps it within each lane.
      rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
      // The one place stored messages are typed again: only the outbox's own writes are in the table.
      return rows.map(
        (r) =>
          ({
            id: r.id,
            kind: r.kind as OutboxKind,
            topic: r.topic,
            payload: JSON.parse(r.payload) as Record<string, unknown>,
            idempotencyKey: r.idempotency_key,
            ...(r.case_id ? { caseId: r.case_id } : {}),
            attempts: Number(r.attempts),
            queuedAt: r.created_at,
          }) as ClaimedMessage,
      );
    });
  }

  /**
   * The database answered a transaction within the last second and none has failed since: healthy,
   * without asking. Else a ping. Under load a ping on PostgreSQL waited for a CPU behind the busy
   * backends (p99 200 ms to 1 s on the shared 2-core machine), so /healthz reported the machine's
   * load rather than whether the store answers, which the committed work already shows.
   */
  async health(): Promise<void> {
    if (performance.now() - this.committedAt < HEALTHY_FOR_MS) return;
    await this.ping();
  }

  async ping(): Promise<void> {
    if (this.pinger) await this.pinger.ping();
    else await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.pinger?.close();
  }
}

/** Rows of one multi-row insert into the outbox: 14 parameters each, well inside both databases' limits. */
const OUTBOX_ROWS_PER_INSERT = 500;

function repositories(trx: Transaction<Database>, dialect: Dialect, held?: HeldConnection): StoreTx {
  /** A prepared query in this transaction: on the connection it holds (SQLite), else through Kysely. */
  const run = async <A extends readonly Bindable[], R>(query: Prepared<A, R>, ...values: A): Promise<PreparedResult<R>> =>
    held ? held(query.bind(trx, dialect, ...values)) : query(trx, dialect, ...values);
  /** A prepared query's rows in this transaction. */
  const rowsOf = async <A extends readonly Bindable[], R>(query: Prepared<A, R>, ...values: A) => (await run(query, ...values)).rows;
  const firstOf = async <A extends readonly Bindable[], R>(query: Prepared<A, R>, ...values: A) => (await rowsOf(query, ...values))[0];
  /** Everyone whose id (or email) is one of these; nobody asked for, no query. */
  const peopleWhere = async (column: 'id' | 'email', values: readonly string[]) =>
    values.length
      ? (
          await trx
            .selectFrom('people')
            .selectAll()
            .where(column, 'in', [...values])
            .execute()
        ).map(toPerson)
      : [];
  const enqueueAll = async (messages: readonly OutboxMessage[], at: string) => {
    // One message (most use cases queue one): the insert compiled once.
    if (messages.length === 1) {
      const [m] = messages as [OutboxMessage];
      await rowsOf(frequent.enqueueOne, randomUUID(), m.kind, m.topic, JSON.stringify(m.payload), m.idempotencyKey, m.caseId ?? null, at, at);
      return;
    }
    for (let i = 0; i < messages.length; i += OUTBOX_ROWS_PER_INSERT) {
      await trx
        .insertInto('outbox')
        .values(
          messages
            .slice(i, i + OUTBOX_ROWS_PER_INSERT)
            .map((m) => pendingOutboxRow(randomUUID(), m.kind, m.topic, JSON.stringify(m.payload), m.idempotencyKey, m.caseId ?? null, at, at)),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
    }
  };
  return {
    people: {
      insert: async (p) => {
        await trx
          .insertInto('people')
          .values({ id: p.id, display_name: p.displayName, email: p.email, entra_object_id: p.entraObjectId ?? null, created_at: new Date(0).toISOString() })
          .execute();
      },
      byId: async (id) => {
        const r = await firstOf(frequent.personById, id);
        return r && toPerson(r);
      },
      byIds: (ids) => peopleWhere('id', ids),
      byEmail: async (email) => {
        const r = await trx.selectFrom('people').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
        return r && toPerson(r);
      },
      byEmails: (emails) => peopleWhere('email', [...new Set(emails.map((e) => e.toLowerCase()))]),
      byEntraObjectId: async (oid) => {
        const r = await trx.selectFrom('people').selectAll().where('entra_object_id', '=', oid).executeTakeFirst();
        return r && toPerson(r);
      },
    },
    cases: {
      insert: async (c, createdAt) => {
        await trx.insertInto('cases').values(fromCase(c, createdAt)).execute();
      },
      byId: async (id) => {
        const r = await firstOf(frequent.caseById, id);
        return r && toCase(r);
      },
      byReference: async (reference) => {
        const r = await trx.selectFrom('cases').selectAll().where('reference', '=', reference).executeTakeFirst();
        return r && toCase(r);
      },
    },
    members: {
      insert: async (m) => {
        await trx
          .insertInto('members')
          .values({
            id: m.id,
            case_id: m.caseId,
            person_id: m.personId,
            agency: m.agency,
            role: m.role,
            excluded: bool(m.excluded),
            excluded_reason: m.excludedReason ?? null,
            joined_on: m.joinedOn,
            left_on: m.leftOn ?? null,
          })
          .execute();
      },
      forCase: async (caseId) => (await rowsOf(frequent.membersOfCase, caseId)).map(toMember),
      update: async (m) => {
        await trx
          .updateTable('members')
          .set({ excluded: bool(m.excluded), excluded_reason: m.excludedReason ?? null, left_on: m.leftOn ?? null })
          .where('id', '=', m.id)
          .execute();
      },
    },
    conferences: {
      insert: async (c) => {
        await trx
          .insertInto('conferences')
          .values({ id: c.id, case_id: c.caseId, kind: c.kind, number: c.number, held_on: c.heldOn, outcome: c.outcome ?? null })
          .execute();
      },
      forCase: async (caseId) =>
        (await rowsOf(frequent.conferencesOfCase, caseId)).map((r) => ({
          id: r.id,
          caseId: r.case_id,
          kind: r.kind as 'initial' | 'review',
          number: Number(r.number),
          heldOn: r.held_on as LocalDate,
          ...(r.outcome ? { outcome: r.outcome } : {}),
        })),
    },
    meetings: {
      insert: async (m) => {
        await trx.insertInto('meetings').values(fromMeeting(m)).execute();
      },
      byId: async (id) => {
        const r = await firstOf(frequent.meetingById, id);
        return r && toMeeting(r);
      },
      forCase: async (caseId) => (await rowsOf(frequent.meetingsOfCase, caseId)).map(toMeeting),
      update: async (m) => {
        const { id: _id, version: _v, ...row } = fromMeeting(m);
        const result = await trx
          .updateTable('meetings')
          .set({ ...row, version: m.version + 1 })
          .where('id', '=', m.id)
          .where('version', '=', m.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale('meeting');
        return { ...m, version: m.version + 1 };
      },
      byCalendarEventId: async (eventId) => {
        const r = await trx.selectFrom('meetings').selectAll().where('calendar_event_id', '=', eventId).executeTakeFirst();
        return r && toMeeting(r);
      },
      bookedBetween: async (fromIso, toIso) =>
        (
          await trx
            .selectFrom('meetings as m')
            .innerJoin('cases as c', 'c.id', 'm.case_id')
            .selectAll('m')
            .where('m.status', '=', 'booked')
            .where('c.status', '=', 'open')
            .where('m.starts_at', '>=', fromIso)
            .where('m.starts_at', '<', toIso)
            .orderBy('m.starts_at')
            .execute()
        ).map(toMeeting),
      deletePlannedFrom: async (caseId, fromNumber) => {
        await trx.deleteFrom('meetings').where('case_id', '=', caseId).where('number', '>=', fromNumber).where('status', '=', 'planned').execute();
      },
    },
    obligations: {
      // A re-plan runs after every change to a case and mostly leaves its plan as it was, or moves a
      // few dates: only the rows that differ are written (deleting and re-inserting every row was a
      // tenth of a simulated year's store time).
      replaceForCase: async (caseId, obligations) => {
        const stored = new Map((await rowsOf(frequent.obligationsOfCase, caseId)).map((r) => [r.obligation_id, r] as const));
        const rows = obligations.map((o) => ({ ...fromObligation(o), case_id: caseId }));
        const wanted = new Set(rows.map((r) => r.obligation_id));
        const changed = rows.filter((r) => {
          const s = stored.get(r.obligation_id);
          return (
            !s ||
            s.kind !== r.kind ||
            s.due !== r.due ||
            (s.earliest ?? null) !== r.earliest ||
            (s.done_on ?? null) !== r.done_on ||
            s.rule !== r.rule ||
            (s.meeting_number === null || s.meeting_number === undefined ? null : Number(s.meeting_number)) !== r.meeting_number
          );
        });
        const stale = [...stored.keys()].filter((id) => !wanted.has(id) || changed.some((r) => r.obligation_id === id));
        // Chunked: SQLite allows at most 32,766 bound parameters in one statement.
        for (let i = 0; i < stale.length; i += 500)
          await trx
            .deleteFrom('obligations')
            .where('case_id', '=', caseId)
            .where('obligation_id', 'in', stale.slice(i, i + 500))
            .execute();
        for (let i = 0; i < changed.length; i += 500)
          await trx
            .insertInto('obligations')
            .values(changed.slice(i, i + 500))
            .execute();
      },
      forCase: async (caseId) => (await rowsOf(frequent.obligationsOfCase, caseId)).map(toObligation),
      forCoreGroup: async (caseId, meetingNumber) =>
        (await rowsOf(frequent.obligationsOfCoreGroup, caseId, `core-group-${meetingNumber}`, `%-core-group-${meetingNumber}`)).map(toObligation),
      openDueBetween: async (from, to) =>
        (
          await trx
            .selectFrom('obligations as o')
            .innerJoin('cases as c', 'c.id', 'o.case_id')
            .selectAll('o')
            .where('c.status', '=', 'open')
            .where('o.done_on', 'is', null)
            .where('o.due', '>=', from)
            .where('o.due', '<=', to)
            .orderBy('o.due')
            .execute()
        ).map(toObligation),
      complete: async (caseId, obligationId, doneOn) => {
        await trx
          .insertInto('completions')
          .values({ case_id: caseId, obligation_id: obligationId, done_on: doneOn })
          .onConflict((oc) => oc.columns(['case_id', 'obligation_id']).doNothing())
          .execute();
      },
      completions: async (caseId) =>
        Object.fromEntries((await rowsOf(frequent.completionsOfCase, caseId)).map((r) => [r.obligation_id, r.done_on as LocalDate])),
    },
    reports: {
      request: async (r) => {
        await trx
          .insertInto('reports')
          .values({
            id: r.id,
            meeting_id: r.meetingId,
            member_id: r.memberId,
            case_id: r.caseId,
            status: 'requested',
            required: bool(r.required),
            version: 0,
            content: null,
            submitted_at: null,
            submitted_by: null,
            on_behalf: 0,
            requested_at: r.requestedAt,
          })
          .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doNothing())
          .execute();
        const row = await trx
          .selectFrom('reports')
          .selectAll()
          .where('meeting_id', '=', r.meetingId)
          .where('member_id', '=', r.memberId)
          .executeTakeFirstOrThrow();
        return toReport(row);
      },
      byId: async (id) => {
        const r = await firstOf(frequent.reportById, id);
        return r && toReport(r);
      },
      forMeeting: async (meetingId) => (await rowsOf(frequent.reportsOfMeeting, meetingId)).map(toReport),
      // The new version numbered by the update itself and read back from it: two statements a submit.
      submit: async (reportId, content, by, onBehalf, at) => {
        const json = JSON.stringify(content);
        const row = await firstOf(frequent.submitReport, json, at, by, bool(onBehalf), reportId);
        if (!row) throw new Error(`no update ${reportId} to submit`);
        await rowsOf(frequent.reportVersion, reportId, Number(row.version), json, at, by, bool(onBehalf));
        return toReport(row);
      },
      versions: async (reportId) =>
        (await trx.selectFrom('report_versions').selectAll().where('report_id', '=', reportId).orderBy('version').execute()).map((r) => ({
          version: Number(r.version),
          content: JSON.parse(r.content) as ReportContent,
          submittedAt: r.submitted_at,
          submittedBy: r.submitted_by,
          onBehalf: r.on_behalf === 1,
        })),
    },
    attendance: {
      set: async (meetingId, memberId, status) => {
        await trx
          .insertInto('attendance')
          .values({ meeting_id: meetingId, member_id: memberId, status })
          .onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet({ status }))
          .execute();
      },
      forMeeting: async (meetingId) =>
        (await trx.selectFrom('attendance').select(['member_id', 'status']).where('meeting_id', '=', meetingId).execute()).map((r) => ({
          memberId: r.member_id,
          status: r.status,
        })),
    },
    plan: {
      insertVersion: async (v) => {
        await trx
          .insertInto('plan_versions')
          .values({ id: v.id, case_id: v.caseId, version: v.version, outcomes: JSON.stringify(v.outcomes), created_at: v.createdAt, created_by: v.createdBy })
          .execute();
      },
      latestVersion: async (caseId) => {
        const r = await firstOf(frequent.latestPlanVersion, caseId);
        return (
          r && {
            id: r.id,
            caseId: r.case_id,
            version: Number(r.version),
            outcomes: JSON.parse(r.outcomes) as string[],
            createdAt: r.created_at,
            createdBy: r.created_by,
          }
        );
      },
      insertAction: async (a) => {
        await trx
          .insertInto('plan_actions')
          .values({
            id: a.id,
            case_id: a.caseId,
            what: a.what,
            owner_member_id: a.ownerMemberId,
            agency: a.agency,
            by_when: a.byWhen,
            how_we_will_know: a.howWeWillKnow,
            status: a.status,
          })
          .execute();
      },
      actionsForCase: async (caseId) => (await rowsOf(frequent.actionsOfCase, caseId)).map(toAction),
      setActionStatus: async (actionId, status, by, at, comment, meetingId) => {
        await trx.updateTable('plan_actions').set({ status }).where('id', '=', actionId).execute();
        await trx
          .insertInto('action_status_history')
          .values({ action_id: actionId, status, at, by_person_id: by, comment: comment ?? null, meeting_id: meetingId ?? null })
          .execute();
      },
      sign: async (planVersionId, memberId, agrees, at, comment) => {
        await trx
          .insertInto('plan_signatures')
          .values({ plan_version_id: planVersionId, member_id: memberId, agrees: bool(agrees), comment: comment ?? null, signed_at: at })
          .onConflict((oc) => oc.columns(['plan_version_id', 'member_id']).doUpdateSet({ agrees: bool(agrees), comment: comment ?? null, signed_at: at }))
          .execute();
      },
      signatures: async (planVersionId) =>
        (await trx.selectFrom('plan_signatures').selectAll().where('plan_version_id', '=', planVersionId).execute()).map((r) => ({
          memberId: r.member_id,
          agrees: r.agrees === 1,
          ...(r.comment ? { comment: r.comment } : {}),
          signedAt: r.signed_at,
        })),
    },
    minutes: {
      insert: async (m) => {
        await trx
          .insertInto('minutes')
          .values({
            id: m.id,
            meeting_id: m.meetingId,
            case_id: m.caseId,
            status: m.status,
            author_id: m.authorId,
            sections: JSON.stringify(m.sections),
            version: m.version,
            submitted_at: null,
            decided_by: null,
            decided_at: null,
            return_comments: null,
            circulated_at: null,
          })
          .execute();
        await trx
          .insertInto('minutes_versions')
          .values({
            minutes_id: m.id,
            version: m.version,
            sections: JSON.stringify(m.sections),
            status: m.status,
            edited_by: m.authorId,
            edited_at: m.submittedAt ?? new Date(0).toISOString(),
          })
          .execute();
      },
      byId: async (id) => {
        const r = await firstOf(frequent.minutesById, id);
        return r && toMinutes(r);
      },
      byMeeting: async (meetingId) => {
        const r = await firstOf(frequent.minutesOfMeeting, meetingId);
        return r && toMinutes(r);
      },
      update: async (m: Minutes, by: string, at: string) => {
        const next = m.version + 1;
        const result = await trx
          .updateTable('minutes')
          .set({
            status: m.status,
            sections: JSON.stringify(m.sections),
            version: next,
            submitted_at: m.submittedAt ?? null,
            decided_by: m.decidedBy ?? null,
            decided_at: m.decidedAt ?? null,
            return_comments: m.returnComments ?? null,
            circulated_at: m.circulatedAt ?? null,
          })
          .where('id', '=', m.id)
          .where('version', '=', m.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw stale('minutes');
        await trx
          .insertInto('minutes_versions')
          .values({ minutes_id: m.id, version: next, sections: JSON.stringify(m.sections), status: m.status, edited_by: by, edited_at: at })
          .execute();
        return { ...m, version: next };
      },
      versions: async (minutesId) =>
        (await trx.selectFrom('minutes_versions').selectAll().where('minutes_id', '=', minutesId).orderBy('version').execute()).map((r) => ({
          version: Number(r.version),
          status: r.status,
          sections: JSON.parse(r.sections) as MinutesSections,
          editedBy: r.edited_by,
          editedAt: r.edited_at,
        })),
      recordCirculation: async (minutesId, personId, channel, at) => {
        await trx
          .insertInto('circulations')
          .values({ minutes_id: minutesId, person_id: personId, channel, sent_at: at })
          .onConflict((oc) => oc.columns(['minutes_id', 'person_id']).doNothing())
          .execute();
      },
      circulations: async (minutesId) =>
        (await trx.selectFrom('circulations').selectAll().where('minutes_id', '=', minutesId).orderBy('person_id').execute()).map((r) => ({
          personId: r.person_id,
          channel: r.channel,
          sentAt: r.sent_at,
        })),
    },
    escalations: {
      insert: async (e) => {
        await trx
          .insertInto('escalations')
          .values({
            id: e.id,
            case_id: e.caseId,
            kind: e.kind,
            concern: e.concern,
            raised_by: e.raisedBy,
            raised_to: e.raisedTo,
            raised_at: e.raisedAt,
            outcome: null,
            resolved_at: null,
          })
          .execute();
      },
      resolve: async (id, outcome, at) => {
        const result = await trx
          .updateTable('escalations')
          .set({ outcome, resolved_at: at })
          .where('id', '=', id)
          .where('outcome', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      },
      forCase: async (caseId) =>
        (await trx.selectFrom('escalations').selectAll().where('case_id', '=', caseId).orderBy('raised_at').execute()).map((r) => ({
          id: r.id,
          caseId: r.case_id,
          kind: r.kind,
          concern: r.concern,
          raisedBy: r.raised_by,
          raisedTo: r.raised_to,
          raisedAt: r.raised_at,
          ...(r.outcome ? { outcome: r.outcome } : {}),
          ...(r.resolved_at ? { resolvedAt: r.resolved_at } : {}),
        })),
    },
    conversations: {
      save: async (c) => {
        const row = {
          key: c.key,
          person_id: c.personId ?? null,
          conversation_id: c.conversationId,
          scope: c.scope,
          tenant_id: c.tenantId ?? null,
          reference: JSON.stringify(c.reference),
          updated_at: c.updatedAt,
        };
        const { key: _key, ...update } = row;
        // A refresh keeps the chat's link to its case: only linkCase changes that.
        await trx
          .insertInto('conversations')
          .values({ ...row, case_id: c.caseId ?? null })
          .onConflict((oc) => oc.column('key').doUpdateSet(update))
          .execute();
      },
      personalFor: async (personId) => {
        const r = await firstOf(frequent.personalChatOf, personId);
        return r && toConversation(r);
      },
      byConversationId: async (conversationId) => {
        const r = await firstOf(frequent.chatById, conversationId);
        return r && toConversation(r);
      },
      latestInTenant: async (tenantId) => {
        let q = trx.selectFrom('conversations').selectAll().orderBy('updated_at', 'desc');
        if (tenantId) q = q.where('tenant_id', '=', tenantId);
        const r = await q.executeTakeFirst();
        return r && toConversation(r);
      },
      chatForCase: async (caseId) => {
        const r = await trx.selectFrom('conversations').selectAll().where('case_id', '=', caseId).orderBy('updated_at', 'desc').executeTakeFirst();
        return r && toConversation(r);
      },
      linkCase: async (conversationId, caseId) => {
        await trx
          .updateTable('conversations')
          .set({ case_id: caseId ?? null })
          .where('conversation_id', '=', conversationId)
          .execute();
      },
      remove: async (conversationId) => {
        await trx.deleteFrom('conversations').where('conversation_id', '=', conversationId).execute();
      },
    },
    sentCards: {
      byKey: async (key) => {
        const r = await firstOf(frequent.sentCardByKey, key);
        return r && { key: r.key, conversationId: r.conversation_id, activityId: r.activity_id, sentAt: r.sent_at };
      },
      record: async (c) => {
        await rowsOf(frequent.recordSentCard, c.key, c.conversationId, c.activityId, c.sentAt);
      },
      // On PostgreSQL a second insert of the key waits for the first to commit, then inserts nothing.
      claim: async (c) => (await run(frequent.recordSentCard, c.key, c.conversationId, c.activityId, c.sentAt)).changed === 1,
    },
    staff: {
      rolesFor: async (emails) => {
        const lower = [...new Set(emails.map((e) => e.toLowerCase()))];
        const rows = lower.length ? await trx.selectFrom('staff').selectAll().where('email', 'in', lower).execute() : [];
        return new Map(lower.map((e) => [e, parseOrgRoles(rows.find((r) => r.email === e)?.roles)]));
      },
      set: async (email, roles, by, at) => {
        const key = email.toLowerCase();
        if (!roles.length) {
          await trx.deleteFrom('staff').where('email', '=', key).execute();
          return;
        }
        const row = { email: key, roles: JSON.stringify([...new Set(roles)].sort()), updated_by: by, updated_at: at };
        const { email: _e, ...update } = row;
        await trx
          .insertInto('staff')
          .values(row)
          .onConflict((oc) => oc.column('email').doUpdateSet(update))
          .execute();
      },
      list: async () =>
        (await trx.selectFrom('staff').selectAll().orderBy('email').execute()).map((r) => ({
          email: r.email,
          roles: parseOrgRoles(r.roles),
          updatedBy: r.updated_by,
          updatedAt: r.updated_at,
        })),
    },
    teamsUsers: {
      save: async (u) => {
        const row = { person_id: u.personId, teams_user_id: u.teamsUserId, service_url: u.serviceUrl, tenant_id: u.tenantId ?? null, updated_at: u.updatedAt };
        const { person_id: _id, ...update } = row;
        await trx
          .insertInto('teams_users')
          .values(row)
          .onConflict((oc) => oc.column('person_id').doUpdateSet(update))
          .execute();
      },
      byPerson: async (personId) => {
        const r = await firstOf(frequent.teamsUserOf, personId);
        return r && toTeamsUser(r);
      },
      byPeople: async (personIds) =>
        personIds.length > 0
          ? (
              await trx
                .selectFrom('teams_users')
                .selectAll()
                .where('person_id', 'in', [...personIds])
                .execute()
            ).map(toTeamsUser)
          : [],
    },
    audit: {
      append: async (e) => {
        // One link at a time: on PostgreSQL a transaction-scoped lock orders appenders, so two
        // never chain to the same row (SQLite has one writer already).
        if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
        const last = await firstOf(frequent.lastAuditHash);
        const prev = last?.hash ?? '';
        const row = {
          at: e.at,
          actor_id: e.actorId,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          case_id: e.caseId ?? null,
          before: e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === undefined ? null : JSON.stringify(e.after),
          allowed: e.allowed === false ? 0 : 1,
        };
        await rowsOf(
          frequent.appendAudit,
          row.at,
          row.actor_id,
          row.action,
          row.entity,
          row.entity_id,
          row.case_id,
          row.before,
          row.after,
          row.allowed,
          prev,
          auditHash(prev, row),
        );
      },
      verify: async () => {
        const check = chainVerifier();
        for (let after = -1; ;) {
          const page = await trx
            .selectFrom('audit')
            .select(['seq', 'at', 'actor_id', 'action', 'entity', 'entity_id', 'case_id', 'before', 'after', 'allowed', 'prev_hash', 'hash'])
            .where('seq', '>', after)
            .orderBy('seq')
            .limit(10_000)
            .execute();
          if (!check.feed(page) || page.length < 10_000) return check.result();
          after = Number(page[page.length - 1]!.seq);
        }
      },
      forCase: async (caseId) =>
        (await trx.selectFrom('audit').selectAll().where('case_id', '=', caseId).orderBy('seq').execute()).map((r) => ({
          seq: Number(r.seq),
          at: r.at,
          actorId: r.actor_id,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          ...(r.case_id ? { caseId: r.case_id } : {}),
          ...(r.before ? { before: JSON.parse(r.before) as unknown } : {}),
          ...(r.after ? { after: JSON.parse(r.after) as unknown } : {}),
          ...(Number(r.allowed) === 0 ? { allowed: false } : {}),
        })),
    },
    outbox: {
      enqueue: (message, at) => enqueueAll([message], at),
      enqueueAll: (messages, at) => enqueueAll(messages, at),
      forCase: async (caseId) =>
        (await trx.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('topic').execute()).map(
          (r) =>
            ({
              kind: r.kind as OutboxKind,
              topic: r.topic,
              payload: JSON.parse(r.payload) as Record<string, unknown>,
              idempotencyKey: r.idempotency_key,
              caseId: r.case_id ?? undefined,
              status: r.status,
            }) as OutboxMessage & { status: string },
        ),
    },
    queries: teamQueries(trx, dialect),
  };
}
