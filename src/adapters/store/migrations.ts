import { Kysely, Migration, MigrationProvider, sql } from 'kysely';
import { auditHash, AuditRowForHash } from './audit-chain';

export type Dialect = 'sqlite' | 'postgres';

/**
 * One migration set for both databases. Only the audit sequence differs by dialect; everything else
 * uses portable types (see schema.ts). Migrations are append-only: never edit one that has shipped.
 */
function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('entra_object_id', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('child_name', 'text', (c) => c.notNull())
        .addColumn('child_initials', 'text', (c) => c.notNull())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('profile_version', 'text', (c) => c.notNull())
        .addColumn('icpc_date', 'text', (c) => c.notNull())
        .addColumn('pre_birth', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('social_worker_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('manager_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('social_worker_in_aye', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('cases_social_worker').on('cases').columns(['social_worker_id', 'status']).execute();
      await db.schema.createIndex('cases_manager').on('cases').columns(['manager_id', 'status']).execute();

      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('excluded_reason', 'text')
        .addColumn('joined_on', 'text', (c) => c.notNull())
        .addColumn('left_on', 'text')
        .addUniqueConstraint('members_case_person_role', ['case_id', 'person_id', 'role'])
        .execute();
      await db.schema.createIndex('members_person').on('members').columns(['person_id', 'case_id']).execute();
      await db.schema.createIndex('members_case').on('members').column('case_id').execute();

      await db.schema
        .createTable('conferences')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addUniqueConstraint('conferences_case_number', ['case_id', 'kind', 'number'])
        .execute();

      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('earliest', 'text')
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('final_before_review', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text')
        .addColumn('ends_at', 'text')
        .addColumn('venue', 'text')
        .addColumn('calendar_event_id', 'text')
        .addColumn('held_on', 'text')
        .addColumn('cancel_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Not unique: a cancelled core group keeps its number, and its replacement takes the same one.
      await db.schema.createIndex('meetings_case_number').on('meetings').columns(['case_id', 'number']).execute();
      await db.schema.createIndex('meetings_starts_at').on('meetings').columns(['status', 'starts_at']).execute();

      await db.schema
        .createTable('obligations')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('obligation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due', 'text', (c) => c.notNull())
        .addColumn('earliest', 'text')
        .addColumn('done_on', 'text')
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('meeting_number', 'integer')
        .addPrimaryKeyConstraint('obligations_pk', ['case_id', 'obligation_id'])
        .execute();
      // "What is next on this case": the first obligation not done, by due date.
      await db.schema.createIndex('obligations_open_by_due').on('obligations').columns(['case_id', 'done_on', 'due']).execute();

      await db.schema
        .createTable('completions')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('obligation_id', 'text', (c) => c.notNull())
        .addColumn('done_on', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('completions_pk', ['case_id', 'obligation_id'])
        .execute();

      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('content', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('submitted_by', 'text', (c) => c.references('people.id'))
        .addColumn('on_behalf', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('reports_meeting_member', ['meeting_id', 'member_id'])
        .execute();
      await db.schema.createIndex('reports_member_status').on('reports').columns(['member_id', 'status']).execute();

      await db.schema
        .createTable('report_versions')
        .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('on_behalf', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('report_versions_pk', ['report_id', 'version'])
        .execute();

      await db.schema
        .createTable('attendance')
        .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'member_id'])
        .execute();

      await db.schema
        .createTable('plan_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('outcomes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
        .addUniqueConstraint('plan_versions_case_version', ['case_id', 'version'])
        .execute();

      await db.schema
        .createTable('plan_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('owner_member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('agency', 'text', (c) => c.notNull())
        .addColumn('by_when', 'text', (c) => c.notNull())
        .addColumn('how_we_will_know', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('plan_actions_case').on('plan_actions').column('case_id').execute();

      await db.schema
        .createTable('action_status_history')
        .addColumn('action_id', 'text', (c) => c.notNull().references('plan_actions.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('by_person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('comment', 'text')
        .addColumn('meeting_id', 'text')
        .execute();

      await db.schema
        .createTable('plan_signatures')
        .addColumn('plan_version_id', 'text', (c) => c.notNull().references('plan_versions.id'))
        .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
        .addColumn('agrees', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_signatures_pk', ['plan_version_id', 'member_id'])
        .execute();

      await db.schema
        .createTable('minutes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull().unique().references('meetings.id'))
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('submitted_at', 'text')
        .addColumn('decided_by', 'text', (c) => c.references('people.id'))
        .addColumn('decided_at', 'text')
        .addColumn('return_comments', 'text')
        .addColumn('circulated_at', 'text')
        .execute();
      await db.schema.createIndex('minutes_case_status').on('minutes').columns(['case_id', 'status']).execute();

      await db.schema
        .createTable('minutes_versions')
        .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('edited_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('edited_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('minutes_versions_pk', ['minutes_id', 'version'])
        .execute();

      await db.schema
        .createTable('circulations')
        .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('circulations_pk', ['minutes_id', 'person_id'])
        .execute();

      await db.schema
        .createTable('escalations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('concern', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('raised_to', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('resolved_at', 'text')
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
      await db.schema.createIndex('audit_case').on('audit').columns(['case_id', 'seq']).execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('case_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

      // The audit trail is append-only: the database itself refuses changes to past rows.
      if (dialect === 'postgres') {
        await sql`create function audit_is_append_only() returns trigger language plpgsql as $$ begin raise exception 'the audit trail is append-only'; end $$`.execute(
          db,
        );
        await sql`create trigger audit_no_update before update or delete on audit for each row execute function audit_is_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_no_update before update on audit begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
        await sql`create trigger audit_no_delete before delete on audit begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
      }
    },
  };
}

/** Where the bot can reach people and chats: conversation references captured from Teams. */
const conversations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('conversations')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.references('people.id'))
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('conversations_person').on('conversations').columns(['person_id', 'scope']).execute();
    await db.schema.createIndex('conversations_conversation').on('conversations').column('conversation_id').execute();
    // The app itself, as the author of what the outbox worker records (deliveries, circulations).
    await sql`insert into people (id, display_name, email, entra_object_id, created_at) values ('system', 'Core Groups', 'system@core-groups.invalid', null, '2026-11-24T00:00:00.000Z')`.execute(
      db,
    );
  },
};

/** The daily reminder scan looks for open obligations by due date across every case. */
const obligationsByDue: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('obligations_open_due').on('obligations').columns(['done_on', 'due']).execute();
  },
};

/** The embedded calendar of local mode, and the Teams join link of a booked meeting. */
const embeddedCalendar: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('meetings').addColumn('join_url', 'text').execute();
    await db.schema
      .createTable('calendar_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('meeting_id', 'text')
      .addColumn('organizer_email', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body_html', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('attendees', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('calendar_events_time').on('calendar_events').columns(['starts_at', 'ends_at']).execute();
  },
};

/**
 * Graph change subscriptions and delta links per chair mailbox, shared by every server instance, and
 * meetings found by their Outlook event (notifications and delta name only the event).
 */
const graphSubscriptions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('meetings_calendar_event').on('meetings').column('calendar_event_id').execute();
    await db.schema
      .createTable('graph_subscriptions')
      .addColumn('mailbox', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('delta_link', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * A core group's own Teams chat (the conversation the chair linked to the case), and what Teams
 * calls each person (from a chat's roster), so the bot can open a 1:1 chat with someone who has
 * never written to it.
 */
const caseChats: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('conversations').addColumn('case_id', 'text').execute();
    await db.schema.createIndex('conversations_case').on('conversations').column('case_id').execute();
    await db.schema
      .createTable('teams_users')
      .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
      .addColumn('teams_user_id', 'text', (c) => c.notNull())
      .addColumn('service_url', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * The organisation's list of who is a social worker, team manager, business support, IRO or
 * administrator: case roles that carry authority are checked against it, never taken from a request.
 */
const staff: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff')
      .addColumn('email', 'text', (c) => c.primaryKey())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Why a core group was booked after its deadline, or outside working hours, when the chair says. */
const bookingReasons: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('meetings').addColumn('late_reason', 'text').execute();
    await db.schema.alterTable('meetings').addColumn('outside_hours_reason', 'text').execute();
  },
};

/**
 * Each card Teams accepted, by the outbox message (and recipient) that sent it, with Teams' activity
 * id: a message retried after a crash updates that card rather than posting a second one.
 */
const sentCards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sent_cards')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('conversation_id', 'text', (c) => c.notNull())
      .addColumn('activity_id', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * The audit trail becomes a hash chain (each row carries the hash of the one before, so a changed,
 * removed or inserted row breaks every link after it: `core-groups audit verify` finds the first),
 * and records refusals and reads as well as changes (`allowed`). Existing rows are chained here,
 * the only time the append-only triggers are set aside.
 */
function auditChain(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('audit')
        .addColumn('allowed', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('audit').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('audit').addColumn('hash', 'text').execute();
      if (dialect === 'postgres') await sql`alter table audit disable trigger audit_no_update`.execute(db);
      else {
        await sql`drop trigger audit_no_update`.execute(db);
        await sql`drop trigger audit_no_delete`.execute(db);
      }
      const rows = await sql<
        AuditRowForHash & { seq: number }
      >`select seq, at, actor_id, action, entity, entity_id, case_id, before, after, allowed from audit order by seq`.execute(db);
      let prev = '';
      for (const row of rows.rows) {
        const hash = auditHash(prev, row);
        await sql`update audit set prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(db);
        prev = hash;
      }
      if (dialect === 'postgres') await sql`alter table audit enable trigger audit_no_update`.execute(db);
      else {
        await sql`create trigger audit_no_update before update on audit begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
        await sql`create trigger audit_no_delete before delete on audit begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
      }
    },
  };
}

/**
 * Each kind's worker (cards, mail, calendar, activity) claims only its own kind: by kind first, so
 * one worker's search for due messages does not step over every other kind's backlog (a simulated
 * year spent most of its store time in that search once cards piled up behind calendar writes).
 */
const outboxByKind: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('outbox_kind_due').on('outbox').columns(['kind', 'status', 'next_attempt_at']).execute();
  },
};

/**
 * A case's members are read in the order they joined by nearly every use case and card: in that
 * order from the index, so SQLite no longer sorts them on each read.
 */
const membersInOrder: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('members_case_joined').on('members').columns(['case_id', 'joined_on', 'id']).execute();
    await db.schema.dropIndex('members_case').execute();
  },
};

/**
 * Local mode's calendar keeps time someone marks out of office (leave, sickness), as Outlook's
 * "Show as: Away" does, so free/busy can say they are away, not just busy. Every event so far is busy.
 */
const calendarShowAs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('calendar_events')
      .addColumn('show_as', 'text', (c) => c.notNull().defaultTo('busy'))
      .execute();
  },
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '2026-11-24-001-initial': initial(dialect),
        '2026-11-24-002-conversations': conversations,
        '2026-11-24-003-obligations-by-due': obligationsByDue,
        '2026-11-24-004-embedded-calendar': embeddedCalendar,
        '2026-11-24-005-graph-subscriptions': graphSubscriptions,
        '2026-11-25-006-case-chats': caseChats,
        '2026-11-29-007-staff': staff,
        '2026-11-29-008-booking-reasons': bookingReasons,
        '2026-11-29-009-sent-cards': sentCards,
        '2026-11-29-010-audit-chain': auditChain(dialect),
        '2026-11-30-011-outbox-by-kind': outboxByKind,
        '2026-11-30-012-members-in-order': membersInOrder,
        '2026-11-30-013-calendar-show-as': calendarShowAs,
      };
    },
  };
}
