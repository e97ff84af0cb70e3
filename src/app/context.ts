import { randomUUID } from 'node:crypto';
import { LocalDate } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { DEFAULT_WORKING_HOURS, WorkingHours } from '../domain/meeting/booking-time';
import { Actor, canReadCase, CaseMembership } from '../domain/access/access-rules';
import { CoreGroupCase } from '../domain/case/core-group-case';
import { Member } from '../domain/case/members';
import { DomainError } from '../domain/errors';
import { ProfileRegistry } from '../domain/policy/profiles';
import { PolicyProfile } from '../domain/policy/profile';
import { Clock } from '../ports/clock';
import { OutboxMessage, Store, StoreTx } from '../ports/store';

/** What every use case is given: ports and settings, never adapters. */
export interface AppContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly profiles: ProfileRegistry;
  /** Makes ids; injected so tests can make them predictable when they need to. */
  readonly newId?: () => string;
  /** When core groups are booked (WORKING_HOURS); DEFAULT_WORKING_HOURS when not given. */
  readonly workingHours?: WorkingHours;
  /** The council office's address (OFFICE_ADDRESS), for invitations and agendas of core groups held there. */
  readonly officeAddress?: string;
}

export const workingHoursOf = (ctx: AppContext): WorkingHours => ctx.workingHours ?? DEFAULT_WORKING_HOURS;

export const idFor = (ctx: AppContext): string => (ctx.newId ?? randomUUID)();

export { londonDay };

/** Today in the UK, from the clock. */
export const todayOf = (ctx: AppContext): LocalDate => londonDay(ctx.clock.now());

/** A lookup by id that reads each id once (within one transaction, where nothing it reads changes). */
export function readOnce<T>(load: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const read = new Map<string, Promise<T>>();
  return (id) => {
    let found = read.get(id);
    if (!found) read.set(id, (found = load(id)));
    return found;
  };
}

export interface LoadedCase extends CaseMembership {
  readonly case: CoreGroupCase;
  readonly members: Member[];
  readonly profile: PolicyProfile;
}

/**
 * Loads a case for someone acting on it. A person who is not on the case gets "not found", not
 * "forbidden": whether a child has a core group at all is not theirs to learn.
 */
export async function loadCase(ctx: AppContext, tx: StoreTx, actor: Actor, caseId: string): Promise<LoadedCase> {
  const found = await tx.cases.byId(caseId);
  const members = found ? await tx.members.forCase(caseId) : [];
  if (!found || !canReadCase(actor, { case: found, members })) {
    throw new DomainError('CASE.NOT_FOUND', 'not-found', 'There is no such case, or you are not a member of it.');
  }
  return { case: found, members, profile: ctx.profiles.get(found.profileId, found.profileVersion) };
}

/** Appends one audit row in the caller's transaction. Report and minutes text never goes in. */
export async function audit(
  ctx: AppContext,
  tx: StoreTx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  caseId: string | undefined,
  before?: unknown,
  after?: unknown,
): Promise<void> {
  await tx.audit.append({
    at: ctx.clock.now(),
    actorId: actor.personId,
    action,
    entity,
    entityId,
    ...(caseId ? { caseId } : {}),
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  });
}

export async function enqueue(ctx: AppContext, tx: StoreTx, message: OutboxMessage): Promise<void> {
  await tx.outbox.enqueue(message, ctx.clock.now());
}

export function notFound(what: string): DomainError {
  return new DomainError(`${what.toUpperCase()}.NOT_FOUND`, 'not-found', `There is no such ${what}, or you are not a member of its case.`);
}

/** A core group booked after its deadline: the chair and the manager are told in their activity feeds too. */
export async function notifyBookedLate(
  ctx: AppContext,
  tx: StoreTx,
  meeting: { readonly id: string; readonly version: number },
  c: Pick<CoreGroupCase, 'id' | 'socialWorkerId' | 'managerId'>,
): Promise<void> {
  for (const personId of new Set([c.socialWorkerId, c.managerId])) {
    await enqueue(ctx, tx, {
      kind: 'activity',
      topic: 'activity.booked-late',
      payload: { meetingId: meeting.id, personId },
      idempotencyKey: `activity:late:${meeting.id}:v${meeting.version}:${personId}`,
      caseId: c.id,
    });
  }
}
