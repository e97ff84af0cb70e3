import { Actor } from '../domain/access/access-rules';
import { mayKeepStaffList, OrgRole, OrgRoleSchema } from '../domain/access/organisation-roles';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/validation';
import { z } from 'zod';
import { AppContext, audit } from './context';

const StaffEntry = z.strictObject({
  email: z.email('must be an email address').transform((e) => e.toLowerCase()),
  roles: z.array(OrgRoleSchema).max(5),
});
export type StaffEntryInput = z.input<typeof StaffEntry>;

/** The actor who keeps the list from the command line on the server (the first administrator, a bulk load). */
export const SYSTEM_ACTOR: Actor = { personId: 'system:command-line' };

/**
 * Sets what the organisation says a person is. Only an administrator may (or the server's own
 * command line, which someone with the server's credentials runs); every change is audited.
 */
export async function setStaffRoles(ctx: AppContext, actor: Actor, input: StaffEntryInput): Promise<{ email: string; roles: OrgRole[] }> {
  const entry = parseOrThrow(StaffEntry, input, 'STAFF.INVALID', 'the staff entry');
  return ctx.store.transaction(async (tx) => {
    if (actor !== SYSTEM_ACTOR) {
      const me = await tx.people.byId(actor.personId);
      const mine = me ? ((await tx.staff.rolesFor([me.email])).get(me.email.toLowerCase()) ?? []) : [];
      if (!mayKeepStaffList(mine))
        throw new DomainError('STAFF.FORBIDDEN', 'forbidden', "Only a Core Groups administrator can change the organisation's list of staff.");
    }
    const before = (await tx.staff.rolesFor([entry.email])).get(entry.email) ?? [];
    await tx.staff.set(entry.email, entry.roles, actor.personId, ctx.clock.now());
    await audit(ctx, tx, actor, 'staff.roles-set', 'staff', entry.email, undefined, { roles: before }, { roles: entry.roles });
    return { email: entry.email, roles: [...new Set(entry.roles)].sort() };
  });
}
