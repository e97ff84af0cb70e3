import { openStore } from '../adapters/store/open-store';
import { CommandIo, databaseArgs } from './database-command';
import { builtInRegistry } from '../domain/policy';
import { isDomainError } from '../domain/errors';
import { ORG_ROLE_LABELS, ORG_ROLES, OrgRole } from '../domain/access/organisation-roles';
import { systemClock } from '../ports/clock';
import { setStaffRoles, staffList, SYSTEM_ACTOR } from '../app/staff';

const isOrgRole = (r: string): r is OrgRole => (ORG_ROLES as readonly string[]).includes(r);

const HELP = `core-groups staff list [--database-url postgres://…] [--file ./data/core-groups.sqlite]
core-groups staff set EMAIL [ROLE,ROLE…] [--database-url …] [--file …]

The organisation's staff list: what it says each person is. Case roles that carry authority (chair,
vice chair, manager, business support, IRO) are checked against it. "set" replaces a person's
roles (none: they are taken off the list); every change is audited as made from the server's
command line. Use it for the first administrator, who then keeps the list on the tab's Staff page.
Roles: ${ORG_ROLES.map((r) => `${r} (${ORG_ROLE_LABELS[r]})`).join(', ')}.`;

/**
 * `core-groups staff`: the staff list from the server's command line, for whoever holds the
 * server's credentials (the first administrator, a bulk change).
 */
export async function staffCommand(argv: readonly string[], io: CommandIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const args = databaseArgs('staff', argv, io, env, HELP);
  if ('exit' in args) return args.exit;
  const [what, email, roles, ...rest] = args.words;
  if (!(what === 'list' && !email) && !(what === 'set' && email && rest.length === 0)) {
    io.err(`core-groups staff: say "core-groups staff list" or "core-groups staff set EMAIL ROLE,ROLE" (got "${args.words.join(' ') || 'nothing'}")`);
    return 2;
  }
  const store = await openStore(args.settings);
  const ctx = { store, clock: systemClock, profiles: builtInRegistry };
  try {
    if (what === 'list') {
      const staff = await staffList(ctx, SYSTEM_ACTOR);
      for (const s of staff) io.out(`${s.email}${s.displayName ? ` (${s.displayName})` : ''}: ${s.roles.map((r) => ORG_ROLE_LABELS[r]).join(', ')}`);
      io.out(`${staff.length} on the list.`);
      return 0;
    }
    const named = roles ? roles.split(',').map((r) => r.trim()) : [];
    const unknown = named.filter((r) => !isOrgRole(r));
    if (unknown.length) {
      io.err(`core-groups staff: "${unknown[0]?.slice(0, 40)}" is not a role; the roles are ${ORG_ROLES.join(', ')}`);
      return 2;
    }
    const set = await setStaffRoles(ctx, SYSTEM_ACTOR, { email: email as string, roles: named.filter(isOrgRole) });
    io.out(set.roles.length ? `${set.email}: ${set.roles.map((r) => ORG_ROLE_LABELS[r]).join(', ')}.` : `${set.email} is no longer on the staff list.`);
    return 0;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const fields = e.fields.map((f) => `${f.field === 'email' ? 'the email' : f.field.startsWith('roles') ? 'the roles' : f.field} ${f.problem}`);
    io.err(`core-groups staff: ${fields.length ? fields.join('; ') : e.message}`);
    return 2;
  } finally {
    await store.close();
  }
}
