import { z } from 'zod';
import { Role } from '../case/members';
import { DomainError, FieldProblem } from '../errors';

/**
 * What the organisation says a person is, kept by its administrators (or read from its directory),
 * never taken from a request: a parent cannot open a case naming himself chair, nor a school contact
 * name herself manager, because the case roles that run a case must match these.
 */
export const ORG_ROLES = ['social-worker', 'team-manager', 'business-support', 'iro', 'administrator'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const OrgRoleSchema = z.enum(ORG_ROLES, { error: `must be one of: ${ORG_ROLES.join(', ')}` });

export const ORG_ROLE_LABELS: Record<OrgRole, string> = {
  'social-worker': 'social worker',
  'team-manager': 'team manager',
  'business-support': 'business support',
  iro: 'Independent Reviewing Officer',
  administrator: 'Core Groups administrator',
};

/** The case roles that carry authority, and who in the organisation may hold each. Others are open to anyone. */
const MAY_HOLD: Partial<Record<Role, readonly OrgRole[]>> = {
  chair: ['social-worker', 'team-manager'],
  'vice-chair': ['social-worker', 'team-manager'],
  manager: ['team-manager'],
  'business-support': ['business-support'],
  iro: ['iro'],
};

const CASE_ROLE_LABELS: Record<Role, string> = {
  chair: 'chair',
  'vice-chair': 'vice chair',
  manager: 'manager',
  professional: 'professional',
  'parent-carer': 'parent or carer',
  child: 'child',
  'business-support': 'business support',
  iro: 'Independent Reviewing Officer',
};

/** Who may open a case: the social workers who chair, their managers and business support. */
export const mayOpenCases = (roles: readonly OrgRole[]): boolean =>
  roles.some((r) => r === 'social-worker' || r === 'team-manager' || r === 'business-support');

/** Who may keep the organisation's list. */
export const mayKeepStaffList = (roles: readonly OrgRole[]): boolean => roles.includes('administrator');

/** Whether someone the organisation knows as `roles` may take case role `role`. */
export const mayHold = (role: Role, roles: readonly OrgRole[]): boolean => {
  const needed = MAY_HOLD[role];
  return !needed || roles.some((r) => needed.includes(r));
};

/**
 * Every member whose case role the organisation does not back, as field problems naming the person
 * and what they would need to be, so the chair can correct the form.
 */
export function unbackedRoles(
  members: readonly { readonly role: Role; readonly displayName: string; readonly orgRoles: readonly OrgRole[] }[],
  field = 'members',
): FieldProblem[] {
  return members.flatMap((m, i) => {
    if (mayHold(m.role, m.orgRoles)) return [];
    const needed = (MAY_HOLD[m.role] ?? []).map((r) => ORG_ROLE_LABELS[r]).join(' or ');
    return [
      { field: `${field}.${i}.role`, problem: `${m.displayName} cannot be ${CASE_ROLE_LABELS[m.role]}: the organisation does not list them as a ${needed}` },
    ];
  });
}

export function ensureRolesBacked(problems: readonly FieldProblem[]): void {
  if (problems.length) {
    // Each problem already says who and what (the form shows it beside the role); the message says what to do.
    throw new DomainError(
      'CASE.ROLE_NOT_BACKED',
      'forbidden',
      "Not saved: a chair, vice chair, manager, business support or IRO must be on the organisation's staff list in that role. A Core Groups administrator adds people on the Staff list page (in the menu).",
      problems,
    );
  }
}
