import { LocalDate } from '../domain/calendar/local-date';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { Meeting } from '../domain/meeting/meeting';
import { planObligations } from '../domain/policy/plan';
import { Obligation } from '../domain/policy/obligation';
import { PolicyProfile } from '../domain/policy/profile';
import { StoreTx } from '../ports/store';
import { caseHistory } from './case-history';
import { AppContext, idFor } from './context';
import { flagBookingsOutsideWindows } from './series-windows';

/**
 * Re-runs the policy engine over what has happened on the case and brings the stored plan and the
 * meeting rows in line: each core group the engine expects has one live (not cancelled) meeting with
 * its compliant window. Held and cancelled meetings are history and are never rewritten.
 */
export async function replan(ctx: AppContext, tx: StoreTx, c: CoreGroupCase, profile: PolicyProfile): Promise<Obligation[]> {
  const meetings = await tx.meetings.forCase(c.id);
  const conferences = await tx.conferences.forCase(c.id);
  const obligations = planObligations(profile, caseHistory(c, meetings, conferences, await tx.obligations.completions(c.id)));
  const coreGroups = obligations.filter((o) => o.kind === 'core-group');
  const live = meetings.filter((m) => m.status !== 'cancelled');

  for (const o of coreGroups) {
    const n = o.number as number;
    const existing = live.find((m) => m.number === n);
    const window = { due: o.due, ...(o.earliest ? { earliest: o.earliest } : {}), rule: o.rule, finalBeforeReview: o.finalBeforeReview === true };
    if (!existing) {
      const planned: Meeting = { id: idFor(ctx), caseId: c.id, number: n, status: 'planned', version: 1, ...window };
      await tx.meetings.insert(planned);
    } else if (existing.status !== 'held' && changed(existing, window)) {
      await tx.meetings.update({ ...existing, ...window });
    }
  }
  const last = Math.max(0, ...coreGroups.map((o) => o.number as number));
  await tx.meetings.deletePlannedFrom(c.id, last + 1);
  await tx.obligations.replaceForCase(
    c.id,
    obligations.map((o) => ({
      caseId: c.id,
      obligationId: o.id,
      kind: o.kind,
      due: o.due,
      ...(o.earliest ? { earliest: o.earliest } : {}),
      ...(o.doneOn ? { doneOn: o.doneOn } : {}),
      rule: o.rule,
      ...(o.kind === 'core-group' && o.number ? { meetingNumber: o.number } : {}),
    })),
  );
  await flagBookingsOutsideWindows(ctx, tx, c, profile);
  return obligations;
}

function changed(m: Meeting, w: { due: LocalDate; earliest?: LocalDate; rule: string; finalBeforeReview: boolean }): boolean {
  return m.due !== w.due || m.earliest !== w.earliest || m.rule !== w.rule || m.finalBeforeReview !== w.finalBeforeReview;
}
