import { Actor } from '../domain/access/access-rules';
import { AppContext } from './context';

/**
 * Records that someone tried something and was refused (not allowed, or not on the case). The
 * attempt's own transaction was rolled back, so this is written in one of its own: who, what, when.
 */
export async function recordRefusal(
  ctx: AppContext,
  actor: Actor,
  attempt: { readonly action: string; readonly entity: string; readonly entityId: string; readonly code: string },
): Promise<void> {
  // Filed under the case when the attempt named one, so the case's trail shows who tried.
  const caseId = attempt.entity === 'case' ? { caseId: attempt.entityId } : {};
  await ctx.store.transaction((tx) =>
    tx.audit.append({
      at: ctx.clock.now(),
      actorId: actor.personId,
      action: attempt.action,
      entity: attempt.entity,
      entityId: attempt.entityId,
      ...caseId,
      after: { refused: attempt.code },
      allowed: false,
    }),
  );
}
