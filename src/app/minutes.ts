import { Actor, canCirculateMinutes, canDecideMinutes, canEditMinutes, ensure } from '../domain/access/access-rules';
import { DomainError } from '../domain/errors';
import { approve, edit, markCirculated, Minutes, MinutesSectionsEdit, returnForChanges, submit } from '../domain/minutes/minutes';
import { parseOrThrow } from '../domain/validation';
import { StoreTx } from '../ports/store';
import { CaseRef, refOf } from './card-data';
import { AppContext, audit, enqueue, idFor, loadCase, LoadedCase, notFound, todayOf } from './context';
import { prefillMinutes } from './minutes-prefill';
import { minutesWriters } from './minutes-writers';
import { replan } from './replan';
import { alreadyRecorded, lastChangedBy, onceMoreIfRaced, Recorded } from './repeats';
import { isDeepStrictEqual } from 'node:util';

async function loadMinutes(ctx: AppContext, tx: StoreTx, actor: Actor, minutesId: string): Promise<{ minutes: Minutes; loaded: LoadedCase }> {
  const minutes = await tx.minutes.byId(minutesId);
  if (!minutes) throw notFound('minutes');
  return { minutes, loaded: await loadCase(ctx, tx, actor, minutes.caseId) };
}

const state = (m: Minutes) => ({ status: m.status, version: m.version, decidedBy: m.decidedBy, returnComments: m.returnComments ? 'recorded' : undefined });

function stale(m: Minutes, expectedVersion: number): void {
  if (m.version !== expectedVersion) {
    throw new DomainError(
      'STORE.CONFLICT',
      'conflict',
      'Someone else changed these minutes while you were working on them. Reload to see their changes, then try again.',
    );
  }
}

/** Minutes as the tab shows them: what they say, whose they are, and what this viewer may do. */
export interface MinutesView {
  readonly minutes: Minutes;
  readonly case: CaseRef;
  readonly meetingNumber: number;
  /** The day the core group was held, for the printed record's every page. */
  readonly heldOn?: string;
  readonly authorName: string;
  readonly canEdit: boolean;
  readonly canDecide: boolean;
}

/**
 * Reads minutes for the professionals who write them and the manager who approves them. The family
 * receives approved minutes by mail (or as the conference allowed), never drafts through the tab.
 */
export async function readMinutes(ctx: AppContext, actor: Actor, minutesId: string): Promise<MinutesView> {
  return ctx.store.transaction(async (tx) => {
    const { minutes, loaded } = await loadMinutes(ctx, tx, actor, minutesId);
    const mayEdit = canEditMinutes(actor, loaded);
    const mayDecide = canDecideMinutes(actor, loaded, await minutesWriters(tx, minutes));
    ensure(mayEdit || mayDecide, 'MINUTES.FORBIDDEN', 'read these minutes');
    const meeting = await tx.meetings.byId(minutes.meetingId);
    if (!meeting) throw notFound('meeting');
    const [author] = await tx.people.byIds([minutes.authorId]);
    await audit(ctx, tx, actor, 'minutes.read', 'minutes', minutes.id, minutes.caseId, undefined, { status: minutes.status, version: minutes.version });
    return {
      minutes,
      case: refOf(loaded.case),
      meetingNumber: meeting.number,
      ...(meeting.heldOn ? { heldOn: meeting.heldOn } : {}),
      authorName: author?.displayName ?? 'Unknown',
      canEdit: mayEdit && (minutes.status === 'draft' || minutes.status === 'returned'),
      canDecide: mayDecide && minutes.status === 'submitted',
    };
  });
}

/** Starts the minutes of a held core group, pre-filled from attendance, reports and the plan. */
export async function draftMinutes(ctx: AppContext, actor: Actor, input: { meetingId: string }): Promise<Minutes> {
  return ctx.store.transaction(async (tx) => {
    const meeting = await tx.meetings.byId(input.meetingId);
    if (!meeting) throw notFound('meeting');
    const loaded = await loadCase(ctx, tx, actor, meeting.caseId);
    ensure(canEditMinutes(actor, loaded), 'MINUTES.FORBIDDEN', 'write minutes');
    if (meeting.status !== 'held')
      throw new DomainError('MINUTES.MEETING_NOT_HELD', 'conflict', `Core group ${meeting.number} has not been recorded as held yet.`);
    if (await tx.minutes.byMeeting(meeting.id))
      throw new DomainError('MINUTES.EXIST', 'conflict', `Core group ${meeting.number} already has minutes; open them instead.`);
    const sections = await prefillMinutes(tx, loaded, meeting);
    const minutes: Minutes = { id: idFor(ctx), meetingId: meeting.id, caseId: meeting.caseId, status: 'draft', authorId: actor.personId, sections, version: 1 };
    await tx.minutes.insert(minutes);
    await audit(ctx, tx, actor, 'minutes.drafted', 'minutes', minutes.id, meeting.caseId, undefined, state(minutes));
    return minutes;
  });
}

/**
 * Saves an edit of the sections sent (the others stay as they were); if someone else saved since
 * `expectedVersion`, refuses rather than overwrite them.
 */
export async function editMinutes(
  ctx: AppContext,
  actor: Actor,
  input: { minutesId: string; expectedVersion: number; sections: MinutesSectionsEdit },
): Promise<Recorded<Minutes>> {
  const sent = parseOrThrow(MinutesSectionsEdit, input.sections, 'MINUTES.INVALID', 'the minutes');
  return onceMoreIfRaced(() =>
    ctx.store.transaction(async (tx) => {
      const { minutes, loaded } = await loadMinutes(ctx, tx, actor, input.minutesId);
      ensure(canEditMinutes(actor, loaded), 'MINUTES.FORBIDDEN', 'edit minutes');
      const sections = { ...minutes.sections, ...Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) };
      // The same edit saved twice (a double click, a retry): the one save since was theirs and says this.
      if (
        (minutes.status === 'draft' || minutes.status === 'returned') &&
        minutes.version === input.expectedVersion + 1 &&
        isDeepStrictEqual(sections, minutes.sections)
      ) {
        const last = (await tx.minutes.versions(minutes.id)).sort((a, b) => a.version - b.version).at(-1);
        if (last?.version === minutes.version && last.editedBy === actor.personId) return alreadyRecorded(minutes);
      }
      stale(minutes, input.expectedVersion);
      const saved = await tx.minutes.update(edit(minutes, sections), actor.personId, ctx.clock.now());
      await audit(ctx, tx, actor, 'minutes.edited', 'minutes', minutes.id, minutes.caseId, state(minutes), state(saved));
      return saved;
    }),
  );
}

/** Sends the minutes to the case's manager for approval (a Teams card through the outbox). */
export async function submitMinutes(ctx: AppContext, actor: Actor, input: { minutesId: string; expectedVersion: number }): Promise<Recorded<Minutes>> {
  return onceMoreIfRaced(() =>
    ctx.store.transaction(async (tx) => {
      const { minutes, loaded } = await loadMinutes(ctx, tx, actor, input.minutesId);
      ensure(canEditMinutes(actor, loaded), 'MINUTES.FORBIDDEN', 'submit minutes');
      // Submitted twice by the same person: the first submission stands, nothing is sent again.
      if (
        minutes.status === 'submitted' &&
        minutes.version === input.expectedVersion + 1 &&
        (await lastChangedBy(tx, minutes.caseId, minutes.id, ['minutes.submitted', 'minutes.resubmitted', 'minutes.edited'])) === actor.personId
      ) {
        return alreadyRecorded(minutes);
      }
      stale(minutes, input.expectedVersion);
      const meeting = await tx.meetings.byId(minutes.meetingId);
      const final = Boolean(meeting?.finalBeforeReview && loaded.profile.finalCoreGroup.recommendation);
      const saved = await tx.minutes.update(submit(minutes, ctx.clock.now(), final), actor.personId, ctx.clock.now());
      const resubmitted = minutes.status === 'returned';
      await audit(
        ctx,
        tx,
        actor,
        resubmitted ? 'minutes.resubmitted' : 'minutes.submitted',
        'minutes',
        minutes.id,
        minutes.caseId,
        state(minutes),
        state(saved),
      );
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'minutes.approval-request',
        payload: { minutesId: minutes.id, managerId: loaded.case.managerId },
        idempotencyKey: `minutes:${minutes.id}:submitted:v${saved.version}`,
        caseId: minutes.caseId,
      });
      await enqueue(ctx, tx, {
        kind: 'activity',
        topic: 'activity.minutes-awaiting-approval',
        payload: { minutesId: minutes.id, personId: loaded.case.managerId },
        idempotencyKey: `activity:minutes:${minutes.id}:submitted:v${saved.version}`,
        caseId: minutes.caseId,
      });
      if (!resubmitted && meeting) await tx.obligations.complete(minutes.caseId, `minutes-to-manager-core-group-${meeting.number}`, todayOf(ctx));
      await replan(ctx, tx, loaded.case, loaded.profile);
      return saved;
    }),
  );
}

/**
 * The manager's decision. Only the case's manager decides, never on minutes they wrote; a decision
 * on minutes that are no longer waiting (a second click, a Teams retry) is refused, so nothing
 * happens twice. Approval queues the circulation to every member who may receive it.
 */
export async function decideMinutes(
  ctx: AppContext,
  actor: Actor,
  input: { minutesId: string; decision: 'approve' } | { minutesId: string; decision: 'return'; comments: string },
): Promise<Recorded<Minutes>> {
  return onceMoreIfRaced(() =>
    ctx.store.transaction(async (tx) => {
      const { minutes, loaded } = await loadMinutes(ctx, tx, actor, input.minutesId);
      ensure(
        canDecideMinutes(actor, loaded, await minutesWriters(tx, minutes)),
        'MINUTES.NOT_APPROVER',
        'approve or return these minutes (only the case manager can, and not for minutes they wrote or edited)',
      );
      // The same decision sent twice by the manager who made it: it stands, and nothing is sent again.
      const repeated =
        minutes.decidedBy === actor.personId &&
        (input.decision === 'approve'
          ? minutes.status === 'approved' || minutes.status === 'circulated'
          : minutes.status === 'returned' && minutes.returnComments === input.comments.trim());
      if (repeated) return alreadyRecorded(minutes);
      const now = ctx.clock.now();
      const decided = input.decision === 'approve' ? approve(minutes, actor.personId, now) : returnForChanges(minutes, actor.personId, now, input.comments);
      const saved = await tx.minutes.update(decided, actor.personId, now);
      await audit(
        ctx,
        tx,
        actor,
        input.decision === 'approve' ? 'minutes.approved' : 'minutes.returned',
        'minutes',
        minutes.id,
        minutes.caseId,
        state(minutes),
        state(saved),
      );
      await enqueue(ctx, tx, {
        kind: 'card',
        topic: 'minutes.decided',
        payload: { minutesId: minutes.id, decision: input.decision, authorId: minutes.authorId },
        idempotencyKey: `minutes:${minutes.id}:decided:v${saved.version}`,
        caseId: minutes.caseId,
      });
      if (input.decision === 'return') {
        await enqueue(ctx, tx, {
          kind: 'activity',
          topic: 'activity.minutes-returned',
          payload: { minutesId: minutes.id, personId: minutes.authorId },
          idempotencyKey: `activity:minutes:${minutes.id}:returned:v${saved.version}`,
          caseId: minutes.caseId,
        });
      }
      if (input.decision === 'approve') {
        const meeting = await tx.meetings.byId(minutes.meetingId);
        if (meeting) await tx.obligations.complete(minutes.caseId, `minutes-signed-off-core-group-${meeting.number}`, todayOf(ctx));
        const people = await tx.people.byIds(loaded.members.map((m) => m.personId));
        for (const member of loaded.members.filter((m) => !m.leftOn)) {
          const person = people.find((p) => p.id === member.personId);
          if (!person) continue;
          // Excluded members receive only what the conference allowed: never the full minutes.
          const channel = member.excluded ? 'restricted' : person.entraObjectId ? 'teams' : 'mail';
          const circulation = {
            payload: { minutesId: minutes.id, personId: person.id, memberId: member.id },
            idempotencyKey: `minutes:${minutes.id}:circulate:${person.id}`,
            caseId: minutes.caseId,
          };
          await enqueue(
            ctx,
            tx,
            channel === 'teams'
              ? { kind: 'card', topic: 'minutes.circulate.teams', ...circulation }
              : { kind: 'mail', topic: channel === 'mail' ? 'minutes.circulate.mail' : 'minutes.circulate.restricted', ...circulation },
          );
        }
        await replan(ctx, tx, loaded.case, loaded.profile);
      }
      return saved;
    }),
  );
}

/** Records the circulation (per recipient, channel and time); the minutes are circulated once every recipient has them. */
export async function markMinutesCirculated(
  ctx: AppContext,
  actor: Actor,
  input: { minutesId: string; recipients: readonly { personId: string; channel: 'teams' | 'mail'; at: string }[] },
): Promise<Minutes> {
  return ctx.store.transaction(async (tx) => {
    const { minutes, loaded } = await loadMinutes(ctx, tx, actor, input.minutesId);
    ensure(canCirculateMinutes(actor, loaded), 'MINUTES.FORBIDDEN', 'circulate minutes');
    const memberPeople = new Set(loaded.members.map((m) => m.personId));
    const stranger = input.recipients.findIndex((r) => !memberPeople.has(r.personId));
    if (stranger >= 0)
      throw new DomainError('MINUTES.NOT_A_MEMBER', 'invalid', 'Minutes go only to members of the core group.', [
        { field: `recipients.${stranger}.personId`, problem: 'is not a member of this case' },
      ]);
    for (const r of input.recipients) await tx.minutes.recordCirculation(minutes.id, r.personId, r.channel, r.at);
    // Recipients reached later (a retried mail) are added to minutes already circulated.
    const saved =
      minutes.status === 'circulated' ? minutes : await tx.minutes.update(markCirculated(minutes, ctx.clock.now()), actor.personId, ctx.clock.now());
    await audit(ctx, tx, actor, 'minutes.circulated', 'minutes', minutes.id, minutes.caseId, state(minutes), {
      ...state(saved),
      recipients: input.recipients.map((r) => ({ personId: r.personId, channel: r.channel })),
    });
    const meeting = await tx.meetings.byId(minutes.meetingId);
    if (meeting) await tx.obligations.complete(minutes.caseId, `minutes-circulated-core-group-${meeting.number}`, todayOf(ctx));
    await replan(ctx, tx, loaded.case, loaded.profile);
    return saved;
  });
}

/**
 * The outbox worker's record that the minutes reached one recipient (a Teams card or a mail). Not an
 * action anyone takes, so no access check; audited as the system.
 */
export async function recordCirculationDelivered(ctx: AppContext, input: { minutesId: string; personId: string; channel: 'teams' | 'mail' }): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const minutes = await tx.minutes.byId(input.minutesId);
    if (!minutes) throw notFound('minutes');
    const now = ctx.clock.now();
    await tx.minutes.recordCirculation(minutes.id, input.personId, input.channel, now);
    // The 'system' person is created by the migrations: the app recording what it did itself.
    const system = { personId: 'system' };
    if (minutes.status === 'approved') {
      const saved = await tx.minutes.update(markCirculated(minutes, now), system.personId, now);
      await audit(ctx, tx, system, 'minutes.circulated', 'minutes', minutes.id, minutes.caseId, state(minutes), state(saved));
      const meeting = await tx.meetings.byId(minutes.meetingId);
      const c = await tx.cases.byId(minutes.caseId);
      if (meeting && c) {
        await tx.obligations.complete(minutes.caseId, `minutes-circulated-core-group-${meeting.number}`, todayOf(ctx));
        await replan(ctx, tx, c, ctx.profiles.get(c.profileId, c.profileVersion));
      }
    }
    await audit(ctx, tx, system, 'minutes.delivered', 'minutes', minutes.id, minutes.caseId, undefined, { personId: input.personId, channel: input.channel });
  });
}
