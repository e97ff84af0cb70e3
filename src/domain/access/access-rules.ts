import { CoreGroupCase } from '../case/core-group-case';
import { agreesPlan, Member, Role } from '../case/members';
import { DomainError } from '../errors';

/** Who is acting: resolved from a verified token or card action to a person known to Core Groups. */
export interface Actor {
  readonly personId: string;
}

/** What the rules need to know about a case. */
export interface CaseMembership {
  readonly case: Pick<CoreGroupCase, 'id' | 'reference' | 'managerId' | 'socialWorkerId'>;
  readonly members: readonly Pick<Member, 'id' | 'personId' | 'role' | 'leftOn' | 'excluded'>[];
}

/** Every current role, an excluded membership included (it still lets someone read the case's outline). */
const rolesOf = (actor: Actor, c: CaseMembership): Role[] => c.members.filter((m) => m.personId === actor.personId && !m.leftOn).map((m) => m.role);
/**
 * The roles someone takes part with. A member the conference excluded (a parent who is a risk to a
 * professional, a professional under investigation) acts through none of them.
 */
const activeRolesOf = (actor: Actor, c: CaseMembership): Role[] =>
  c.members.filter((m) => m.personId === actor.personId && !m.leftOn && !m.excluded).map((m) => m.role);
const has = (actor: Actor, c: CaseMembership, ...roles: Role[]) => activeRolesOf(actor, c).some((r) => roles.includes(r));
const FAMILY: readonly Role[] = ['parent-carer', 'child'];

/** Current members read their case; nobody else (not even other social workers) does. */
export const canReadCase = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).length > 0 || actor.personId === c.case.managerId;

/**
 * When and where core groups meet, who else is in the group, and drafts: for the people taking part.
 * An excluded member sees the case's outline and deadlines, never the time, the venue or the names.
 */
export const canSeeMeetingDetails = (actor: Actor, c: CaseMembership): boolean => activeRolesOf(actor, c).length > 0 || actor.personId === c.case.managerId;

/** The tab shows the child's name only to professionals on the case; the family knows it already. */
export const canSeeChildName = (actor: Actor, c: CaseMembership): boolean => canReadCase(actor, c);

/** Who an excluded member is, and why, is for the people running the case. */
export const canSeeExcludedMembers = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'manager', 'iro', 'business-support');

/** A report is submitted by its author, or by business support on their behalf (recorded as such). */
export function canSubmitReportFor(actor: Actor, c: CaseMembership, memberId: string): { allowed: boolean; onBehalf: boolean } {
  const member = c.members.find((m) => m.id === memberId && !m.leftOn);
  if (!member) return { allowed: false, onBehalf: false };
  if (member.personId === actor.personId) return { allowed: true, onBehalf: false };
  return { allowed: has(actor, c, 'business-support'), onBehalf: true };
}

/** Partnership recording: any professional on the case may write the minutes. */
export const canEditMinutes = (actor: Actor, c: CaseMembership): boolean => activeRolesOf(actor, c).some((r) => !FAMILY.includes(r));

/** Only the case's manager approves, and never minutes they wrote or edited any part of (writersOf). */
export const canDecideMinutes = (actor: Actor, c: CaseMembership, writerIds: readonly string[]): boolean =>
  actor.personId === c.case.managerId &&
  !writerIds.includes(actor.personId) &&
  !c.members.some((m) => m.personId === actor.personId && !m.leftOn && m.excluded);

export const canCirculateMinutes = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'manager', 'business-support');

/** Booking, moving and cancelling meetings: the chair, vice chair, manager and business support. */
export const canManageMeetings = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'vice-chair', 'manager', 'business-support');

/**
 * Making a Teams chat the core group's own chat (agendas are posted there): the people who run the
 * case, since they answer for who is in it.
 */
export const canLinkCaseChat = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'vice-chair', 'manager');

/** Any member may sign the plan they are part of, or raise a concern about it. */
/** Those asked to agree the plan (agreesPlan) answer it; nobody else's answer is recorded. */
export const canSignPlan = (actor: Actor, c: CaseMembership): boolean => c.members.some((m) => m.personId === actor.personId && agreesPlan(m));
export const canRaiseEscalation = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).length > 0;

/** Throws a 403-category error naming what was refused; the message never reveals case details. */
export function ensure(allowed: boolean, code: string, what: string): void {
  if (!allowed) throw new DomainError(code, 'forbidden', `You are not allowed to ${what} on this case.`);
}
