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
export function teamQueries(trx: Transaction<Database>, dialect: Dialect): StoreTx['queries'] {
  /** Minutes with their case and core group, and what every list of them shows: which minutes, of which case's core group. */
  const minutesOfCases = () =>
    trx
      .selectFrom('minutes as mi')
      .innerJoin('cases as c', 'c.id', 'mi.case_id')
      .innerJoin('meetings as mt', 'mt.id', 'mi.meeting_id')
      .select(['mi.id as minutesId', 'c.id as caseId', 'c.reference', 'mt.number as meetingNumber']);
  const minutesOfCase = (r: { minutesId: string; caseId: string; reference: string; meetingNumber: number | string | bigint }) => ({
    minutesId: r.minutesId,
    caseId: r.caseId,
    reference: r.reference,
    meetingNumber: Number(r.meetingNumber),
  });
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
        // One walk of the (case_id, done_on, due) index for all three columns, not three.
        nextOpen(eb).as('nextOpen'),
        eb
          .selectFrom('obligations as o')
          .select((o) => o.fn.countAll<number>().as('n'))
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.done_on', 'is', null)
          .where('o.due', '<', today)
          .as('overdue'),
      ])
      .where('c.status', '=', 'open');

  const toRow = (r: {
    caseId: string;
    reference: string;
    childInitials: string;
    profileId: string;
    profileVersion: string;
    socialWorkerId: string;
    nextOpen: string | null;
    overdue: number | string | null;
  }): CaseSummaryRow => {
    const [nextDue, nextKind, nextObligationId] = r.nextOpen ? r.nextOpen.split('|') : [];
    return {
      caseId: r.caseId,
      reference: r.reference,
      childInitials: r.childInitials,
      profileId: r.profileId,
      profileVersion: r.profileVersion,
      socialWorkerId: r.socialWorkerId,
      ...(nextObligationId ? { nextObligationId, nextKind: nextKind as CaseSummaryRow['nextKind'], nextDue: nextDue as LocalDate } : {}),
      overdue: Number(r.overdue ?? 0),
    };
  };

  // By next due date, then reference, as each database orders: no next deadline first on SQLite, last on PostgreSQL.
  const noneFirst = dialect === 'sqlite' ? -1 : 1;
  const byDueThenReference = (a: CaseSummaryRow, b: CaseSummaryRow): number =>
    (a.nextDue === b.nextDue ? 0 : a.nextDue === undefined ? noneFirst : b.nextDue === undefined ? -noneFirst : a.nextDue < b.nextDue ? -1 : 1) ||
    (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

  return {
    myCases: async (personId, today) =>
      (
        await summary(today)
          .where('c.id', 'in', (eb) => eb.selectFrom('members').select('case_id').where('person_id', '=', personId).where('left_on', 'is', null))
          .execute()
      )
        .map(toRow)
        .sort(byDueThenReference),
    teamCases: async (managerId, today) => (await summary(today).where('c.manager_id', '=', managerId).execute()).map(toRow).sort(byDueThenReference),
    reportsOwed: async (personId) =>
      (
        await trx
          .selectFrom('reports as r')
          .innerJoin('members as m', 'm.id', 'r.member_id')
          .innerJoin('meetings as mt', 'mt.id', 'r.meeting_id')
          .innerJoin('cases as c', 'c.id', 'r.case_id')
          .select([
            'r.id as reportId',
            'c.id as caseId',
            'c.reference',
            'mt.id as meetingId',
            'mt.number as meetingNumber',
            'mt.starts_at as startsAt',
            'mt.due as due',
            'r.required',
          ])
          .where('m.person_id', '=', personId)
          .where('r.status', '=', 'requested')
          .where('mt.status', 'in', ['planned', 'booked'])
          .where('c.status', '=', 'open')
          // An update is owed by the time its meeting starts: soonest meeting first, and a core group
          // not booked yet by its deadline (a day sorts before any time on it: unbooked, it may be sooner).
          .orderBy(sql`coalesce(mt.starts_at, mt.due)`)
          .orderBy('r.id')
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
      // Only what lateness reads: the meetings still to hold, and the last one held. A manager's 300
      // cases have about 2,600 core groups, most held long ago; reading them all was most of the cost.
      const rows = await trx
        .selectFrom('meetings as m')
        .select(['m.case_id', 'm.number', 'm.status', 'm.due', 'm.starts_at', 'm.held_on', 'm.late_reason'])
        .where('m.case_id', 'in', [...caseIds])
        .where((eb) =>
          eb.or([
            eb('m.status', 'in', ['planned', 'booked']),
            eb.and([
              eb('m.status', '=', 'held'),
              eb(
                'm.number',
                '=',
                eb
                  .selectFrom('meetings as h')
                  .select((h) => h.fn.max('h.number').as('n'))
                  .whereRef('h.case_id', '=', 'm.case_id')
                  .where('h.status', '=', 'held'),
              ),
            ]),
          ]),
        )
        .orderBy('m.case_id')
        .orderBy('m.number')
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
    minutesReturned: async (personId) =>
      (
        await minutesOfCases()
          .select(['mi.decided_at as returnedAt', 'mi.return_comments as comments'])
          .where('mi.status', '=', 'returned')
          .where((w) => w.or([w('mi.author_id', '=', personId), w('c.social_worker_id', '=', personId)]))
          .orderBy('mi.decided_at')
          .orderBy('mi.id')
          .execute()
      ).map((r) => ({
        ...minutesOfCase(r),
        returnedAt: r.returnedAt ?? '',
        returnComments: r.comments ?? '',
      })),
    approvalsWaiting: async (managerId) =>
      (
        await minutesOfCases()
          .select(['mi.submitted_at as submittedAt', 'mi.author_id as authorId'])
          .where('c.manager_id', '=', managerId)
          .where('mi.status', '=', 'submitted')
          .orderBy('mi.submitted_at')
          .execute()
      ).map((r) => ({
        ...minutesOfCase(r),
        submittedAt: r.submittedAt ?? '',
        authorId: r.authorId,
      })),
  };
}

/**
 * The next open obligation as "due|kind|obligation_id" (ids and kinds never hold a "|"): due first,
 * so ordering by it orders by the due date, as ordering by the due column did.
 */
function nextOpen(eb: ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>) {
  return eb
    .selectFrom('obligations as o')
    .select(sql<string>`o.due || '|' || o.kind || '|' || o.obligation_id`.as('v'))
    .whereRef('o.case_id', '=', 'c.id')
    .where('o.done_on', 'is', null)
    .orderBy('o.due')
    .orderBy('o.obligation_id')
    .limit(1);
}
