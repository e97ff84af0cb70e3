import { z } from 'zod';
import { initialsOf } from './initials';

export const AGENCIES = [
  'childrens-social-care',
  'health-visiting',
  'school-nursing',
  'midwifery',
  'school',
  'early-years',
  'gp',
  'police',
  'probation',
  'housing',
  'adult-mental-health',
  'substance-misuse',
  'youth-justice',
  'family',
  'other',
] as const;
export type Agency = (typeof AGENCIES)[number];

export const ROLES = ['chair', 'vice-chair', 'manager', 'professional', 'parent-carer', 'child', 'business-support', 'iro'] as const;

/** Each role in words, as people read it. */
export const ROLE_WORDS: Record<Role, string> = {
  chair: 'Chair',
  'vice-chair': 'Vice chair',
  manager: 'Manager',
  professional: 'Professional',
  'parent-carer': 'Parent or carer',
  child: 'Child',
  'business-support': 'Business support',
  iro: 'Independent Reviewing Officer',
};
export type Role = (typeof ROLES)[number];

/** A person known to Core Groups: in the tenant (with an Entra object id) or external (mail only). */
export interface Person {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly entraObjectId?: string;
}

export interface Member {
  readonly id: string;
  readonly caseId: string;
  readonly personId: string;
  readonly agency: Agency;
  readonly role: Role;
  /** The conference may exclude someone (usually a parent) from meetings, with a recorded reason. */
  readonly excluded: boolean;
  readonly excludedReason?: string;
  readonly joinedOn: string;
  readonly leftOn?: string;
}

export const PersonInput = z.strictObject({
  displayName: z.string().trim().min(1, 'is required').max(200),
  email: z.email('must be an email address').transform((e) => e.toLowerCase()),
  entraObjectId: z.uuid('must be the Microsoft Entra object id (a GUID)').optional(),
});

export const MemberInput = z
  .strictObject({
    person: PersonInput,
    agency: z.enum(AGENCIES),
    role: z.enum(ROLES),
    excluded: z.boolean().default(false),
    excludedReason: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((m) => !m.excluded || m.excludedReason, { message: 'a reason is required when a member is excluded', path: ['excludedReason'] });
export type MemberInput = z.input<typeof MemberInput>;

/** Members who take part in the core group now: not left, and not excluded from its meetings. */
export const takesPart = (m: Pick<Member, 'leftOn' | 'excluded'>): boolean => !m.leftOn && !m.excluded;

/** Who can chair a core group: its chair, or a vice chair in their place. */
export const canChair = (m: Pick<Member, 'role' | 'leftOn'>): boolean => (m.role === 'chair' || m.role === 'vice-chair') && !m.leftOn;

/**
 * The roles that agree the plan: the people who carry it out (the social worker who chairs, the
 * professionals, the parents and carers). Business support, the manager and the IRO take no actions
 * in it, so they are not asked, and the plan does not wait for them.
 */
const PLAN_AGREERS: readonly Role[] = ['chair', 'vice-chair', 'professional', 'parent-carer'];

/** Members asked to agree the plan, whose agreement completes it. */
export const agreesPlan = (m: Pick<Member, 'leftOn' | 'excluded' | 'role'>): boolean => takesPart(m) && PLAN_AGREERS.includes(m.role);

/** Members who count as professionals expected to report (not the family, not support roles). */
export const isReportingProfessional = (m: Pick<Member, 'role' | 'leftOn'>): boolean =>
  (m.role === 'professional' || m.role === 'chair' || m.role === 'vice-chair') && !m.leftOn;

/**
 * Members asked for a written update before each core group: reporting professionals taking part,
 * except the social worker who chairs it (the chair hears the updates rather than giving one).
 */
export const asksForUpdate = (m: Pick<Member, 'role' | 'leftOn' | 'excluded' | 'personId'>, chairPersonId: string): boolean =>
  isReportingProfessional(m) && !m.excluded && m.personId !== chairPersonId;

/**
 * How a member is named where the case reference stands beside the name (agenda cards, calendar
 * invitations): professionals by name, since colleagues need to know who is coming; the family by
 * role and initials, since a parent's full name next to the reference says whose child it is to
 * anyone reading a shared mailbox, a forwarded invitation or a phone's lock screen.
 */
export function nameBesideReference(member: Pick<Member, 'role'>, person: Pick<Person, 'displayName'>): string {
  if (member.role === 'parent-carer') return `Parent or carer (${initialsOf(person.displayName)})`;
  if (member.role === 'child') return 'The child';
  return person.displayName;
}
