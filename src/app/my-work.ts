import { Actor } from '../domain/access/access-rules';
import { LocalDate } from '../domain/calendar/local-date';
import { DomainError } from '../domain/errors';
import { assess, calendarFor } from '../domain/policy';
import { ObligationKind } from '../domain/policy/obligation';
import { describeLateness, Lateness, caseLateness } from '../domain/meeting/lateness';
import { CaseSummaryRow, CoreGroupFacts, OwedReportRow, PendingApprovalRow, ReturnedMinutesRow, StoreTx } from '../ports/store';
import { AppContext, todayOf } from './context';
import { agreesPlan } from '../domain/case/members';

/**
 * Red: something is overdue, or a core group is booked, moved or (most recently) held after its
 * deadline. Amber: the next deadline is within 5 working days. Green: on track. Nothing late is green.
 */
export type ComplianceColour = 'red' | 'amber' | 'green';

export interface CaseAtAGlance {
  readonly caseId: string;
  readonly reference: string;
  readonly childInitials: string;
  readonly socialWorkerId: string;
  readonly next?: { readonly obligationId: string; readonly kind: ObligationKind; readonly due: LocalDate; readonly workingDaysLeft?: number };
  readonly overdue: number;
  /** The core group that makes the case late, in words ("Core group 1 booked 3 working days late"). */
  readonly late?: Lateness & { readonly text: string };
  readonly colour: ComplianceColour;
}

export interface MyWork {
  readonly today: LocalDate;
  readonly cases: CaseAtAGlance[];
  readonly reportsOwed: OwedReportRow[];
  readonly approvalsWaiting: PendingApprovalRow[];
  /** Minutes sent back for changes: theirs to rewrite and resubmit. */
  readonly minutesReturned: ReturnedMinutesRow[];
}

function glance(ctx: AppContext, row: CaseSummaryRow, coreGroups: readonly CoreGroupFacts[], today: LocalDate): CaseAtAGlance {
  const calendar = calendarFor(ctx.profiles.get(row.profileId, row.profileVersion));
  const late = caseLateness(coreGroups, today, calendar);
  let colour: ComplianceColour = row.overdue > 0 || late ? 'red' : 'green';
  let next: CaseAtAGlance['next'];
  if (row.nextObligationId && row.nextKind && row.nextDue) {
    const status = assess(
      { id: row.nextObligationId, kind: row.nextKind, due: row.nextDue, rule: '', source: { id: '', title: '', label: '' }, explanation: '' },
      today,
      calendar,
    );
    next = {
      obligationId: row.nextObligationId,
      kind: row.nextKind,
      due: row.nextDue,
      ...(status.workingDaysLeft !== undefined ? { workingDaysLeft: status.workingDaysLeft } : {}),
    };
    if (colour === 'green' && status.status === 'due-soon') colour = 'amber';
  }
  return {
    caseId: row.caseId,
    reference: row.reference,
    childInitials: row.childInitials,
    socialWorkerId: row.socialWorkerId,
    ...(next ? { next } : {}),
    overdue: row.overdue,
    ...(late ? { late: { ...late, text: describeLateness(late) } } : {}),
    colour,
  };
}

/** Each case at a glance, its lateness judged from its core groups (one query for them all). */
async function glances(ctx: AppContext, tx: StoreTx, rows: readonly CaseSummaryRow[], today: LocalDate): Promise<CaseAtAGlance[]> {
  const coreGroups = await tx.queries.coreGroupsOf(rows.map((r) => r.caseId));
  const byCase = new Map<string, CoreGroupFacts[]>();
  for (const m of coreGroups) {
    const theirs = byCase.get(m.caseId);
    if (theirs) theirs.push(m);
    else byCase.set(m.caseId, [m]);
  }
  return rows.map((r) => glance(ctx, r, byCase.get(r.caseId) ?? [], today));
}

/** A person's cases with their next deadline and colour, the reports they owe, and approvals waiting for them. */
export async function myWork(ctx: AppContext, actor: Actor): Promise<MyWork> {
  const today = todayOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const [cases, reportsOwed, approvalsWaiting, minutesReturned] = [
      await tx.queries.myCases(actor.personId, today),
      await tx.queries.reportsOwed(actor.personId),
      await tx.queries.approvalsWaiting(actor.personId),
      await tx.queries.minutesReturned(actor.personId),
    ];
    return { today, cases: await glances(ctx, tx, cases, today), reportsOwed, approvalsWaiting, minutesReturned };
  });
}

/** A child protection plan the person is asked to agree and has not agreed yet (asked to discuss it counts as not yet). */
export interface PlanToAgree {
  readonly caseId: string;
  readonly reference: string;
  readonly childInitials: string;
  readonly planVersion: number;
}

/** Of these cases, the plans the person is asked to agree and has not agreed: the digest and "my core groups" list them. */
export async function plansToAgree(ctx: AppContext, actor: Actor, cases: readonly CaseAtAGlance[]): Promise<PlanToAgree[]> {
  return ctx.store.transaction(async (tx) => {
    const plans: PlanToAgree[] = [];
    for (const c of cases) {
      const mine = (await tx.members.forCase(c.caseId)).filter((m) => m.personId === actor.personId && agreesPlan(m));
      const plan = mine.length ? await tx.plan.latestVersion(c.caseId) : undefined;
      if (!plan) continue;
      const agreed = (await tx.plan.signatures(plan.id)).some((s) => s.agrees && mine.some((m) => m.id === s.memberId));
      if (!agreed) plans.push({ caseId: c.caseId, reference: c.reference, childInitials: c.childInitials, planVersion: plan.version });
    }
    return plans;
  });
}

export interface TeamCompliance {
  readonly today: LocalDate;
  readonly totals: Record<ComplianceColour, number>;
  readonly bySocialWorker: {
    readonly socialWorkerId: string;
    readonly displayName: string;
    readonly cases: CaseAtAGlance[];
    readonly totals: Record<ComplianceColour, number>;
  }[];
}

const count = (cases: readonly CaseAtAGlance[]): Record<ComplianceColour, number> => ({
  red: cases.filter((c) => c.colour === 'red').length,
  amber: cases.filter((c) => c.colour === 'amber').length,
  green: cases.filter((c) => c.colour === 'green').length,
});

/** A manager's view across the team they manage: every open case, worst first, grouped by social worker. */
export async function teamCompliance(ctx: AppContext, actor: Actor): Promise<TeamCompliance> {
  const today = todayOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const rows = await tx.queries.teamCases(actor.personId, today);
    if (rows.length === 0 && !(await tx.people.byId(actor.personId)))
      throw new DomainError('PERSON.NOT_FOUND', 'not-found', 'You are not known to Core Groups.');
    const cases = await glances(ctx, tx, rows, today);
    const workers = [...new Set(cases.map((c) => c.socialWorkerId))];
    const people = await tx.people.byIds(workers);
    const rank: Record<ComplianceColour, number> = { red: 0, amber: 1, green: 2 };
    return {
      today,
      totals: count(cases),
      bySocialWorker: workers
        .map((id) => {
          const theirs = cases
            .filter((c) => c.socialWorkerId === id)
            .sort((a, b) => rank[a.colour] - rank[b.colour] || (a.next?.due ?? '9').localeCompare(b.next?.due ?? '9'));
          return { socialWorkerId: id, displayName: people.find((p) => p.id === id)?.displayName ?? 'Unknown', cases: theirs, totals: count(theirs) };
        })
        .sort((a, b) => b.totals.red - a.totals.red || a.displayName.localeCompare(b.displayName)),
    };
  });
}
