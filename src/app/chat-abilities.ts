import { Actor, CaseMembership, canLinkCaseChat, canManageMeetings, canReadCase, canRaiseEscalation } from '../domain/access/access-rules';
import { StoreTx } from '../ports/store';
import { AppContext, todayOf } from './context';

/**
 * What someone may do from the bot's chat, across the open cases they are on or manage: so `help`
 * offers only commands that will not be refused. Worked out from case membership and the cases a
 * manager answers for, never from anything in the request.
 */
export interface ChatAbilities {
  /** They can read at least one case: `status` and `concern` have something to act on. */
  readonly readsCases: boolean;
  readonly raisesConcerns: boolean;
  /** They book core groups on at least one case (chair, vice chair, manager, business support). */
  readonly books: boolean;
  /** They may make a group chat a case's core group chat (chair, vice chair, manager). */
  readonly linksChats: boolean;
}

/** The open cases someone is on or manages, with their members, for the access rules. */
async function casesOf(ctx: AppContext, tx: StoreTx, actor: Actor): Promise<(CaseMembership & { id: string })[]> {
  const today = todayOf(ctx);
  const rows = [...(await tx.queries.myCases(actor.personId, today)), ...(await tx.queries.teamCases(actor.personId, today))];
  const found = [];
  for (const caseId of new Set(rows.map((r) => r.caseId))) {
    const c = await tx.cases.byId(caseId);
    if (c) found.push({ id: caseId, case: c, members: await tx.members.forCase(caseId) });
  }
  return found;
}

export async function chatAbilities(ctx: AppContext, actor: Actor): Promise<ChatAbilities> {
  return ctx.store.transaction(async (tx) => {
    const cases = await casesOf(ctx, tx, actor);
    return {
      readsCases: cases.some((c) => canReadCase(actor, c)),
      raisesConcerns: cases.some((c) => canRaiseEscalation(actor, c)),
      books: cases.some((c) => canManageMeetings(actor, c)),
      linksChats: cases.some((c) => canLinkCaseChat(actor, c)),
    };
  });
}

/** The next core group to book on each case where this person books them: the first still planned. */
export async function coreGroupsToBook(ctx: AppContext, actor: Actor): Promise<{ caseId: string; meetingId: string; number: number }[]> {
  return ctx.store.transaction(async (tx) => {
    const found = [];
    for (const c of await casesOf(ctx, tx, actor)) {
      if (!canManageMeetings(actor, c)) continue;
      const next = (await tx.meetings.forCase(c.id)).filter((m) => m.status === 'planned').sort((a, b) => a.number - b.number)[0];
      if (next) found.push({ caseId: c.id, meetingId: next.id, number: next.number });
    }
    return found;
  });
}
