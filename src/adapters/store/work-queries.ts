import { ExpressionBuilder, sql, Transaction } from 'kysely';
import { LocalDate } from '../../domain/calendar/local-date';
import { MeetingStatus } from '../../domain/meeting/meeting';
import { CaseSummaryRow, StoreTx } from '../../ports/store';
import { Dialect } from './migrations';
import { Database } from './schema';

/**
 * The read models behind "my work" and a manager's compliance view. Each case's next obligation
 * comes from the stored plan through the (case_id, done_on, due) index, so the cost grows with the
 * person's caseload, not with the 50,000 cases in the database.
 */
export function teamQueries(trx: Transaction<Database>, _dialect: Dialect): StoreTx['queries'] {
  const summary = (today: LocalDate) =>
    trx
      .selectFrom('cases as c')
      .select((eb) => [
        'c.id as caseId',
        'c.reference',
        'c.child_initials as childInitials',
        'c.profile_id as profileId',
        'c.profile_version as profileVersion',
        'c.social_worker_id as socialWorkerId',
        nextOpen(eb, 'obligation_id').as('nextObligationId'),
        nextOpen(eb, 'kind').as('nextKind'),
        nextOpen(eb, 'due').as('nextDue'),
        eb
          .selectFrom('obligations as o')
          .select((o) => o.fn.countAll<number>().as('n'))
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.done_on', 'is', null)
          .where('o.due', '<', today)
          .as('overdue'),
      ])
      .where('c.status', '=', 'open');

  const toRow = (r: { caseId: string; reference: string; childInitials: string; profileId: string; profileVersion: string; socialWorkerId: string; nextObligationId: string | null; nextKind: string | null; nextDue: string | null; overdue: number | string | null }): CaseSummaryRow => ({
    caseId: r.caseId,
    reference: r.reference,
    childInitials: r.childInitials,
    profileId: r.profileId,
    profileVersion: r.profileVersion,
    socialWorkerId: r.socialWorkerId,
    ...(r.nextObligationId ? { nextObligationId: r.nextObligationId, nextKind: r.nextKind as CaseSummaryRow['nextKind'], nextDue: r.nextDue as LocalDate } : {}),
    overdue: Number(r.overdue ?? 0),
  });

  return {
    myCases: async (personId, today) =>
      (
        await summary(today)
          .where('c.id', 'in', (eb) => eb.selectFrom('members').select('case_id').where('person_id', '=', personId).where('left_on', 'is', null))
          .orderBy('nextDue')
          .orderBy('c.reference')
          .execute()
      ).map(toRow),
    teamCases: async (managerId, today) => (await summary(today).where('c.manager_id', '=', managerId).orderBy('nextDue').orderBy('c.reference').execute()).map(toRow),
    reportsOwed: async (personId) =>
      (
        await trx
          .selectFrom('reports as r')
          .innerJoin('members as m', 'm.id', 'r.member_id')
          .innerJoin('meetings as mt', 'mt.id', 'r.meeting_id')
          .innerJoin('cases as c', 'c.id', 'r.case_id')
          .select(['r.id as reportId', 'c.id as caseId', 'c.reference', 'mt.id as meetingId', 'mt.number as meetingNumber', 'mt.starts_at as startsAt', 'mt.due as due', 'r.required'])
          .where('m.person_id', '=', personId)
          .where('r.status', '=', 'requested')
          .where('mt.status', 'in', ['planned', 'booked'])
          .where('c.status', '=', 'open')
          .orderBy('mt.due')
          .execute()
      ).map((r) => ({
        reportId: r.reportId,
        caseId: r.caseId,
        reference: r.reference,
        meetingId: r.meetingId,
        meetingNumber: Number(r.meetingNumber),
        ...(r.startsAt ? { meetingStartsAt: r.startsAt } : {}),
        meetingDue: r.due as LocalDate,
        required: r.required === 1,
      })),
    coreGroupsOf: async (caseIds) => {
      if (!caseIds.length) return [];
      const rows = await trx
        .selectFrom('meetings')
        .select(['case_id', 'number', 'status', 'due', 'starts_at', 'held_on', 'late_reason'])
        .where('case_id', 'in', [...caseIds])
        .where('status', '!=', 'cancelled')
        .orderBy('case_id')
        .orderBy('number')
        .execute();
      return rows.map((r) => ({
        caseId: r.case_id,
        number: Number(r.number),
        status: r.status as MeetingStatus,
        due: r.due as LocalDate,
        ...(r.starts_at ? { startsAt: r.starts_at } : {}),
        ...(r.held_on ? { heldOn: r.held_on as LocalDate } : {}),
        ...(r.late_reason ? { lateReason: r.late_reason } : {}),
      }));
    },
    approvalsWaiting: async (managerId) =>
      (
        await trx
          .selectFrom('minutes as mi')
          .innerJoin('cases as c', 'c.id', 'mi.case_id')
          .innerJoin('meetings as mt', 'mt.id', 'mi.meeting_id')
          .select(['mi.id as minutesId', 'c.id as caseId', 'c.reference', 'mt.number as meetingNumber', 'mi.submitted_at as submittedAt', 'mi.author_id as authorId'])
          .where('c.manager_id', '=', managerId)
          .where('mi.status', '=', 'submitted')
          .orderBy('mi.submitted_at')
          .execute()
      ).map((r) => ({ minutesId: r.minutesId, caseId: r.caseId, reference: r.reference, meetingNumber: Number(r.meetingNumber), submittedAt: r.submittedAt ?? '', authorId: r.authorId })),
  };
}

type Column = 'obligation_id' | 'kind' | 'due';

function nextOpen(eb: ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>, column: Column) {
  return eb
    .selectFrom('obligations as o')
    .select(sql.ref<string>(`o.${column}`).as('v'))
    .whereRef('o.case_id', '=', 'c.id')
    .where('o.done_on', 'is', null)
    .orderBy('o.due')
    .orderBy('o.obligation_id')
    .limit(1);
}
