import { Actor, canLinkCaseChat, canManageMeetings, canReadCase, canRaiseEscalation } from '../domain/access/access-rules';
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

export async function chatAbilities(ctx: AppContext, actor: Actor): Promise<ChatAbilities> {
  const today = todayOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const rows = [...(await tx.queries.myCases(actor.personId, today)), ...(await tx.queries.teamCases(actor.personId, today))];
    const caseIds = [...new Set(rows.map((r) => r.caseId))];
    const abilities = { readsCases: false, raisesConcerns: false, books: false, linksChats: false };
    for (const caseId of caseIds) {
      const found = await tx.cases.byId(caseId);
      if (!found) continue;
      const c = { case: found, members: await tx.members.forCase(caseId) };
      abilities.readsCases ||= canReadCase(actor, c);
      abilities.raisesConcerns ||= canRaiseEscalation(actor, c);
      abilities.books ||= canManageMeetings(actor, c);
      abilities.linksChats ||= canLinkCaseChat(actor, c);
    }
    return abilities;
  });
}
