import { prepared, preparedTyped } from './prepared-query';

/**
 * A message's row as it enters the outbox: waiting, never tried, due from `dueAt`. Its two times are
 * two values (they are the same instant when queued) because a prepared query binds each value once.
 */
export function pendingOutboxRow(
  id: string,
  kind: string,
  topic: string,
  payload: string,
  key: string,
  caseId: string | null,
  dueAt: string,
  queuedAt: string,
) {
  return {
    id,
    kind,
    topic,
    payload,
    idempotency_key: key,
    case_id: caseId,
    status: 'pending',
    attempts: 0,
    next_attempt_at: dueAt,
    claimed_by: null,
    claimed_at: null,
    created_at: queuedAt,
    delivered_at: null,
    last_error: null,
  };
}

/**
 * The store's most frequent queries, each compiled once (see prepared-query.ts). Counted over a
 * simulated year and a card submit: between them they are about half of every statement the app
 * runs. The rest stay in kysely-store.ts, built where they are used.
 */
export const frequent = {
  personById: prepared((db, id) => db.selectFrom('people').selectAll().where('id', '=', id)),
  caseById: prepared((db, id) => db.selectFrom('cases').selectAll().where('id', '=', id)),
  membersOfCase: prepared((db, caseId) => db.selectFrom('members').selectAll().where('case_id', '=', caseId).orderBy('joined_on').orderBy('id')),
  conferencesOfCase: prepared((db, caseId) => db.selectFrom('conferences').selectAll().where('case_id', '=', caseId).orderBy('held_on')),
  meetingById: prepared((db, id) => db.selectFrom('meetings').selectAll().where('id', '=', id)),
  meetingsOfCase: prepared((db, caseId) => db.selectFrom('meetings').selectAll().where('case_id', '=', caseId).orderBy('number')),
  obligationsOfCase: prepared((db, caseId) => db.selectFrom('obligations').selectAll().where('case_id', '=', caseId).orderBy('due')),
  obligationsOfCoreGroup: prepared((db, caseId, id, endingIn) =>
    db
      .selectFrom('obligations')
      .selectAll()
      .where('case_id', '=', caseId)
      .where((eb) => eb.or([eb('obligation_id', '=', id), eb('obligation_id', 'like', endingIn)]))
      .orderBy('due'),
  ),
  completionsOfCase: prepared((db, caseId) => db.selectFrom('completions').selectAll().where('case_id', '=', caseId)),
  reportById: prepared((db, id) => db.selectFrom('reports').selectAll().where('id', '=', id)),
  reportsOfMeeting: prepared((db, meetingId) => db.selectFrom('reports').selectAll().where('meeting_id', '=', meetingId).orderBy('requested_at').orderBy('id')),
  actionsOfCase: prepared((db, caseId) => db.selectFrom('plan_actions').selectAll().where('case_id', '=', caseId).orderBy('by_when').orderBy('id')),
  latestPlanVersion: prepared((db, caseId) => db.selectFrom('plan_versions').selectAll().where('case_id', '=', caseId).orderBy('version', 'desc').limit(1)),
  minutesById: prepared((db, id) => db.selectFrom('minutes').selectAll().where('id', '=', id)),
  minutesOfMeeting: prepared((db, meetingId) => db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId)),
  sentCardByKey: prepared((db, key) => db.selectFrom('sent_cards').selectAll().where('key', '=', key)),
  /** Records a card sent under its key; a second record of the key changes nothing. */
  recordSentCard: prepared((db, key, conversationId, activityId, sentAt) =>
    db
      .insertInto('sent_cards')
      .values({ key, conversation_id: conversationId, activity_id: activityId, sent_at: sentAt })
      .onConflict((oc) => oc.column('key').doNothing()),
  ),
  teamsUserOf: prepared((db, personId) => db.selectFrom('teams_users').selectAll().where('person_id', '=', personId)),
  personalChatOf: prepared((db, personId) =>
    db.selectFrom('conversations').selectAll().where('person_id', '=', personId).where('scope', '=', 'personal').orderBy('updated_at', 'desc'),
  ),
  chatById: prepared((db, conversationId) =>
    db.selectFrom('conversations').selectAll().where('conversation_id', '=', conversationId).orderBy('updated_at', 'desc'),
  ),
  lastAuditHash: prepared((db) => db.selectFrom('audit').select('hash').orderBy('seq', 'desc').limit(1)),
  /** A link of the audit chain, after the one whose hash it carries as `prevHash`. */
  appendAudit: preparedTyped(
    (
      db,
      at: string,
      actorId: string,
      action: string,
      entity: string,
      entityId: string,
      caseId: string | null,
      before: string | null,
      after: string | null,
      allowed: number,
      prevHash: string,
      hash: string,
    ) =>
      db.insertInto('audit').values({
        at,
        actor_id: actorId,
        action,
        entity,
        entity_id: entityId,
        case_id: caseId,
        before,
        after,
        allowed,
        prev_hash: prevHash,
        hash,
      }),
  ),
  /** One message for the outbox; a second with the same idempotency key changes nothing. */
  enqueueOne: preparedTyped(
    (db, id: string, kind: string, topic: string, payload: string, key: string, caseId: string | null, dueAt: string, queuedAt: string) =>
      db
        .insertInto('outbox')
        .values(pendingOutboxRow(id, kind, topic, payload, key, caseId, dueAt, queuedAt))
        .onConflict((oc) => oc.column('idempotency_key').doNothing()),
  ),
  /** An update's new version, numbered by the row itself, and the row as it now is. */
  submitReport: preparedTyped((db, content: string, at: string, by: string, onBehalf: number, id: string) =>
    db
      .updateTable('reports')
      .set((eb) => ({ status: 'submitted', version: eb('version', '+', 1), content, submitted_at: at, submitted_by: by, on_behalf: onBehalf }))
      .where('id', '=', id)
      .returningAll(),
  ),
  reportVersion: preparedTyped((db, reportId: string, version: number, content: string, at: string, by: string, onBehalf: number) =>
    db.insertInto('report_versions').values({ report_id: reportId, version, content, submitted_at: at, submitted_by: by, on_behalf: onBehalf }),
  ),
  /** The outbox message marked delivered, if this worker still holds its claim. */
  outboxDelivered: prepared((db, id, at, workerId) =>
    db
      .updateTable('outbox')
      .set({ status: 'delivered', delivered_at: at, claimed_by: null, claimed_at: null })
      .where('id', '=', id)
      .where('status', '=', 'claimed')
      .where('claimed_by', '=', workerId),
  ),
  /** The claim on an outbox message renewed, if this worker still holds it. */
  outboxExtended: prepared((db, id, workerId, now) =>
    db.updateTable('outbox').set({ claimed_at: now }).where('id', '=', id).where('status', '=', 'claimed').where('claimed_by', '=', workerId),
  ),
};
