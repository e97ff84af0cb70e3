import { Actor, canEditMinutes, canRaiseEscalation, canSignPlan, ensure } from '../domain/access/access-rules';
import { agreesPlan } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { EscalationInput } from '../domain/escalation/escalation';
import { PlanVersionInput, SignatureInput } from '../domain/plan/child-protection-plan';
import { parseOrThrow } from '../domain/validation';
import { Escalation, PlanVersion } from '../ports/store';
import { AppContext, audit, enqueue, idFor, loadCase, todayOf } from './context';
import { replan } from './replan';
import { alreadyRecorded, Recorded } from './repeats';

/** Records a version of the Child Protection Plan: outcomes and SMART actions, each owned by a member. */
export async function recordPlan(ctx: AppContext, actor: Actor, input: { caseId: string; outcomes: string[]; actions?: unknown[] }): Promise<PlanVersion> {
  const data = parseOrThrow(PlanVersionInput, { outcomes: input.outcomes, actions: input.actions ?? [] }, 'PLAN.INVALID', 'the plan');
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canEditMinutes(actor, loaded), 'PLAN.FORBIDDEN', 'change the plan');
    const owner = data.actions.findIndex((a) => !loaded.members.some((m) => m.id === a.ownerMemberId && !m.leftOn));
    if (owner >= 0)
      throw new DomainError('PLAN.UNKNOWN_OWNER', 'invalid', 'Every action is owned by a member of the core group.', [
        { field: `actions.${owner}.ownerMemberId`, problem: 'is not a member of this case' },
      ]);
    const previous = await tx.plan.latestVersion(input.caseId);
    const version: PlanVersion = {
      id: idFor(ctx),
      caseId: input.caseId,
      version: (previous?.version ?? 0) + 1,
      outcomes: data.outcomes,
      createdAt: ctx.clock.now(),
      createdBy: actor.personId,
    };
    await tx.plan.insertVersion(version);
    for (const a of data.actions) {
      const id = idFor(ctx);
      await tx.plan.insertAction({ id, caseId: input.caseId, ...a, status: 'not-started' });
      await tx.plan.setActionStatus(id, 'not-started', actor.personId, ctx.clock.now());
    }
    await audit(ctx, tx, actor, 'plan.recorded', 'plan', version.id, input.caseId, previous ? { version: previous.version } : undefined, {
      version: version.version,
      outcomes: data.outcomes.length,
      actions: data.actions.length,
    });
    // Every member is asked to agree the new version ("I agree" / "I want to discuss").
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'plan.agreement-request',
      payload: { planVersionId: version.id },
      idempotencyKey: `plan:${version.id}:agreement`,
      caseId: input.caseId,
    });
    return version;
  });
}

/**
 * A member's agreement with the current plan ("I agree" / "I want to discuss"). When every current
 * member has agreed, the plan-signature obligation is met.
 */
export async function signPlan(ctx: AppContext, actor: Actor, input: { caseId: string; agrees: boolean; comment?: string }): Promise<{ allSigned: boolean }> {
  const data = parseOrThrow(SignatureInput, { agrees: input.agrees, ...(input.comment ? { comment: input.comment } : {}) }, 'PLAN.INVALID', 'the signature');
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canSignPlan(actor, loaded), 'PLAN.FORBIDDEN', 'sign the plan');
    const plan = await tx.plan.latestVersion(input.caseId);
    if (!plan) throw new DomainError('PLAN.NONE', 'conflict', 'There is no plan to sign yet.');
    const mine = loaded.members.filter((m) => m.personId === actor.personId && !m.leftOn);
    for (const m of mine) await tx.plan.sign(plan.id, m.id, data.agrees, ctx.clock.now(), data.comment);
    await audit(ctx, tx, actor, data.agrees ? 'plan.agreed' : 'plan.discussion-requested', 'plan', plan.id, input.caseId, undefined, { version: plan.version });
    if (!data.agrees) {
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'plan.discussion-requested',
        payload: { caseId: input.caseId, planVersionId: plan.id, personId: actor.personId },
        idempotencyKey: `plan:${plan.id}:discuss:${actor.personId}:${ctx.clock.now()}`,
        caseId: input.caseId,
      });
    }
    const signatures = await tx.plan.signatures(plan.id);
    const expected = loaded.members.filter(agreesPlan);
    const allSigned = expected.every((m) => signatures.some((s) => s.memberId === m.id && s.agrees));
    if (allSigned) {
      const open = (await tx.obligations.forCase(input.caseId)).find((o) => o.kind === 'plan-signed' && !o.doneOn);
      if (open) {
        await tx.obligations.complete(input.caseId, open.obligationId, todayOf(ctx));
        await replan(ctx, tx, loaded.case, loaded.profile);
      }
    }
    return { allSigned };
  });
}

/**
 * A concern that the plan is not protecting the child, or dissent: goes to the IRO (conference
 * chair), or to the manager where the case has no IRO recorded, with who raised it and when.
 */
export async function raiseEscalation(ctx: AppContext, actor: Actor, input: { caseId: string } & EscalationInput): Promise<Recorded<Escalation>> {
  const data = parseOrThrow(EscalationInput, { kind: input.kind, concern: input.concern }, 'ESCALATION.INVALID', 'the escalation');
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    ensure(canRaiseEscalation(actor, loaded), 'ESCALATION.FORBIDDEN', 'raise an escalation');
    // The same concern sent again (a double press, a retried card) while it is still open is the
    // one already raised: recorded and sent once.
    const open = (await tx.escalations.forCase(input.caseId)).find(
      (e) => !e.resolvedAt && e.raisedBy === actor.personId && e.kind === data.kind && e.concern === data.concern,
    );
    if (open) return alreadyRecorded(open);
    const iro = loaded.members.find((m) => m.role === 'iro' && !m.leftOn);
    const escalation: Escalation = {
      id: idFor(ctx),
      caseId: input.caseId,
      kind: data.kind,
      concern: data.concern,
      raisedBy: actor.personId,
      raisedTo: iro?.personId ?? loaded.case.managerId,
      raisedAt: ctx.clock.now(),
    };
    await tx.escalations.insert(escalation);
    await audit(ctx, tx, actor, 'escalation.raised', 'escalation', escalation.id, input.caseId, undefined, {
      kind: escalation.kind,
      raisedTo: escalation.raisedTo,
    });
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'escalation.raised',
      payload: { escalationId: escalation.id, to: escalation.raisedTo },
      idempotencyKey: `escalation:${escalation.id}`,
      caseId: input.caseId,
    });
    return escalation;
  });
}

/**
 * What came of an escalation (an early review conference convened, the plan changed, no action and
 * why). Recorded once, by the person it was raised to or the case's manager.
 */
export async function recordEscalationOutcome(ctx: AppContext, actor: Actor, input: { caseId: string; escalationId: string; outcome: string }): Promise<void> {
  const outcome = input.outcome.trim();
  if (outcome.length < 10)
    throw new DomainError('ESCALATION.INVALID', 'invalid', 'Say what came of the escalation (at least 10 characters).', [
      { field: 'outcome', problem: 'is too short' },
    ]);
  await ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, input.caseId);
    const escalation = (await tx.escalations.forCase(input.caseId)).find((e) => e.id === input.escalationId);
    if (!escalation) throw new DomainError('ESCALATION.NOT_FOUND', 'not-found', 'There is no such escalation on this case.');
    ensure(actor.personId === escalation.raisedTo || actor.personId === loaded.case.managerId, 'ESCALATION.FORBIDDEN', 'record the outcome of this escalation');
    if (!(await tx.escalations.resolve(escalation.id, outcome, ctx.clock.now()))) {
      throw new DomainError('ESCALATION.ALREADY_RESOLVED', 'conflict', 'This escalation already has an outcome recorded.');
    }
    await audit(ctx, tx, actor, 'escalation.resolved', 'escalation', escalation.id, input.caseId, { outcome: null }, { outcome: 'recorded' });
    await enqueue(ctx, tx, {
      kind: 'card',
      topic: 'notice.send',
      payload: {
        personId: escalation.raisedBy,
        summary: 'Core Groups: your escalation has an outcome.',
        card: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [
            {
              type: 'TextBlock',
              text: `${loaded.case.reference} (${loaded.case.childInitials}): the escalation you raised has an outcome. Open the case to read it.`,
              wrap: true,
            },
          ],
        },
      },
      idempotencyKey: `escalation:${escalation.id}:resolved`,
      caseId: input.caseId,
    });
  });
}
