import { EmbeddedCalendar } from '../adapters/local/embedded-calendar';
import { KyselyStore } from '../adapters/store/kysely-store';
import { openStore } from '../adapters/store/open-store';
import { activityDeliveries } from '../app/activity-deliveries';
import { calendarDeliveries } from '../app/calendar-sync';
import { AppContext } from '../app/context';
import { createCase } from '../app/create-case';
import { mailDeliveries } from '../app/mail-deliveries';
import { addMember, removeMember } from '../app/members';
import { bookMeeting, bookSeries, cancelMeeting, recordMeetingHeld, recordReviewConference } from '../app/meetings';
import { decideMinutes, draftMinutes, editMinutes, markMinutesCirculated, submitMinutes } from '../app/minutes';
import { deliverBatch, Deliver } from '../app/outbox-worker';
import { scheduleReminders } from '../app/reminders';
import { appointViceChair, checkChairCover } from '../app/chair-cover';
import { recordPlan, signPlan } from '../app/plan';
import { requestReports, submitReport } from '../app/reports';
import { ProposedTime, scheduleView, ScheduleView } from '../app/schedule';
import { setStaffRoles, SYSTEM_ACTOR } from '../app/staff';
import { addDays, isWeekend, LocalDate } from '../domain/calendar/local-date';
import { londonDay } from '../domain/calendar/london-time';
import { WorkingCalendar } from '../domain/calendar/working-days';
import { agreesPlan, Member } from '../domain/case/members';
import { Meeting } from '../domain/meeting/meeting';
import { builtInRegistry, calendarFor } from '../domain/policy';
import { londonInstant } from '../domain/scheduling/slot-finder';
import { ActivityFeed } from '../ports/activity-feed';
import { fixedClock } from '../ports/clock';
import { Mailer } from '../ports/mailer';
import { ChatMember, DeliveryError, Messenger } from '../ports/messenger';
import { ClaimedMessage, OutboxKind, Store } from '../ports/store';
import { cardDeliveries } from '../../bot/deliveries';
import { seededRandom } from '../cli/seeded-random';
import { cancellation, diaryFree, movesCommitment, offWork, roll, sickOn, SimCase, SimPerson, updateHabit, World } from './world';
import { WorldCalendar } from './world-calendar';

export type StrategyName = 'baseline' | 'core-groups';

/** What happened to one core group (by case and number) in one strategy's year. */
export interface CoreGroupRecord {
  readonly caseIdx: number;
  readonly number: number;
  /** Booking decisions taken for it; whether any of them had a compliant slot (inside the window, the chair, the family and half of the agencies free). */
  decisions: number;
  compliantSlotSeen: boolean;
  /** The deadlines (windows move when an earlier core group is held) for which a compliant slot was seen. */
  readonly compliantSlotDues: Set<LocalDate>;
  /**
   * For each deadline, whether the latest booking decision on or before it had a compliant time:
   * false for one lost on the day with nothing left in its window to rebook on.
   */
  lastDecisionCompliant?: Map<LocalDate, boolean>;
  noSlotSeen: boolean;
  /** Working days ahead of the deadline that the chair and manager were told no compliant slot existed (Core Groups). */
  warnedAhead?: number;
  cancellations: string[];
}

export interface RawRun {
  readonly strategy: StrategyName;
  readonly store: Store;
  readonly world: World;
  readonly caseIds: readonly (string | undefined)[];
  readonly records: Map<string, CoreGroupRecord>;
  readonly messages: { teams: number; updated: number; feed: number; mail: number; calendar: number; byTopic: Record<string, number>; dead: number };
  readonly moves: number;
  /** Vice chairs the manager added when told the chair was out of office; core groups a vice chair chaired with the chair off sick. */
  readonly cover: { readonly viceChairsAdded: number; readonly viceChairsOffered: number; readonly chairedByViceChair: number };
  close(): Promise<void>;
}

const MINUTES_TEXT = {
  attendance: 'As recorded.',
  agencyUpdates: 'Each agency gave its update (see the reports).',
  childsVoice: 'The child says home is calmer.',
  childsVoiceHowGathered: 'Seen alone at school by the social worker.',
  parentsViews: 'Parents agree with the plan.',
  planReview: 'Actions reviewed; most on track.',
  nextMeeting: 'As booked.',
};

const REPORT = {
  attendance: 'attending' as const,
  whatHasChanged: 'Attendance up.',
  workingWell: 'Engaging with support.',
  worries: 'Late-night visitors.',
  needsToHappen: 'Keep the plan going.',
  actions: [],
  safetyScale: 6,
};

/** Working days' notice the chair by hand needs to rebook a cancelled core group (phoning round; assumption). */
export const REBOOK_NOTICE = 2;

const londonAt = (day: LocalDate, hhmm: string): string => londonInstant(day, hhmm).toISOString();
const key = (caseIdx: number, n: number) => `${caseIdx}:${n}`;

/**
 * One strategy's year on the world: a fixed clock moved through each working day, the real use cases
 * called as the people would call them, the outbox delivered through the real card, mail and
 * calendar deliveries to recording senders.
 */
export async function runStrategy(world: World, strategy: StrategyName): Promise<RawRun> {
  const p = world.params;
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const clock = fixedClock(londonAt(p.from, '07:00'));
  let ids = 0;
  const ctx: AppContext = {
    store,
    clock,
    profiles: builtInRegistry,
    newId: () => `${strategy === 'baseline' ? 'b' : 'c'}${(++ids).toString(36).padStart(8, '0')}`,
  };
  const today = () => londonDay(clock.now());
  const messages: RawRun['messages'] = { teams: 0, updated: 0, feed: 0, mail: 0, calendar: 0, byTopic: {}, dead: 0 };
  const mailer: Mailer = { send: async () => void messages.mail++ };
  const invitations: Mailer = { send: async () => undefined };
  const embedded = new EmbeddedCalendar({
    db: (store as KyselyStore).db,
    clock,
    mailer: invitations,
    mailFrom: 'core-groups@anytown.gov.uk',
    feedSecret: 'simulation',
  });
  const calendar = new WorldCalendar(world, embedded, clock);
  const chased: { reportId: string; personId: string }[] = [];
  const teams: Messenger = {
    sendToPerson: async (personId) => ({ conversationId: `personal:${personId}`, activityId: `a${++messages.teams}` }),
    sendToChat: async (conversationId) => ({ conversationId, activityId: `a${++messages.teams}` }),
    updateCard: async () => void messages.updated++,
    chatRoster: async (): Promise<ChatMember[]> => {
      throw new DeliveryError('no chats in the simulation', 404);
    },
  };
  const cards = cardDeliveries(ctx, teams, {
    caseUrl: (id) => `https://core-groups.example/cases/${id}`,
    minutesUrl: (id) => `https://core-groups.example/minutes/${id}`,
  });
  const calendarWrites = calendarDeliveries(ctx, calendar);
  const mails = mailDeliveries(ctx, mailer, 'core-groups@anytown.gov.uk');
  // Teams activity-feed notifications (minutes to approve, minutes returned, a late booking).
  const feed: ActivityFeed = { notify: async () => void messages.feed++ };
  const notifications = activityDeliveries(ctx, feed);
  const records = new Map<string, CoreGroupRecord>();
  const recordOf = (caseIdx: number, n: number): CoreGroupRecord => {
    let r = records.get(key(caseIdx, n));
    if (!r)
      records.set(
        key(caseIdx, n),
        (r = { caseIdx, number: n, decisions: 0, compliantSlotSeen: false, compliantSlotDues: new Set(), noSlotSeen: false, cancellations: [] }),
      );
    return r;
  };

  // ---- people, as the app knows them
  const personIds = new Map<number, string>();
  const personIdx = new Map<string, number>();
  const entra = (idx: number) => `00000000-0000-4000-8000-${idx.toString(16).padStart(12, '0')}`;
  const personInput = (x: SimPerson) => ({ displayName: x.displayName, email: x.email, ...(x.inTenant ? { entraObjectId: entra(x.idx) } : {}) });
  // The organisation's staff list and directory: social workers and managers are known before any case.
  for (const person of world.people.filter((x) => x.kind === 'social-worker' || x.kind === 'manager')) {
    await setStaffRoles(ctx, SYSTEM_ACTOR, { email: person.email, roles: [person.kind === 'manager' ? 'team-manager' : 'social-worker'] });
    await store.transaction((tx) => tx.people.insert({ id: `p${person.idx}`, ...personInput(person) }));
    personIds.set(person.idx, `p${person.idx}`);
    personIdx.set(`p${person.idx}`, person.idx);
  }

  // ---- per-case state
  interface CaseState {
    readonly sc: SimCase;
    readonly id: string;
    readonly calendar: WorkingCalendar;
    readonly chair: string;
    nextReview?: LocalDate;
    reviewsHeld: number;
    /** Bookings made of each core group number (a cancelled one is booked again). */
    readonly attempts: Map<number, number>;
    /** Conferences whose series has been booked (Core Groups books it at the first core group after each). */
    readonly seriesBooked: Set<number>;
    dirty: boolean;
  }
  const cases: CaseState[] = [];
  const caseIds: (string | undefined)[] = world.cases.map(() => undefined);
  const byId = new Map<string, CaseState>();
  const actorOf = (c: CaseState) => ({ personId: c.chair });

  const teamOf = (manager: number) => world.people.filter((x) => x.kind === 'social-worker' && x.manager === manager).map((x) => x.idx);
  let viceChairsAdded = 0;
  /** Of those, made from the card's offer (the rest the manager found by asking round their team). */
  let viceChairsOffered = 0;
  /**
   * The manager, told the chair is out of office (for part of a core group's window, or at a core
   * group about to happen), adds a social worker from the team as vice chair, as the alert asks:
   * one at work today and, for a meeting, one whose diary is free then. Either can then chair.
   */
  const coverChair = async (c: CaseState, meeting?: Meeting) => {
    const manager = world.people[c.sc.manager] as SimPerson;
    if (sickOn(manager, today()) || offWork(manager, today())) return;
    const members = await store.transaction((tx) => tx.members.forCase(c.id));
    const vice = members.filter((x) => x.role === 'vice-chair' && !x.leftOn).map((x) => personIdx.get(x.personId));
    if (!meeting && vice.length > 0) return;
    const at = (x: SimPerson) => {
      const day = meeting?.startsAt ? londonDay(meeting.startsAt) : today();
      if (sickOn(x, today()) || sickOn(x, day) || offWork(x, day)) return false;
      return (
        !meeting?.startsAt ||
        !meeting.endsAt ||
        (diaryFree(world, x, meeting.startsAt, meeting.endsAt) && !calendar.bookedClash(x.email, meeting.startsAt, meeting.endsAt))
      );
    };
    const free = teamOf(c.sc.manager).filter((i) => i !== c.sc.chair && !vice.includes(i) && at(world.people[i] as SimPerson));
    const chosen = free[Math.floor(roll(world, 'vice-chair', c.sc.idx, today()) * free.length)];
    if (chosen === undefined) return;
    await addMember(
      ctx,
      { personId: personIds.get(c.sc.manager) as string },
      {
        caseId: c.id,
        member: { person: personInput(world.people[chosen] as SimPerson), agency: 'childrens-social-care', role: 'vice-chair' },
      },
    );
    viceChairsAdded++;
    c.dirty = true;
  };

  const deliverers: Record<OutboxKind, Deliver> = { card: cards, mail: mails, calendar: calendarWrites, activity: notifications };
  const kinds: OutboxKind[] = strategy === 'core-groups' ? ['card', 'activity', 'mail', 'calendar'] : ['calendar'];
  const deliver: Deliver = async (m: ClaimedMessage) => {
    const before = messages.teams + messages.feed;
    await deliverers[m.kind](m);
    if (m.kind === 'calendar') messages.calendar++;
    const sent = messages.teams + messages.feed - before;
    if (sent > 0 || m.kind === 'mail') messages.byTopic[m.topic] = (messages.byTopic[m.topic] ?? 0) + Math.max(sent, 1);
    if (m.topic === 'report.chase' && sent > 0) chased.push({ reportId: String(m.payload.reportId), personId: '' });
    if (m.topic === 'notice.send' && String(m.idempotencyKey).startsWith('no-slot:') && m.caseId) {
      const meetingId = String(m.idempotencyKey).split(':')[1] as string;
      const meeting = await store.transaction((tx) => tx.meetings.byId(meetingId));
      const c = byId.get(m.caseId);
      if (meeting && c) {
        const r = recordOf(c.sc.idx, meeting.number);
        r.warnedAhead ??= Math.max(0, c.calendar.workingDaysBetween(today(), meeting.due));
        // The alert says the chair is out of office: the manager, at work, adds a vice chair.
        const alert = (m.payload as { alert?: { chairAway?: boolean } }).alert;
        if (alert?.chairAway && m.payload.personId === personIds.get(c.sc.manager)) await coverChair(c);
      }
    }
    // Nobody to chair a core group today or next (or, not booked, before its deadline): the manager
    // makes vice chair the first person the card offers (free then, or at work before the deadline, by
    // its calendars); offered nobody, they find someone in their team free at its time.
    if (m.topic === 'notice.send' && String(m.idempotencyKey).startsWith('chair-away:') && m.caseId) {
      const c = byId.get(m.caseId);
      const meeting = await store.transaction((tx) => tx.meetings.byId(String(m.idempotencyKey).split(':')[1] as string));
      const manager = c && (world.people[c.sc.manager] as SimPerson);
      const [offered] = m.payload.alert?.cover ?? [];
      if (!c || !meeting || !manager || m.payload.personId !== personIds.get(c.sc.manager)) return;
      // The card's button: for the time it is booked, or (not booked) for whenever it can be.
      const startsAt = m.payload.alert?.startsAt;
      if (offered && !sickOn(manager, today()) && !offWork(manager, today())) {
        await appointViceChair(
          ctx,
          { personId: m.payload.personId },
          { caseId: c.id, meetingId: meeting.id, ...(startsAt ? { startsAt } : {}), personId: offered.personId },
        );
        viceChairsAdded++;
        viceChairsOffered++;
        c.dirty = true;
      } else await coverChair(c, meeting);
    }
  };
  const random = seededRandom(p.seed + 1);
  const drain = async (only: OutboxKind[] = kinds) => {
    for (let i = 0; i < 1000; i++) {
      const r = await deliverBatch({ store, clock, deliver, kinds: only, workerId: 'sim', batchSize: 500, lanes: 1, random, log: () => undefined });
      messages.dead += r.dead;
      if (r.delivered + r.retrying + r.dead === 0) return;
    }
  };

  // ---- the chair's bookings
  const busyMeetings = async (c: CaseState) => store.transaction((tx) => tx.meetings.forCase(c.id));

  /** The schedule the chair sees; `proposed`, the times chosen for the core groups before it in a series not yet booked. */
  const view = async (c: CaseState, m: Meeting, proposed: readonly ProposedTime[] = []): Promise<ScheduleView> => {
    const v = await scheduleView(ctx, calendar, actorOf(c), { meetingId: m.id, durationMinutes: p.meetingMinutes, proposed });
    const r = recordOf(c.sc.idx, m.number);
    r.decisions++;
    // The deadline this view is for: once those before it are held as booked (or proposed), the one it will have.
    const due = v.window.due;
    if (v.compliant) {
      r.compliantSlotSeen = true;
      r.compliantSlotDues.add(due);
    } else if (today() <= due) r.noSlotSeen = true;
    if (today() <= due) (r.lastDecisionCompliant ??= new Map()).set(due, v.compliant);
    return v;
  };

  const bookingFrom = (v: ScheduleView, m: Meeting) => {
    const slot = v.slots[0];
    if (!slot) return undefined;
    return {
      meetingId: m.id,
      expectedVersion: m.version,
      startsAt: slot.start,
      endsAt: slot.end,
      venue: 'office' as const,
      ...(slot.afterDeadline ? { lateReason: 'No time before the deadline had the chair, the family and half of the agencies free.' } : {}),
    };
  };

  /**
   * A careful chair by hand: the first time they are free on or after the date the cadence gives. A
   * replacement after a cancellation needs REBOOK_NOTICE working days for the chair to ring round.
   */
  const baselineBooking = async (c: CaseState, m: Meeting) => {
    const chair = world.people[c.sc.chair] as SimPerson;
    const replacing = (c.attempts.get(m.number) ?? 0) > 0;
    const earliestInstant = replacing ? c.calendar.addWorkingDays(today(), REBOOK_NOTICE) : addDays(today(), 1);
    let day = m.due >= earliestInstant ? m.due : earliestInstant;
    for (let guard = 0; guard < 120; guard++, day = addDays(day, 1)) {
      if (!c.calendar.isWorkingDay(day) || offWork(chair, day)) continue;
      for (let t = londonInstant(day, '09:30').getTime(); t + p.meetingMinutes * 60_000 <= londonInstant(day, '16:30').getTime(); t += 30 * 60_000) {
        const start = new Date(t).toISOString();
        const end = new Date(t + p.meetingMinutes * 60_000).toISOString();
        if (diaryFree(world, chair, start, end) && !calendar.bookedClash(chair.email, start, end)) {
          return {
            meetingId: m.id,
            expectedVersion: m.version,
            startsAt: start,
            endsAt: end,
            venue: 'office' as const,
            ...(day > m.due ? { lateReason: 'The first day the chair was free.' } : {}),
          };
        }
      }
    }
    return undefined;
  };

  const request = async (c: CaseState, m: Meeting) => {
    const reports = await requestReports(ctx, actorOf(c), { meetingId: m.id });
    // Each professional's habit decides when (or whether) their update comes in.
    const members = await store.transaction((tx) => tx.members.forCase(c.id));
    for (const r of reports) {
      const member = members.find((x) => x.id === r.memberId);
      const idx = member ? personIdx.get(member.personId) : undefined;
      if (idx === undefined) continue;
      const h = updateHabit(world, c.sc.idx, m.number, idx);
      if (h.habit === 'on-time')
        submissions.push({ on: c.calendar.addWorkingDays(today(), h.workingDaysAfterRequest), reportId: r.id, personId: member?.personId as string });
      habits.set(r.id, h);
    }
  };
  const habits = new Map<string, ReturnType<typeof updateHabit>>();
  const submissions: { on: LocalDate; reportId: string; personId: string }[] = [];
  const requested = new Set<string>();

  const book = async (c: CaseState, m: Meeting): Promise<void> => {
    const v = await view(c, m);
    const booking = strategy === 'core-groups' ? bookingFrom(v, m) : await baselineBooking(c, m);
    // Nothing offered (the chair out of office on every day looked at): the chair looks again later.
    if (!booking) {
      c.dirty = true;
      return;
    }
    await bookMeeting(ctx, actorOf(c), booking);
    c.attempts.set(m.number, (c.attempts.get(m.number) ?? 0) + 1);
    await drain(['calendar']);
  };

  /** Core Groups: the whole series to the next review in one go, at the first core group after a conference. */
  const bookSeriesFor = async (c: CaseState, planned: Meeting[]) => {
    const bookings: NonNullable<ReturnType<typeof bookingFrom>>[] = [];
    for (const m of planned) {
      // As the series page asks: each core group's times given the times chosen before it, so its
      // window is the one it will have once those are held as booked.
      const v = await view(
        c,
        m,
        bookings.map((b) => ({ meetingId: b.meetingId, startsAt: b.startsAt })),
      );
      const b = bookingFrom(v, m);
      // The best time first: one not after the one before ends the series here, and the rest are
      // booked one by one as their turn comes.
      const previous = bookings.at(-1);
      if (!b || (previous && londonDay(b.startsAt) <= londonDay(previous.startsAt))) break;
      bookings.push(b);
      if (v.slots[0]?.afterDeadline) break;
      if (m.finalBeforeReview) break;
    }
    if (bookings.length === 0) {
      c.dirty = true;
      return;
    }
    await bookSeries(ctx, actorOf(c), { caseId: c.id, bookings });
    for (const b of bookings) {
      const m = planned.find((x) => x.id === b.meetingId) as Meeting;
      c.attempts.set(m.number, (c.attempts.get(m.number) ?? 0) + 1);
    }
    await drain(['calendar']);
  };

  let moves = 0;
  /** What the chair does on a case when something changed: book what needs booking, move what the plan now says is late. */
  const plan = async (c: CaseState) => {
    c.dirty = false;
    const meetings = (await busyMeetings(c)).sort((a, b) => a.number - b.number);
    const next = meetings.find((m) => m.status === 'planned' || m.status === 'booked');
    if (!next) return;
    const held = meetings.filter((m) => m.status === 'held');
    if (strategy === 'baseline') {
      // By hand: only the next core group is ever booked (at the end of the one before, or after a cancellation).
      if (next.status === 'planned') await book(c, next);
    } else {
      const conference = c.reviewsHeld;
      const planned = meetings.filter((m) => m.status === 'planned' && m.number >= next.number);
      if (held.length > 0 && !c.seriesBooked.has(conference) && planned.length > 0) {
        c.seriesBooked.add(conference);
        await bookSeriesFor(c, planned);
      } else if (next.status === 'planned') await book(c, next);
      // The tab (and an alert) shows a booked core group the re-plan has made late: the chair moves it
      // to the best time inside its new window, if there is one.
      for (const m of (await busyMeetings(c)).filter((x) => x.status === 'booked' && x.startsAt && londonDay(x.startsAt) > x.due && today() <= x.due)) {
        const v = await view(c, m);
        if (v.slots[0] && !v.slots[0].afterDeadline) {
          await bookMeeting(ctx, actorOf(c), {
            meetingId: m.id,
            expectedVersion: m.version,
            startsAt: v.slots[0].start,
            endsAt: v.slots[0].end,
            venue: 'office',
          });
          moves++;
          await drain(['calendar']);
        }
      }
    }
    const upcoming = (await busyMeetings(c)).filter((m) => m.status === 'booked').sort((a, b) => a.number - b.number)[0];
    if (upcoming && !requested.has(upcoming.id)) {
      requested.add(upcoming.id);
      await request(c, upcoming);
    }
  };

  /**
   * The plan is signed at the core group the procedure names: the chair records it (once per case)
   * and every member who agrees a plan agrees it there, through the same use cases the cards call.
   */
  const planned = new Set<string>();
  const signPlanAt = async (c: CaseState, m: Meeting) => {
    const due = (await store.transaction((tx) => tx.obligations.forCoreGroup(c.id, m.number))).some((o) => o.kind === 'plan-signed' && !o.doneOn);
    if (!due) return;
    if (!planned.has(c.id)) {
      planned.add(c.id);
      await recordPlan(ctx, actorOf(c), { caseId: c.id, outcomes: ['The child is safe at home.'] });
    }
    const members = await store.transaction((tx) => tx.members.forCase(c.id));
    for (const member of members.filter(agreesPlan)) await signPlan(ctx, { personId: member.personId }, { caseId: c.id, agrees: true });
  };

  /**
   * Hours to write one set of minutes. With Core Groups the chair starts from the pre-filled draft
   * (draftMinutes: attendance, each agency's update as submitted, the plan's actions, the next date),
   * so the more updates came in before the meeting, the less there is to write up from notes.
   */
  const minutesEffort = async (m: Meeting): Promise<number> => {
    if (strategy === 'baseline') return p.minutesEffort;
    const reports = await store.transaction((tx) => tx.reports.forMeeting(m.id));
    const inShare = reports.length ? reports.filter((r) => r.status === 'submitted').length / reports.length : 0;
    return p.minutesEffort * (1 - p.prefillSaving * inShare);
  };

  // ---- minutes: each chair's queue and hours
  const minutesQueue = new Map<string, { meetingId: string; caseState: CaseState; writer: string; effortLeft: number }[]>();
  let coveredByViceChair = 0;
  const hours = new Map<string, number>();
  const toCirculate: { minutesId: string; c: CaseState }[] = [];
  const pendingDecision: { minutesId: string; c: CaseState; submittedOn: LocalDate }[] = [];

  // ---- the loop
  const openCase = async (sc: SimCase) => {
    const chair = world.people[sc.chair] as SimPerson;
    const manager = world.people[sc.manager] as SimPerson;
    const members = [
      { person: personInput(chair), agency: 'childrens-social-care' as const, role: 'chair' as const },
      { person: personInput(manager), agency: 'childrens-social-care' as const, role: 'manager' as const },
      ...sc.professionals.map((i) => ({
        person: personInput(world.people[i] as SimPerson),
        agency: (world.people[i] as SimPerson).agency,
        role: 'professional' as const,
      })),
      ...sc.parents.map((i) => ({ person: personInput(world.people[i] as SimPerson), agency: 'family' as const, role: 'parent-carer' as const })),
    ];
    const initials = sc.childName
      .split(' ')
      .map((s) => s.charAt(0))
      .join('');
    const created = await createCase(
      ctx,
      { personId: personIds.get(sc.chair) as string },
      { reference: sc.reference, childName: sc.childName, childInitials: initials, profileId: sc.profileId, icpcDate: sc.icpc, members },
    );
    const stored = await store.transaction(async (tx) => {
      const ms = await tx.members.forCase(created.id);
      return { people: await tx.people.byIds(ms.map((m) => m.personId)), obligations: await tx.obligations.forCase(created.id) };
    });
    for (const person of stored.people) {
      const idx = world.people.find((x) => x.email === person.email)?.idx;
      if (idx !== undefined) {
        personIds.set(idx, person.id);
        personIdx.set(person.id, idx);
      }
    }
    const profile = builtInRegistry.get(created.profileId, created.profileVersion);
    const state: CaseState = {
      sc,
      id: created.id,
      calendar: calendarFor(profile),
      chair: created.socialWorkerId,
      reviewsHeld: 0,
      attempts: new Map(),
      seriesBooked: new Set(),
      dirty: true,
    };
    state.nextReview = stored.obligations.filter((o) => o.kind === 'review-conference' && !o.doneOn).sort((a, b) => a.due.localeCompare(b.due))[0]?.due;
    cases.push(state);
    byId.set(created.id, state);
    caseIds[sc.idx] = created.id;
  };

  for (let day = p.from; day <= world.lastDay; day = addDays(day, 1)) {
    if (isWeekend(day)) continue;
    clock.set(londonAt(day, '07:00'));
    if (strategy === 'core-groups') {
      await scheduleReminders(ctx);
      await checkChairCover(ctx, calendar);
      await drain();
      for (const ch of chased.splice(0)) {
        const habit = habits.get(ch.reportId);
        if (habit && habit.habit !== 'on-time' && habit.chased < p.chaseResponse) submissions.push({ on: day, reportId: ch.reportId, personId: '' });
      }
    }
    clock.set(londonAt(day, '08:30'));
    // Conferences: ICPCs open cases; reviews are held on their day by the conference service.
    for (const sc of world.cases) if (sc.icpc === day) await openCase(sc);
    for (const c of cases) {
      if (c.nextReview && c.nextReview <= day) {
        await recordReviewConference(ctx, actorOf(c), { caseId: c.id, heldOn: day });
        c.reviewsHeld++;
        c.seriesBooked.delete(c.reviewsHeld);
        const obligations = await store.transaction((tx) => tx.obligations.forCase(c.id));
        c.nextReview = obligations.filter((o) => o.kind === 'review-conference' && !o.doneOn).sort((a, b) => a.due.localeCompare(b.due))[0]?.due;
        c.dirty = true;
      }
      const change = c.sc.change;
      if (change && change.on === day) {
        const members = await store.transaction((tx) => tx.members.forCase(c.id));
        const leaving = members.find((m) => m.personId === personIds.get(change.leaves) && !m.leftOn);
        if (leaving) await removeMember(ctx, actorOf(c), { caseId: c.id, memberId: leaving.id });
        const joiner = world.people[change.joins] as SimPerson;
        if (!members.some((m) => m.personId === personIds.get(change.joins) && !m.leftOn)) {
          const added = await addMember(ctx, actorOf(c), {
            caseId: c.id,
            member: { person: personInput(joiner), agency: joiner.agency, role: 'professional' },
          });
          personIds.set(joiner.idx, added.personId);
          personIdx.set(added.personId, joiner.idx);
        }
      }
    }
    // Updates that come in today (before any meeting starts at 09:30).
    for (const s of submissions.filter((x) => x.on === day)) {
      const report = await store.transaction((tx) => tx.reports.byId(s.reportId));
      if (!report || report.status === 'submitted') continue;
      const member = (await store.transaction((tx) => tx.members.forCase(report.caseId))).find((m) => m.id === report.memberId);
      if (!member || member.leftOn) continue;
      await submitReport(ctx, { personId: member.personId }, { reportId: s.reportId, content: REPORT }).catch(() => undefined);
    }
    // The chair books and re-books.
    for (const c of cases) if (c.dirty) await plan(c);
    await drain();

    // Core groups today.
    const todays = await store.transaction((tx) => tx.meetings.bookedBetween(londonAt(day, '00:00'), londonAt(addDays(day, 1), '00:00')));
    for (const m of todays.sort((a, b) => (a.startsAt as string).localeCompare(b.startsAt as string))) {
      const c = byId.get(m.caseId);
      if (!c || !m.startsAt) continue;
      clock.set(m.startsAt);
      const chair = world.people[c.sc.chair] as SimPerson;
      const members = await store.transaction((tx) => tx.members.forCase(c.id));
      const attempt = c.attempts.get(m.number) ?? 1;
      const pros = members.filter((x) => x.role === 'professional' && !x.leftOn);
      const canCome = (x: Member) => {
        const sim = world.people[personIdx.get(x.personId) ?? -1];
        if (!sim) return true;
        if (sickOn(sim, day) || offWork(sim, day)) return false;
        return (
          (diaryFree(world, sim, m.startsAt as string, m.endsAt as string) &&
            !calendar.bookedClash(sim.email, m.startsAt as string, m.endsAt as string, m.calendarEventId)) ||
          movesCommitment(world, c.sc.idx, m.number, attempt, sim.idx)
        );
      };
      const can = pros.map(canCome);
      // The chair off sick: a vice chair able to come chairs in their place.
      const chairSick = sickOn(chair, day);
      const cover = chairSick ? members.find((x) => x.role === 'vice-chair' && !x.leftOn && canCome(x)) : undefined;
      const reason =
        chairSick && !cover
          ? 'The chair is off sick today.'
          : can.length > 0 && can.filter(Boolean).length / can.length < p.quorum
            ? 'Too few of the core group could attend today.'
            : undefined;
      if (reason) {
        recordOf(c.sc.idx, m.number).cancellations.push(reason);
        await cancelMeeting(ctx, actorOf(c), { meetingId: m.id, reason });
        c.dirty = true;
        continue;
      }
      clock.set(m.endsAt as string);
      const earlierWaiting = (await busyMeetings(c)).some((x) => x.number < m.number && x.status !== 'held' && x.status !== 'cancelled');
      if (earlierWaiting) {
        // The core group before it is not held: lost on its day and not yet rebooked (the schedule
        // offers it no time after this one), or left behind by a move. This one cannot be held in
        // its place (ensureHeldInOrder), so the chair cancels it to rebook both in order: counted.
        const why = 'The core group before it has not been held yet.';
        recordOf(c.sc.idx, m.number).cancellations.push(why);
        await cancelMeeting(ctx, actorOf(c), { meetingId: m.id, reason: why });
        c.dirty = true;
        continue;
      }
      await recordMeetingHeld(ctx, actorOf(c), {
        meetingId: m.id,
        heldOn: day,
        attendance: members
          .filter((x) => !x.leftOn)
          .map((x) => ({
            memberId: x.id,
            status: x.role !== 'professional' || can[pros.indexOf(x)] !== false ? ('attended' as const) : ('apologies' as const),
          })),
      });
      await signPlanAt(c, m);
      // Whoever chaired writes the minutes.
      const writer = cover?.personId ?? c.chair;
      if (cover) coveredByViceChair++;
      const queue = minutesQueue.get(writer) ?? [];
      queue.push({ meetingId: m.id, caseState: c, writer, effortLeft: await minutesEffort(m) });
      minutesQueue.set(writer, queue);
      c.dirty = true;
    }
    clock.set(londonAt(day, '16:00'));
    // Short-notice cancellations: the family, or a professional's emergency, the working day before.
    const tomorrow = await store.transaction((tx) => tx.meetings.bookedBetween(londonAt(addDays(day, 1), '00:00'), londonAt(addDays(day, 4), '00:00')));
    for (const m of tomorrow) {
      const c = byId.get(m.caseId);
      if (!c || !m.startsAt || c.calendar.workingDaysBetween(day, londonDay(m.startsAt)) !== 1) continue;
      const who = cancellation(world, c.sc.idx, m.number, c.attempts.get(m.number) ?? 1);
      if (!who) continue;
      const reason = who === 'family' ? 'The family cancelled at short notice.' : 'A professional emergency cancelled it at short notice.';
      recordOf(c.sc.idx, m.number).cancellations.push(reason);
      await cancelMeeting(ctx, actorOf(c), { meetingId: m.id, reason });
      c.dirty = true;
      await plan(c);
    }
    for (const c of cases) if (c.dirty) await plan(c);

    // Minutes: each chair writes with the hours they have; the manager decides what came in before today.
    clock.set(londonAt(day, '16:15'));
    for (const [chairId, queue] of minutesQueue) {
      const sim = world.people[personIdx.get(chairId) ?? -1];
      if (sim && (sickOn(sim, day) || offWork(sim, day))) continue;
      let left = Math.min(p.minutesHours, (hours.get(chairId) ?? 0) + p.minutesHours / 5);
      // By hand, circulating approved minutes is the chair's job too (a quarter of an hour each).
      if (strategy === 'baseline') {
        for (const item of toCirculate.filter((x) => x.c.chair === chairId)) {
          if (left < 0.25) break;
          left -= 0.25;
          const members = await store.transaction((tx) => tx.members.forCase(item.c.id));
          await markMinutesCirculated(ctx, actorOf(item.c), {
            minutesId: item.minutesId,
            recipients: members.filter((x) => !x.leftOn).map((x) => ({ personId: x.personId, channel: 'mail' as const, at: clock.now() })),
          });
          toCirculate.splice(toCirculate.indexOf(item), 1);
        }
      }
      while (queue.length && left > 0) {
        const item = queue[0] as (typeof queue)[number];
        const spent = Math.min(left, item.effortLeft);
        item.effortLeft -= spent;
        left -= spent;
        if (item.effortLeft > 1e-9) break;
        queue.shift();
        const actor = { personId: item.writer };
        const draft = await draftMinutes(ctx, actor, { meetingId: item.meetingId });
        const edited = await editMinutes(ctx, actor, {
          minutesId: draft.id,
          expectedVersion: draft.version,
          sections: { ...MINUTES_TEXT, reviewRecommendation: 'Remain on a plan.' },
        });
        await submitMinutes(ctx, actor, { minutesId: edited.id, expectedVersion: edited.version });
        pendingDecision.push({ minutesId: edited.id, c: item.caseState, submittedOn: day });
      }
      hours.set(chairId, left);
    }
    clock.set(londonAt(day, '16:30'));
    for (const item of [...pendingDecision]) {
      const manager = world.people[item.c.sc.manager] as SimPerson;
      if (item.submittedOn >= day || sickOn(manager, day) || offWork(manager, day)) continue;
      const managerId = personIds.get(item.c.sc.manager) as string;
      await decideMinutes(ctx, { personId: managerId }, { minutesId: item.minutesId, decision: 'approve' });
      pendingDecision.splice(pendingDecision.indexOf(item), 1);
      if (strategy === 'baseline') toCirculate.push({ minutesId: item.minutesId, c: item.c });
    }
    await drain();
  }
  return {
    strategy,
    store,
    world,
    caseIds,
    records,
    messages: { ...messages, calendar: calendar.writes.created + calendar.writes.updated + calendar.writes.cancelled },
    moves,
    cover: { viceChairsAdded, viceChairsOffered, chairedByViceChair: coveredByViceChair },
    close: () => store.close(),
  };
}
