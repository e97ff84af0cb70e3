import { CoreGroupCase } from '../case/core-group-case';
import { Member, Role } from '../case/members';
import { DomainError } from '../errors';
import { Minutes } from '../minutes/minutes';

/** Who is acting: resolved from a verified token or card action to a person known to Core Groups. */
export interface Actor {
  readonly personId: string;
}

/** What the rules need to know about a case. */
export interface CaseMembership {
  readonly case: Pick<CoreGroupCase, 'id' | 'reference' | 'managerId' | 'socialWorkerId'>;
  readonly members: readonly Pick<Member, 'id' | 'personId' | 'role' | 'leftOn' | 'excluded'>[];
}

const rolesOf = (actor: Actor, c: CaseMembership): Role[] => c.members.filter((m) => m.personId === actor.personId && !m.leftOn).map((m) => m.role);
const has = (actor: Actor, c: CaseMembership, ...roles: Role[]) => rolesOf(actor, c).some((r) => roles.includes(r));
const FAMILY: readonly Role[] = ['parent-carer', 'child'];

/** Current members read their case; nobody else (not even other social workers) does. */
export const canReadCase = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).length > 0 || actor.personId === c.case.managerId;

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
export const canEditMinutes = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).some((r) => !FAMILY.includes(r));

/** Only the case's manager approves, and never minutes they wrote themselves. */
export const canDecideMinutes = (actor: Actor, c: CaseMembership, minutes: Pick<Minutes, 'authorId'>): boolean =>
  actor.personId === c.case.managerId && actor.personId !== minutes.authorId;

export const canCirculateMinutes = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'manager', 'business-support');

/** Booking, moving and cancelling meetings: the chair, vice chair, manager and business support. */
export const canManageMeetings = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'vice-chair', 'manager', 'business-support');

/**
 * Making a Teams chat the core group's own chat (agendas are posted there): the people who run the
 * case, since they answer for who is in it.
 */
export const canLinkCaseChat = (actor: Actor, c: CaseMembership): boolean => has(actor, c, 'chair', 'vice-chair', 'manager');

/** Any member may sign the plan they are part of, or raise a concern about it. */
export const canSignPlan = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).length > 0;
export const canRaiseEscalation = (actor: Actor, c: CaseMembership): boolean => rolesOf(actor, c).length > 0;

/** Throws a 403-category error naming what was refused; the message never reveals case details. */
export function ensure(allowed: boolean, code: string, what: string): void {
  if (!allowed) throw new DomainError(code, 'forbidden', `You are not allowed to ${what} on this case.`);
}
