import { Actor } from '../domain/access/access-rules';
import { mayKeepStaffList, mayOpenCases, OrgRole } from '../domain/access/organisation-roles';
import { AppContext } from './context';

/**
 * What a person may start from the tab's menu, from what the organisation says they are: the tab
 * offers only these, so a health visitor is never sent to a page that can only refuse her. The
 * pages' own checks stay: this decides what is offered, not what is allowed.
 */
export interface Abilities {
  /** Open a new case ("Open a case"). */
  readonly openCases: boolean;
  /** Approve or return minutes, and see the compliance of the cases they manage. */
  readonly manage: boolean;
  /** Keep the organisation's staff list (the Staff page). */
  readonly keepStaffList: boolean;
}

/** The abilities of someone the organisation knows as `roles` (pure). */
export const abilitiesOf = (roles: readonly OrgRole[]): Abilities => ({
  openCases: mayOpenCases(roles),
  manage: roles.includes('team-manager'),
  keepStaffList: mayKeepStaffList(roles),
});

/** The signed-in person's abilities, read from the staff list. */
export async function myAbilities(ctx: AppContext, actor: Actor): Promise<Abilities> {
  return ctx.store.transaction(async (tx) => {
    const me = await tx.people.byId(actor.personId);
    if (!me) return abilitiesOf([]);
    return abilitiesOf((await tx.staff.rolesFor([me.email])).get(me.email.toLowerCase()) ?? []);
  });
}
