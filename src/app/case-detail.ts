import { isDoneByHand } from './done-by-hand';
import { Actor, canManageMeetings, canSeeChildName, canSeeExcludedMembers, canSeeMeetingDetails, canSubmitReportFor } from '../domain/access/access-rules';
import { LocalDate } from '../domain/calendar/local-date';
import { assessCompliance, calendarFor, planObligations } from '../domain/policy';
import { AssessedObligation, obligationIds } from '../domain/policy/obligation';
import { describeLateness, Lateness, meetingLateness } from '../domain/meeting/lateness';
import { londonDay } from '../domain/calendar/london-time';
import { caseHistory } from './case-history';
import { bookingWindow } from './series-windows';
import { AppContext, audit, LoadedCase, loadCase, todayOf } from './context';
import { agreesPlan } from '../domain/case/members';
import { StoreTx } from '../ports/store';

export interface CaseDetail {
  readonly id: string;
  readonly reference: string;
  readonly childInitials: string;
  /** Present only for people allowed to see it, and only here (never on cards, invites or mail). */
  readonly childName?: string;
  readonly profile: { readonly id: string; readonly version: string; readonly name: string };
  readonly icpcDate: LocalDate;
  readonly today: LocalDate;
  readonly members: readonly {
    readonly memberId: string;
    readonly personId: string;
    readonly displayName: string;
    readonly agency: string;
    readonly role: string;
    readonly excluded: boolean;
    readonly excludedReason?: string;
  }[];
  /**
   * The child protection plan as it stands (for those who see the case's details): its outcomes, its
   * SMART actions with who owns them and how each is going, and each member's answer to it.
   */
  readonly plan?: {
    readonly version: number;
    readonly recordedAt: string;
    readonly outcomes: readonly string[];
    readonly actions: readonly {
      readonly what: string;
      readonly ownerMemberId: string;
      readonly agency: string;
      readonly byWhen: LocalDate;
      readonly howWeWillKnow: string;
      readonly status: string;
    }[];
    /** Everyone asked to agree it: agreed, asked to discuss it (with what they said), or not answered yet. */
    readonly agreement: readonly {
      readonly memberId: string;
      readonly answer: 'agreed' | 'discuss' | 'waiting';
      readonly at?: string;
      readonly comment?: string;
    }[];
  };
  readonly meetings: readonly {
    readonly id: string;
    readonly number: number;
    readonly status: string;
    readonly earliest?: LocalDate;
    readonly due: LocalDate;
    readonly startsAt?: string;
    readonly venue?: string;
    /** The day it was recorded as held (which may be before the day it was booked for). */
    readonly heldOn?: LocalDate;
    /** Why it was cancelled, as the chair recorded it. */
    readonly cancelReason?: string;
    readonly calendarEventId?: string;
    readonly finalBeforeReview: boolean;
    readonly minutesStatus?: string;
    readonly minutesId?: string;
    /** For a core group still to come, each update asked for: whose (member), and whether it is in. For those who see bookings. */
    readonly updates?: readonly { readonly memberId: string; readonly submitted: boolean; readonly reportId?: string; readonly yours?: true }[];
    /** Booked, moved or held after its deadline, or not held once it passed: how late, in words and working days. */
    readonly lateness?: Lateness & { readonly text: string };
    /**
     * The window it is booked in when the core groups before it, held as booked, bring the plan's
     * forward (bookingWindow): the schedule offers times in this one. For those who see bookings.
     */
    readonly asBooked?: { readonly earliest: LocalDate; readonly due: LocalDate; readonly after: { readonly number: number; readonly day: LocalDate } };
    readonly version: number;
  }[];
  /**
   * True for a member the conference excluded: they see the case's outline and deadlines, never
   * when or where core groups meet, who else is in the group, or draft minutes.
   */
  readonly restricted: boolean;
  /**
   * Every obligation with its status today and the plain-English reason for its date; marked
   * `recordByHand` when the viewer may record it done (one the app cannot see happen, not done yet).
   */
  readonly obligations: readonly (AssessedObligation & { readonly recordByHand?: true })[];
}

/** Everything the tab shows about one case, filtered by what the viewer may see. */
export async function caseDetail(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseDetail> {
  const today = todayOf(ctx);
  return ctx.store.transaction(async (tx) => {
    const loaded = await loadCase(ctx, tx, actor, caseId);
    const c = loaded.case;
    const [meetings, conferences, completed, people] = [
      await tx.meetings.forCase(caseId),
      await tx.conferences.forCase(caseId),
      await tx.obligations.completions(caseId),
      await tx.people.byIds(loaded.members.map((m) => m.personId)),
    ];
    const plan = planObligations(loaded.profile, caseHistory(c, meetings, conferences, completed));
    const seeExcluded = canSeeExcludedMembers(actor, loaded);
    const details = canSeeMeetingDetails(actor, loaded);
    const manages = canManageMeetings(actor, loaded);
    const calendar = calendarFor(loaded.profile);
    // A core group booked for a day after its deadline is late before it happens, on every view.
    // An excluded viewer is not told when a core group is booked, so not that it is booked late either.
    const bookedOn = new Map(
      meetings.filter((m) => details && m.status === 'booked' && m.startsAt).map((m) => [obligationIds.coreGroup(m.number), londonDay(m.startsAt as string)]),
    );
    const minutes = await Promise.all(meetings.map((m) => tx.minutes.byMeeting(m.id)));
    const planNow = details ? await planAsItStands(tx, loaded) : undefined;
    // Who has sent their update to each core group still to come (the chair chases the rest).
    const updates = await Promise.all(
      meetings.map(async (m) => (details && (m.status === 'planned' || m.status === 'booked') ? await tx.reports.forMeeting(m.id) : [])),
    );
    // Reads of a child's record are audited as changes are: who looked, when, and how much they saw.
    await audit(ctx, tx, actor, 'case.read', 'case', c.id, c.id, undefined, { restricted: !details });
    return {
      id: c.id,
      reference: c.reference,
      childInitials: c.childInitials,
      ...(canSeeChildName(actor, loaded) ? { childName: c.childName } : {}),
      profile: { id: loaded.profile.id, version: loaded.profile.version, name: loaded.profile.name },
      icpcDate: c.icpcDate,
      today,
      members: loaded.members
        .filter((m) => !m.leftOn && (details ? seeExcluded || !m.excluded : m.personId === actor.personId))
        .map((m) => ({
          memberId: m.id,
          personId: m.personId,
          displayName: people.find((p) => p.id === m.personId)?.displayName ?? 'Unknown',
          agency: m.agency,
          role: m.role,
          excluded: m.excluded,
          ...(seeExcluded && m.excludedReason ? { excludedReason: m.excludedReason } : {}),
        })),
      meetings: meetings.map((m, i) => {
        const found = meetingLateness(m, today, calendar);
        const window =
          details && (m.status === 'planned' || m.status === 'booked') ? bookingWindow(loaded.profile, c, meetings, conferences, completed, m) : undefined;
        const lateness = found && (details ? found : found.kind === 'booked-late' ? undefined : withoutReason(found));
        return {
          id: m.id,
          number: m.number,
          status: m.status,
          ...(m.earliest ? { earliest: m.earliest } : {}),
          due: m.due,
          ...(details && m.startsAt ? { startsAt: m.startsAt } : {}),
          ...(details && m.venue ? { venue: m.venue } : {}),
          ...(m.heldOn ? { heldOn: m.heldOn } : {}),
          ...(details && m.cancelReason ? { cancelReason: m.cancelReason } : {}),
          // The Outlook event it is linked to, for the people who book (the add-in checks the link).
          ...(manages && m.calendarEventId ? { calendarEventId: m.calendarEventId } : {}),
          finalBeforeReview: m.finalBeforeReview,
          ...(details && minutes[i] ? { minutesStatus: minutes[i]?.status, minutesId: minutes[i]?.id } : {}),
          ...(updates[i]?.length
            ? {
                updates: updates[i]!.map((r) => ({
                  memberId: r.memberId,
                  submitted: r.status === 'submitted',
                  // The update itself, for whoever may open it: its owner, and business support (on their behalf).
                  ...(canSubmitReportFor(actor, loaded, r.memberId).allowed ? { reportId: r.id } : {}),
                  ...(loaded.members.some((x) => x.id === r.memberId && x.personId === actor.personId) ? { yours: true } : {}),
                })),
              }
            : {}),
          ...(lateness ? { lateness: { ...lateness, text: describeLateness(lateness) } } : {}),
          ...(window?.asBooked ? { asBooked: { earliest: window.earliest, due: window.due, after: window.asBooked.after } } : {}),
          version: m.version,
        };
      }),
      ...(planNow ? { plan: planNow } : {}),
      restricted: !details,
      obligations: assessCompliance(plan, today, calendar, { bookedOn }).map((o) =>
        manages && !o.doneOn && isDoneByHand(o.kind) ? { ...o, recordByHand: true as const } : o,
      ),
    };
  });
}

/** An excluded viewer learns that a core group is late, not the chair's reasons about the meeting. */
function withoutReason(l: Lateness): Lateness {
  if (l.kind === 'overdue' || !l.reason) return l;
  const { reason: _reason, ...rest } = l;
  return rest;
}

/** The plan's latest version, its actions and each agreer's answer to it; none before a plan is recorded. */
async function planAsItStands(tx: StoreTx, loaded: LoadedCase): Promise<CaseDetail['plan']> {
  const version = await tx.plan.latestVersion(loaded.case.id);
  if (!version) return undefined;
  const [actions, signatures] = [await tx.plan.actionsForCase(loaded.case.id), await tx.plan.signatures(version.id)];
  return {
    version: version.version,
    recordedAt: version.createdAt,
    outcomes: version.outcomes,
    actions: actions.map((a) => ({
      what: a.what,
      ownerMemberId: a.ownerMemberId,
      agency: a.agency,
      byWhen: a.byWhen,
      howWeWillKnow: a.howWeWillKnow,
      status: a.status,
    })),
    agreement: loaded.members.filter(agreesPlan).map((m) => {
      const said = signatures.find((x) => x.memberId === m.id);
      if (!said) return { memberId: m.id, answer: 'waiting' as const };
      return {
        memberId: m.id,
        answer: said.agrees ? ('agreed' as const) : ('discuss' as const),
        at: said.signedAt,
        ...(said.comment ? { comment: said.comment } : {}),
      };
    }),
  };
}
