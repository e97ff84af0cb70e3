import { Actor } from '../domain/access/access-rules';
import { Person } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { AppContext } from './context';

/**
 * Turns a verified identity into the person acting. Teams (token or card action) gives a Microsoft
 * Entra object id; local dev sign-in gives a demo person's id. Someone unknown to Core Groups is not
 * an actor at all.
 */
export async function actorFor(
  ctx: AppContext,
  identity: { objectId: string; via: 'teams-sso' | 'dev-sign-in' | 'bot' },
): Promise<{ actor: Actor; person: Person }> {
  const person = await ctx.store.transaction((tx) =>
    identity.via === 'dev-sign-in' ? tx.people.byId(identity.objectId) : tx.people.byEntraObjectId(identity.objectId),
  );
  if (!person) throw new DomainError('PERSON.UNKNOWN', 'forbidden', 'You are not a member of any core group in Core Groups.');
  return { actor: { personId: person.id }, person };
}
