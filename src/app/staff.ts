import { Actor } from '../domain/access/access-rules';
import { mayKeepStaffList, OrgRole, OrgRoleSchema } from '../domain/access/organisation-roles';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/validation';
import { z } from 'zod';
import { StoreTx } from '../ports/store';
import { AppContext, audit } from './context';

const StaffEntry = z.strictObject({
  email: z.email('must be an email address').transform((e) => e.toLowerCase()),
  roles: z.array(OrgRoleSchema).max(5),
});
export type StaffEntryInput = z.input<typeof StaffEntry>;

/** The actor who keeps the list from the command line on the server (the first administrator, a bulk load). */
export const SYSTEM_ACTOR: Actor = { personId: 'system:command-line' };

/** One person on the staff list, as the Staff page shows them: their name where Core Groups knows them. */
export interface StaffListEntry {
  readonly email: string;
  readonly displayName?: string;
  readonly roles: OrgRole[];
  readonly updatedAt: string;
}

/** The acting administrator's own email (undefined for the server's command line); anyone else is refused. */
async function ensureAdministrator(tx: StoreTx, actor: Actor): Promise<string | undefined> {
  if (actor === SYSTEM_ACTOR) return undefined;
  const me = await tx.people.byId(actor.personId);
  const mine = me ? ((await tx.staff.rolesFor([me.email])).get(me.email.toLowerCase()) ?? []) : [];
  if (!me || !mayKeepStaffList(mine))
    throw new DomainError('STAFF.FORBIDDEN', 'forbidden', "Only a Core Groups administrator can see or change the organisation's list of staff.");
  return me.email.toLowerCase();
}

/** The organisation's staff list, for an administrator: by email, with names where known. */
export async function staffList(ctx: AppContext, actor: Actor): Promise<StaffListEntry[]> {
  return ctx.store.transaction(async (tx) => {
    await ensureAdministrator(tx, actor);
    const rows = await tx.staff.list();
    const named = await Promise.all(rows.map((r) => tx.people.byEmail(r.email)));
    return rows.map((r, i) => ({ email: r.email, ...(named[i] ? { displayName: named[i].displayName } : {}), roles: r.roles, updatedAt: r.updatedAt }));
  });
}

/**
 * Sets what the organisation says a person is. Only an administrator may (or the server's own
 * command line, which someone with the server's credentials runs); every change is audited.
 */
export async function setStaffRoles(ctx: AppContext, actor: Actor, input: StaffEntryInput): Promise<{ email: string; roles: OrgRole[] }> {
  const entry = parseOrThrow(StaffEntry, input, 'STAFF.INVALID', 'the staff entry');
  return ctx.store.transaction(async (tx) => {
    const mine = await ensureAdministrator(tx, actor);
    // Nobody locks the organisation out of its own list by removing the last administrator: themselves.
    if (mine === entry.email && !entry.roles.includes('administrator'))
      throw new DomainError('STAFF.OWN_ADMINISTRATOR', 'conflict', 'You cannot take away your own administrator role: ask another administrator.', [
        { field: 'roles', problem: 'must keep Core Groups administrator for yourself' },
      ]);
    const before = (await tx.staff.rolesFor([entry.email])).get(entry.email) ?? [];
    await tx.staff.set(entry.email, entry.roles, actor.personId, ctx.clock.now());
    await audit(ctx, tx, actor, 'staff.roles-set', 'staff', entry.email, undefined, { roles: before }, { roles: entry.roles });
    return { email: entry.email, roles: [...new Set(entry.roles)].sort() };
  });
}
