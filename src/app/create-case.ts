import { Actor } from '../domain/access/access-rules';
import { ensureRolesBacked, mayOpenCases, unbackedRoles } from '../domain/access/organisation-roles';
import { CoreGroupCase, CreateCaseInput } from '../domain/case/core-group-case';
import { Member, Person } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/validation';
import { Directory } from '../ports/directory';
import { StoreTx } from '../ports/store';
import { AppContext, audit, idFor, todayOf } from './context';
import { replan } from './replan';

/**
 * Opens a case from an initial conference: the child, the core group's members (people are matched
 * by email, so a professional on several cases is one person), the policy profile version in force
 * on the ICPC date, and the plan of core groups that follows from it.
 */
export async function createCase(ctx: AppContext, actor: Actor, input: CreateCaseInput, directory?: Directory): Promise<CoreGroupCase> {
  const parsed = parseOrThrow(CreateCaseInput, input, 'CASE.INVALID', 'the new case');
  const profile = ctx.profiles.inForce(parsed.profileId, parsed.icpcDate);
  const data = directory ? { ...parsed, members: await inTenant(ctx, directory, parsed.members) } : parsed;
  return ctx.store.transaction(async (tx) => {
    if (await tx.cases.byReference(data.reference)) {
      throw new DomainError('CASE.DUPLICATE_REFERENCE', 'conflict', `A case with reference ${data.reference} already exists.`, [
        { field: 'reference', problem: 'is already in use' },
      ]);
    }
    const people = new Map<number, Person>();
    for (const [i, m] of data.members.entries()) people.set(i, await personFor(ctx, tx, actor, m.person, `members.${i}.person.entraObjectId`));
    const personOf = (role: string) => {
      const i = data.members.findIndex((m) => m.role === role);
      return (people.get(i) as Person).id;
    };
    const allowedCreators = data.members
      .map((m, i) => ({ role: m.role, id: (people.get(i) as Person).id }))
      .filter((m) => ['chair', 'manager', 'business-support'].includes(m.role));
    if (!allowedCreators.some((m) => m.id === actor.personId)) {
      throw new DomainError('CASE.CREATOR_NOT_MEMBER', 'forbidden', 'Only the social worker, their manager or business support on the case can open it.');
    }
    // Roles that run a case come from the organisation's list, never from the form.
    const me = await tx.people.byId(actor.personId);
    const orgRoles = await tx.staff.rolesFor([...data.members.map((m) => m.person.email), ...(me ? [me.email] : [])]);
    if (!me || !mayOpenCases(orgRoles.get(me.email.toLowerCase()) ?? [])) {
      throw new DomainError(
        'CASE.OPENER_NOT_STAFF',
        'forbidden',
        'Only people your organisation lists as social workers, team managers or business support can open a case.',
      );
    }
    ensureRolesBacked(
      unbackedRoles(data.members.map((m) => ({ role: m.role, displayName: m.person.displayName, orgRoles: orgRoles.get(m.person.email.toLowerCase()) ?? [] }))),
    );

    const c: CoreGroupCase = {
      id: idFor(ctx),
      reference: data.reference,
      childName: data.childName,
      childInitials: data.childInitials,
      profileId: profile.id,
      profileVersion: profile.version,
      icpcDate: data.icpcDate,
      preBirth: data.preBirth,
      socialWorkerId: personOf('chair'),
      managerId: personOf('manager'),
      socialWorkerInAye: data.socialWorkerInAye,
      status: 'open',
      version: 1,
    };
    await tx.cases.insert(c, ctx.clock.now());
    for (const [i, m] of data.members.entries()) {
      const member: Member = {
        id: idFor(ctx),
        caseId: c.id,
        personId: (people.get(i) as Person).id,
        agency: m.agency,
        role: m.role,
        excluded: m.excluded,
        ...(m.excludedReason ? { excludedReason: m.excludedReason } : {}),
        joinedOn: data.icpcDate,
      };
      await tx.members.insert(member);
    }
    await tx.conferences.insert({ id: idFor(ctx), caseId: c.id, kind: 'initial', number: 0, heldOn: data.icpcDate });
    await replan(ctx, tx, c, profile);
    // The audit row names the child only by initials: the audit trail is read by people outside the case.
    await audit(ctx, tx, actor, 'case.created', 'case', c.id, c.id, undefined, {
      reference: c.reference,
      childInitials: c.childInitials,
      profile: `${profile.id}@${profile.version}`,
      icpcDate: c.icpcDate,
      members: data.members.length,
      openedOn: todayOf(ctx),
    });
    return c;
  });
}

/**
 * Asks the directory who of the members is in the organisation, before anything is written: people
 * found there are reached in Teams (by their Entra object id); anyone else (a parent, a GP practice
 * outside the tenant) is an external, reached by mail. People already known keep what we know.
 */
export async function inTenant<M extends { person: { email: string; entraObjectId?: string | undefined } }>(
  ctx: AppContext,
  directory: Directory,
  members: readonly M[],
): Promise<M[]> {
  const known = await ctx.store.transaction(async (tx) => Promise.all(members.map((m) => tx.people.byEmail(m.person.email))));
  return Promise.all(
    members.map(async (m, i) => {
      if (m.person.entraObjectId || known[i]) return m;
      const found = await directory.findByEmail(m.person.email);
      return found ? { ...m, person: { ...m.person, entraObjectId: found.entraObjectId } } : m;
    }),
  );
}

async function personFor(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  p: { displayName: string; email: string; entraObjectId?: string | undefined },
  field: string,
): Promise<Person> {
  const existing = await tx.people.byEmail(p.email);
  if (existing) return existing;
  // One Microsoft Entra account is one person: a second email for it (an alias, a changed address) is refused, not stored twice.
  const sameAccount = p.entraObjectId ? await tx.people.byEntraObjectId(p.entraObjectId) : undefined;
  if (sameAccount) {
    throw new DomainError(
      'PERSON.DUPLICATE_ENTRA_ID',
      'conflict',
      `The address ${p.email} is the same Microsoft 365 account as ${sameAccount.displayName} (${sameAccount.email}), who is already in Core Groups. Add them with ${sameAccount.email}.`,
      [{ field, problem: `is already the account of ${sameAccount.email}` }],
    );
  }
  const person: Person = { id: idFor(ctx), displayName: p.displayName, email: p.email, ...(p.entraObjectId ? { entraObjectId: p.entraObjectId } : {}) };
  await tx.people.insert(person);
  await audit(ctx, tx, actor, 'person.added', 'person', person.id, undefined, undefined, {
    displayName: person.displayName,
    email: person.email,
    inTenant: Boolean(person.entraObjectId),
  });
  return person;
}
