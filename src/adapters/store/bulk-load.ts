import { Insertable, Kysely, sql } from 'kysely';
import { CoreGroupCase } from '../../domain/case/core-group-case';
import { Member, Person } from '../../domain/case/members';
import { Meeting } from '../../domain/meeting/meeting';
import { StoredObligation } from '../../ports/store';
import { bool, fromCase, fromMeeting, fromObligation } from './rows';
import { Database } from './schema';

export interface BulkData {
  readonly people: readonly Person[];
  readonly cases: readonly CoreGroupCase[];
  readonly members: readonly Member[];
  readonly meetings: readonly Meeting[];
  readonly obligations: readonly StoredObligation[];
  readonly reports: readonly { id: string; meetingId: string; memberId: string; caseId: string; requestedAt: string }[];
  readonly submittedMinutes: readonly { id: string; meetingId: string; caseId: string; authorId: string; submittedAt: string }[];
}

/**
 * Loads a large synthetic caseload in multi-row inserts (for `npm run seed` and benchmarks). It
 * writes rows directly, bypassing use cases and the audit trail: it is for made-up data only.
 */
export async function bulkLoad(db: Kysely<Database>, data: BulkData, createdAt: string): Promise<void> {
  await insertAll(db, data, createdAt);
  // Fresh statistics, or the query planner guesses from an empty table (PostgreSQL chose full scans).
  await sql`analyze`.execute(db);
}

async function insertAll(db: Kysely<Database>, data: BulkData, createdAt: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const insert = async <T extends keyof Database>(table: T, rows: readonly Insertable<Database[T]>[]) => {
      // 500 rows of up to 15 columns stays under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 500) {
        // `as never`: Kysely cannot type the values of a table chosen by a generic parameter.
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + 500) as never)
          .execute();
      }
    };
    await insert(
      'people',
      data.people.map((p) => ({ id: p.id, display_name: p.displayName, email: p.email, entra_object_id: p.entraObjectId ?? null, created_at: createdAt })),
    );
    await insert(
      'cases',
      data.cases.map((c) => fromCase(c, createdAt)),
    );
    await insert(
      'members',
      data.members.map((m) => ({
        id: m.id,
        case_id: m.caseId,
        person_id: m.personId,
        agency: m.agency,
        role: m.role,
        excluded: bool(m.excluded),
        excluded_reason: null,
        joined_on: m.joinedOn,
        left_on: null,
      })),
    );
    await insert('meetings', data.meetings.map(fromMeeting));
    await insert('obligations', data.obligations.map(fromObligation));
    await insert(
      'reports',
      data.reports.map((r) => ({
        id: r.id,
        meeting_id: r.meetingId,
        member_id: r.memberId,
        case_id: r.caseId,
        status: 'requested',
        required: 0,
        version: 0,
        content: null,
        submitted_at: null,
        submitted_by: null,
        on_behalf: 0,
        requested_at: r.requestedAt,
      })),
    );
    await insert(
      'minutes',
      data.submittedMinutes.map((m) => ({
        id: m.id,
        meeting_id: m.meetingId,
        case_id: m.caseId,
        status: 'submitted',
        author_id: m.authorId,
        sections: '{}',
        version: 2,
        submitted_at: m.submittedAt,
        decided_by: null,
        decided_at: null,
        return_comments: null,
        circulated_at: null,
      })),
    );
  });
}
