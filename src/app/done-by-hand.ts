import { Actor, canManageMeetings, ensure } from '../domain/access/access-rules';
import { formatLong, parseLocalDate } from '../domain/calendar/local-date';
import { DomainError } from '../domain/errors';
import { CHILD_SEEN } from './case-history';
import { AppContext, audit, loadCase, notFound, todayOf } from './context';
import { alreadyRecorded, Recorded } from './repeats';
import { replan } from './replan';

/**
 * Obligations nothing else in the app records: a visit where the child was seen, and the record of a
 * conference arriving. The rest are met by what the app does (a core group held, minutes circulated,
 * the plan agreed), so they are never marked done by hand.
 */
const BY_HAND = ['child-seen', 'conference-record'] as const;
export type DoneByHandKind = (typeof BY_HAND)[number];
export const isDoneByHand = (kind: string): kind is DoneByHandKind => (BY_HAND as readonly string[]).includes(kind);

/**
 * Records that an obligation the app cannot see happen was done, on a day: the child seen on a visit,
 * or the conference's record received. By those who run the case; the day not in the future, not
 * before the conference, and a visit not before the one recorded before it.
 */
export async function recordDoneByHand(
  ctx: AppContext,
  actor: Actor,
  input: { caseId: string; obligationId: string; on: string },
): Promise<Recorded<{ obligationId: string; doneOn: string }>> {
  const on = parseLocalDate(input.on, 'on');
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canManageMeetings(actor, loaded), 'OBLIGATION.FORBIDDEN', 'record what was done on this case');
    const obligation = (await tx.obligations.forCase(input.caseId)).find((o) => o.obligationId === input.obligationId);
    if (!obligation) throw notFound('obligation');
    if (!isDoneByHand(obligation.kind))
      throw new DomainError('OBLIGATION.NOT_BY_HAND', 'conflict', 'Core Groups records this itself when it happens: there is nothing to record by hand.');
    const done = await tx.obligations.completions(input.caseId);
    const already = done[input.obligationId];
    if (already) {
      if (already === on) return alreadyRecorded({ obligationId: input.obligationId, doneOn: already });
      throw new DomainError('OBLIGATION.ALREADY_DONE', 'conflict', `This was already recorded as done on ${formatLong(already)}.`);
    }
    const problem = (words: string) => new DomainError('OBLIGATION.INVALID', 'invalid', words, [{ field: 'on', problem: words }]);
    if (on > todayOf(ctx)) throw problem('The day cannot be in the future.');
    if (on < loaded.case.icpcDate) throw problem(`The day cannot be before the initial conference (${formatLong(loaded.case.icpcDate)}).`);
    if (CHILD_SEEN.test(input.obligationId)) {
      if (on === loaded.case.icpcDate) throw problem('A visit counts from the day after the initial conference.');
      const visits = Object.entries(done).filter(([id]) => CHILD_SEEN.test(id));
      const last = visits
        .map(([, day]) => day)
        .sort()
        .at(-1);
      if (last && on <= last) throw problem(`The child was last recorded as seen on ${formatLong(last)}: this visit must be after it.`);
    }
    await tx.obligations.complete(input.caseId, input.obligationId, on);
    await audit(ctx, tx, actor, 'obligation.done', 'case', input.caseId, input.caseId, undefined, { obligation: input.obligationId, on });
    await replan(ctx, tx, loaded.case, loaded.profile);
    return { obligationId: input.obligationId, doneOn: on };
  });
}
