import { Generated } from 'kysely';

/*
 * Table types, the same on SQLite and PostgreSQL. Portable column choices: days and instants are ISO
 * text (PostgreSQL's date types would come back as JS Dates in the machine's zone), booleans are 0/1
 * integers, structured content is JSON text that the store parses through the domain's schemas.
 */
export interface Database {
  people: { id: string; display_name: string; email: string; entra_object_id: string | null; created_at: string };
  cases: {
    id: string;
    reference: string;
    child_name: string;
    child_initials: string;
    profile_id: string;
    profile_version: string;
    icpc_date: string;
    pre_birth: number;
    social_worker_id: string;
    manager_id: string;
    social_worker_in_aye: number;
    status: string;
    created_at: string;
    version: number;
  };
  members: {
    id: string;
    case_id: string;
    person_id: string;
    agency: string;
    role: string;
    excluded: number;
    excluded_reason: string | null;
    joined_on: string;
    left_on: string | null;
  };
  conferences: { id: string; case_id: string; kind: string; number: number; held_on: string; outcome: string | null };
  meetings: {
    id: string;
    case_id: string;
    number: number;
    earliest: string | null;
    due: string;
    rule: string;
    final_before_review: number;
    status: string;
    starts_at: string | null;
    ends_at: string | null;
    venue: string | null;
    calendar_event_id: string | null;
    held_on: string | null;
    cancel_reason: string | null;
    version: number;
    join_url?: string | null;
    late_reason?: string | null;
    outside_hours_reason?: string | null;
  };
  graph_subscriptions: { mailbox: string; subscription_id: string | null; expires_at: string | null; delta_link: string | null; updated_at: string };
  calendar_events: {
    id: string;
    idempotency_key: string;
    meeting_id: string | null;
    organizer_email: string;
    subject: string;
    body_html: string;
    starts_at: string;
    ends_at: string;
    location: string;
    attendees: string;
    status: string;
    sequence: number;
    updated_at: string;
    /** 'busy', or 'oof' for time marked out of office (free/busy says away). */
    show_as: string;
  };
  obligations: {
    case_id: string;
    obligation_id: string;
    kind: string;
    due: string;
    earliest: string | null;
    done_on: string | null;
    rule: string;
    meeting_number: number | null;
  };
  completions: { case_id: string; obligation_id: string; done_on: string };
  reports: {
    id: string;
    meeting_id: string;
    member_id: string;
    case_id: string;
    status: string;
    required: number;
    version: number;
    content: string | null;
    submitted_at: string | null;
    submitted_by: string | null;
    on_behalf: number;
    requested_at: string;
  };
  report_versions: { report_id: string; version: number; content: string; submitted_at: string; submitted_by: string; on_behalf: number };
  attendance: { meeting_id: string; member_id: string; status: string };
  plan_versions: { id: string; case_id: string; version: number; outcomes: string; created_at: string; created_by: string };
  plan_actions: {
    id: string;
    case_id: string;
    what: string;
    owner_member_id: string;
    agency: string;
    by_when: string;
    how_we_will_know: string;
    status: string;
  };
  action_status_history: { action_id: string; status: string; at: string; by_person_id: string; comment: string | null; meeting_id: string | null };
  plan_signatures: { plan_version_id: string; member_id: string; agrees: number; comment: string | null; signed_at: string };
  minutes: {
    id: string;
    meeting_id: string;
    case_id: string;
    status: string;
    author_id: string;
    sections: string;
    version: number;
    submitted_at: string | null;
    decided_by: string | null;
    decided_at: string | null;
    return_comments: string | null;
    circulated_at: string | null;
  };
  minutes_versions: { minutes_id: string; version: number; sections: string; status: string; edited_by: string; edited_at: string };
  circulations: { minutes_id: string; person_id: string; channel: string; sent_at: string };
  escalations: {
    id: string;
    case_id: string;
    kind: string;
    concern: string;
    raised_by: string;
    raised_to: string;
    raised_at: string;
    outcome: string | null;
    resolved_at: string | null;
  };
  audit: {
    seq: Generated<number>;
    at: string;
    actor_id: string;
    action: string;
    entity: string;
    entity_id: string;
    case_id: string | null;
    before: string | null;
    after: string | null;
    allowed: Generated<number>;
    prev_hash: string | null;
    hash: string | null;
  };
  conversations: {
    key: string;
    person_id: string | null;
    conversation_id: string;
    scope: string;
    tenant_id: string | null;
    reference: string;
    updated_at: string;
    case_id: string | null;
  };
  sent_cards: { key: string; conversation_id: string; activity_id: string; sent_at: string };
  staff: { email: string; roles: string; updated_by: string; updated_at: string };
  teams_users: { person_id: string; teams_user_id: string; service_url: string; tenant_id: string | null; updated_at: string };
  outbox: {
    id: string;
    kind: string;
    topic: string;
    payload: string;
    idempotency_key: string;
    case_id: string | null;
    status: string;
    attempts: number;
    next_attempt_at: string;
    claimed_by: string | null;
    claimed_at: string | null;
    created_at: string;
    delivered_at: string | null;
    last_error: string | null;
  };
}
