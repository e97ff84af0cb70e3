import { Actor, canManageMeetings, ensure } from '../domain/access/access-rules';
import { ensureRolesBacked, unbackedRoles } from '../domain/access/organisation-roles';
import { Member, MemberInput, Person, takesPart } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/validation';
import { z } from 'zod';
import { AppContext, audit, enqueue, idFor, loadCase, LoadedCase, todayOf } from './context';
import { StoreTx } from '../ports/store';
import { Directory } from '../ports/directory';
import { inTenant } from './create-case';

const Reason = z.strictObject({ reason: z.string().trim().min(10, 'must say why (at least 10 characters): the conference’s decision is recorded').max(1000) });

const memberOf = (loaded: LoadedCase, memberId: string): Member => {
  const m = loaded.members.find((x) => x.id === memberId && !x.leftOn);
  if (!m) throw new DomainError('MEMBER.NOT_FOUND', 'not-found', 'That person is not a current member of this case.');
  return m;
};

const state = (m: Member) => ({
  role: m.role,
  agency: m.agency,
  excluded: m.excluded,
  excludedReason: m.excludedReason ? 'recorded' : undefined,
  leftOn: m.leftOn,
});

/** Someone who runs the case (chair, vice chair, manager, business support) changes who is in it. */
export async function runningCase(ctx: AppContext, tx: StoreTx, actor: Actor, caseId: string, what: string): Promise<LoadedCase> {
  const loaded = await loadCase(ctx, tx, actor, caseId);
  ensure(canManageMeetings(actor, loaded), 'MEMBER.FORBIDDEN', what);
  return loaded;
}

/**
 * A change in who is in the core group reaches the core groups already booked: each invitation is
 * sent again as the group now stands (Outlook invites someone new, and cancels the copy of someone
 * who left or was excluded, who must no longer see its time or place), and someone new is sent each
 * agenda in Teams. A vice chair added the day before to chair in place of a chair off sick had neither.
 */
async function toBookedMeetings(ctx: AppContext, tx: StoreTx, caseId: string, change: string, joined?: string): Promise<void> {
  const now = ctx.clock.now();
  const booked = (await tx.meetings.forCase(caseId)).filter((m) => m.status === 'booked' && (m.endsAt ?? '') > now);
  for (const m of booked) {
    // An event not yet made in Outlook is made with the group as it stands then: nothing to send again.
    if (m.calendarEventId !== undefined)
      await enqueue(ctx, tx, {
        kind: 'calendar',
        topic: 'calendar.update-event',
        payload: { meetingId: m.id },
        idempotencyKey: `members:${m.id}:${change}`,
        caseId,
      });
    if (joined)
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'agenda.send',
        payload: { meetingId: m.id, personId: joined },
        idempotencyKey: `agenda:${m.id}:${change}`,
        caseId,
      });
  }
}

/**
 * Adds a member to the core group. Roles that run a case must be backed by the organisation's list,
 * as when a case is opened; a person already known (by email) is the same person.
 */
export async function addMember(ctx: AppContext, actor: Actor, input: { caseId: string; member: MemberInput }, directory?: Directory): Promise<Member> {
  const parsed = newMember(input.member);
  // As when a case is opened: someone the organisation's directory knows is reached in Teams and their calendar read.
  const m = directory ? ((await inTenant(ctx, directory, [parsed]))[0] ?? parsed) : parsed;
  return ctx.store.transaction(async (tx) => addMemberIn(ctx, tx, actor, await runningCase(ctx, tx, actor, input.caseId, 'add members'), m));
}

/** A new member as sent, checked: a 400 naming the field when it is not one. */
export const newMember = (member: MemberInput): NewMember =>
  parseOrThrow(z.strictObject({ member: MemberInput }), { member }, 'MEMBER.INVALID', 'the new member').member;
type NewMember = z.output<typeof MemberInput>;

/**
 * Adds a member in the caller's transaction, to a case the caller has loaded and checked the actor
 * may run (runningCase): for a use case that adds someone as part of something else.
 */
export async function addMemberIn(ctx: AppContext, tx: StoreTx, actor: Actor, loaded: LoadedCase, m: NewMember): Promise<Member> {
  const caseId = loaded.case.id;
  const roles = (await tx.staff.rolesFor([m.person.email])).get(m.person.email) ?? [];
  ensureRolesBacked(unbackedRoles([{ role: m.role, displayName: m.person.displayName, orgRoles: roles }]).map((p) => ({ ...p, field: 'member.role' })));
  let person: Person | undefined = await tx.people.byEmail(m.person.email);
  if (!person) {
    person = {
      id: idFor(ctx),
      displayName: m.person.displayName,
      email: m.person.email,
      ...(m.person.entraObjectId ? { entraObjectId: m.person.entraObjectId } : {}),
    };
    await tx.people.insert(person);
    await audit(ctx, tx, actor, 'person.added', 'person', person.id, undefined, undefined, {
      displayName: person.displayName,
      email: person.email,
      inTenant: Boolean(person.entraObjectId),
    });
  }
  const personId = person.id;
  if (loaded.members.some((x) => x.personId === personId && !x.leftOn && x.role === m.role)) {
    throw new DomainError('MEMBER.DUPLICATE', 'conflict', `${person.displayName} is already a member of this case in that role.`, [
      { field: 'member.person.email', problem: 'is already a member in that role' },
    ]);
  }
  const member: Member = {
    id: idFor(ctx),
    caseId,
    personId,
    agency: m.agency,
    role: m.role,
    excluded: m.excluded,
    ...(m.excludedReason ? { excludedReason: m.excludedReason } : {}),
    joinedOn: todayOf(ctx),
  };
  await tx.members.insert(member);
  await audit(ctx, tx, actor, 'member.added', 'member', member.id, caseId, undefined, state(member));
  // The agenda in Teams for someone in the organisation's tenant who takes part; the invitation for all.
  await toBookedMeetings(ctx, tx, caseId, `joined:${member.id}`, takesPart(member) && person.entraObjectId ? personId : undefined);
  return member;
}

/**
 * Records the conference's decision to exclude someone from meetings, with its reason. From then on
 * they see the case's outline only: never the time, the venue, who else is there, or drafts.
 */
export async function excludeMember(ctx: AppContext, actor: Actor, input: { caseId: string; memberId: string; reason: string }): Promise<Member> {
  const { reason } = parseOrThrow(Reason, { reason: input.reason }, 'MEMBER.INVALID', 'the exclusion');
  return ctx.store.transaction(async (tx) => {
    const loaded = await runningCase(ctx, tx, actor, input.caseId, 'exclude members');
    const before = memberOf(loaded, input.memberId);
    if (before.role === 'chair' || before.role === 'manager')
      throw new DomainError('MEMBER.CANNOT_EXCLUDE', 'conflict', 'The chair and the manager run the case: they cannot be excluded from it.');
    const after: Member = { ...before, excluded: true, excludedReason: reason };
    await tx.members.update(after);
    await audit(ctx, tx, actor, 'member.excluded', 'member', before.id, input.caseId, state(before), state(after));
    await toBookedMeetings(ctx, tx, input.caseId, `excluded:${before.id}`);
    return after;
  });
}

/** Someone leaves the core group (a school change, a new health visitor); their history stays. */
export async function removeMember(ctx: AppContext, actor: Actor, input: { caseId: string; memberId: string }): Promise<Member> {
  return ctx.store.transaction(async (tx) => {
    const loaded = await runningCase(ctx, tx, actor, input.caseId, 'remove members');
    const before = memberOf(loaded, input.memberId);
    if (before.role === 'chair' || before.role === 'manager')
      throw new DomainError('MEMBER.CANNOT_REMOVE', 'conflict', 'A case keeps its chair and manager: they cannot be removed from it.');
    const after: Member = { ...before, leftOn: todayOf(ctx) };
    await tx.members.update(after);
    await audit(ctx, tx, actor, 'member.left', 'member', before.id, input.caseId, state(before), state(after));
    await toBookedMeetings(ctx, tx, input.caseId, `left:${before.id}`);
    return after;
  });
}
