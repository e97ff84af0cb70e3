import { Selectable } from 'kysely';
import { OrgRole, OrgRoleSchema } from '../../domain/access/organisation-roles';
import { LocalDate } from '../../domain/calendar/local-date';
import { CoreGroupCase } from '../../domain/case/core-group-case';
import { Agency, Member, Person, Role } from '../../domain/case/members';
import { Meeting, MeetingStatus, Venue } from '../../domain/meeting/meeting';
import { Minutes, MinutesSections, MinutesStatus } from '../../domain/minutes/minutes';
import { ActionStatus, PlanAction } from '../../domain/plan/child-protection-plan';
import { AgencyReport, ReportContent, ReportStatus } from '../../domain/report/agency-report';
import { ObligationKind } from '../../domain/policy/obligation';
import { StoredConversation, StoredObligation, TeamsUser } from '../../ports/store';
import { Database } from './schema';

/** Row ↔ domain mapping, in one place, so both dialects read back exactly what was written. */
const opt = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } =>
  (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

export const bool = (v: boolean): number => (v ? 1 : 0);

export const toPerson = (r: Selectable<Database['people']>): Person => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  ...opt('entraObjectId', r.entra_object_id),
});

export const toTeamsUser = (r: Selectable<Database['teams_users']>): TeamsUser => ({
  personId: r.person_id,
  teamsUserId: r.teams_user_id,
  serviceUrl: r.service_url,
  ...opt('tenantId', r.tenant_id),
  updatedAt: r.updated_at,
});

export const toCase = (r: Selectable<Database['cases']>): CoreGroupCase => ({
  id: r.id,
  reference: r.reference,
  childName: r.child_name,
  childInitials: r.child_initials,
  profileId: r.profile_id,
  profileVersion: r.profile_version,
  icpcDate: r.icpc_date as LocalDate,
  preBirth: r.pre_birth === 1,
  socialWorkerId: r.social_worker_id,
  managerId: r.manager_id,
  socialWorkerInAye: r.social_worker_in_aye === 1,
  status: r.status as CoreGroupCase['status'],
  version: Number(r.version),
});

export const fromCase = (c: CoreGroupCase, createdAt: string): Selectable<Database['cases']> => ({
  id: c.id,
  reference: c.reference,
  child_name: c.childName,
  child_initials: c.childInitials,
  profile_id: c.profileId,
  profile_version: c.profileVersion,
  icpc_date: c.icpcDate,
  pre_birth: bool(c.preBirth),
  social_worker_id: c.socialWorkerId,
  manager_id: c.managerId,
  social_worker_in_aye: bool(c.socialWorkerInAye),
  status: c.status,
  created_at: createdAt,
  version: c.version,
});

export const toMember = (r: Selectable<Database['members']>): Member => ({
  id: r.id,
  caseId: r.case_id,
  personId: r.person_id,
  agency: r.agency as Agency,
  role: r.role as Role,
  excluded: r.excluded === 1,
  ...opt('excludedReason', r.excluded_reason),
  joinedOn: r.joined_on,
  ...opt('leftOn', r.left_on),
});

export const toMeeting = (r: Selectable<Database['meetings']>): Meeting => ({
  id: r.id,
  caseId: r.case_id,
  number: Number(r.number),
  ...opt('earliest', r.earliest as LocalDate | null),
  due: r.due as LocalDate,
  rule: r.rule,
  finalBeforeReview: r.final_before_review === 1,
  status: r.status as MeetingStatus,
  ...opt('startsAt', r.starts_at),
  ...opt('endsAt', r.ends_at),
  ...opt('venue', r.venue as Venue | null),
  ...opt('calendarEventId', r.calendar_event_id),
  ...opt('joinUrl', r.join_url),
  ...opt('heldOn', r.held_on as LocalDate | null),
  ...opt('cancelReason', r.cancel_reason),
  ...opt('lateReason', r.late_reason ?? null),
  ...opt('outsideHoursReason', r.outside_hours_reason ?? null),
  version: Number(r.version),
});

export const fromMeeting = (m: Meeting): Selectable<Database['meetings']> => ({
  id: m.id,
  case_id: m.caseId,
  number: m.number,
  earliest: m.earliest ?? null,
  due: m.due,
  rule: m.rule,
  final_before_review: bool(m.finalBeforeReview),
  status: m.status,
  starts_at: m.startsAt ?? null,
  ends_at: m.endsAt ?? null,
  venue: m.venue ?? null,
  calendar_event_id: m.calendarEventId ?? null,
  join_url: m.joinUrl ?? null,
  held_on: m.heldOn ?? null,
  cancel_reason: m.cancelReason ?? null,
  late_reason: m.lateReason ?? null,
  outside_hours_reason: m.outsideHoursReason ?? null,
  version: m.version,
});

export const toReport = (r: Selectable<Database['reports']>): AgencyReport & { caseId: string; required: boolean } => ({
  id: r.id,
  meetingId: r.meeting_id,
  memberId: r.member_id,
  caseId: r.case_id,
  required: r.required === 1,
  status: r.status as ReportStatus,
  ...opt('content', r.content === null ? null : (JSON.parse(r.content) as ReportContent)),
  version: Number(r.version),
  ...opt('submittedAt', r.submitted_at),
  ...opt('submittedBy', r.submitted_by),
  onBehalf: r.on_behalf === 1,
});

export const toMinutes = (r: Selectable<Database['minutes']>): Minutes => ({
  id: r.id,
  meetingId: r.meeting_id,
  caseId: r.case_id,
  status: r.status as MinutesStatus,
  authorId: r.author_id,
  sections: JSON.parse(r.sections) as MinutesSections,
  version: Number(r.version),
  ...opt('submittedAt', r.submitted_at),
  ...opt('decidedBy', r.decided_by),
  ...opt('decidedAt', r.decided_at),
  ...opt('returnComments', r.return_comments),
  ...opt('circulatedAt', r.circulated_at),
});

export const toObligation = (r: Selectable<Database['obligations']>): StoredObligation => ({
  caseId: r.case_id,
  obligationId: r.obligation_id,
  kind: r.kind as ObligationKind,
  due: r.due as LocalDate,
  ...opt('earliest', r.earliest as LocalDate | null),
  ...opt('doneOn', r.done_on as LocalDate | null),
  rule: r.rule,
  ...opt('meetingNumber', r.meeting_number === null ? null : Number(r.meeting_number)),
});

export const fromObligation = (o: StoredObligation) => ({
  case_id: o.caseId,
  obligation_id: o.obligationId,
  kind: o.kind,
  due: o.due,
  earliest: o.earliest ?? null,
  done_on: o.doneOn ?? null,
  rule: o.rule,
  meeting_number: o.meetingNumber ?? null,
});

export const toAction = (r: Selectable<Database['plan_actions']>): PlanAction => ({
  id: r.id,
  caseId: r.case_id,
  what: r.what,
  ownerMemberId: r.owner_member_id,
  agency: r.agency as Agency,
  byWhen: r.by_when as LocalDate,
  howWeWillKnow: r.how_we_will_know,
  status: r.status as ActionStatus,
});

export const toConversation = (r: Selectable<Database['conversations']>): StoredConversation => ({
  key: r.key,
  ...(r.person_id ? { personId: r.person_id } : {}),
  conversationId: r.conversation_id,
  scope: r.scope as StoredConversation['scope'],
  ...(r.tenant_id ? { tenantId: r.tenant_id } : {}),
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  updatedAt: r.updated_at,
  ...(r.case_id ? { caseId: r.case_id } : {}),
});

/** Stored roles, each checked, so a role the code no longer knows grants nothing. */
export const parseOrgRoles = (json: string | undefined): OrgRole[] =>
  json ? (JSON.parse(json) as unknown[]).flatMap((r) => (OrgRoleSchema.safeParse(r).success ? [r as OrgRole] : [])) : [];
