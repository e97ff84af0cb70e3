import { addDays, addMonths, addWeeks, formatLong, LocalDate, maxDate, minDate } from '../calendar/local-date';
import { WorkingCalendar, workingCalendar } from '../calendar/working-days';
import { DomainError } from '../errors';
import { Anchor, DeadlineAt } from './deadline';
import { describeDuration, Duration } from './duration';
import { CaseHistory, NormalisedHistory, normaliseHistory } from './history';
import { Citation, citationLabel, Obligation, ObligationKind } from './obligation';
import { PolicyProfile } from './profile';

/**
 * The most review conferences ahead a plan reaches: ten is about five years of six-monthly reviews,
 * longer than almost any child stays on a plan. Further is not a plan anyone acts on, and every
 * review adds months of obligations to count.
 */
export const MAX_HORIZON_REVIEWS = 10;

export interface PlanOptions {
  /** How many review conferences not yet held to plan up to (default 2, at most MAX_HORIZON_REVIEWS). */
  readonly horizonReviews?: number;
  /** The day the plan is made on, when the caller knows it: nothing in the history can be after it. */
  readonly today?: LocalDate;
}

export const HORIZON_PROBLEM = `must be a whole number of review conferences from 1 to ${MAX_HORIZON_REVIEWS}`;

interface Conference {
  /** 0 for the initial conference, k for review conference k. */
  readonly number: number;
  readonly date: LocalDate;
  readonly anchor: Anchor;
}

interface CoreGroup {
  readonly number: number;
  readonly date: LocalDate;
  readonly anchor: Anchor;
  readonly obligation: Obligation;
}

interface RuleRef {
  readonly rule: string;
  readonly source: string;
  readonly section?: string;
}

/** Everything a planning step needs, built once per plan. */
interface Context {
  readonly profile: PolicyProfile;
  readonly calendar: WorkingCalendar;
  readonly history: NormalisedHistory;
  /** Whether history.completed names anything. */
  readonly anyCompleted: boolean;
}

const ordinal = (n: number): string => {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
};

const citations = new WeakMap<PolicyProfile, { byRef: WeakMap<RuleRef, Citation>; byKey: Map<string, Citation> }>();

/** One shared, frozen citation per source and section of a profile. */
function cite(ctx: Context, ref: RuleRef): Citation {
  let cache = citations.get(ctx.profile);
  if (!cache) citations.set(ctx.profile, (cache = { byRef: new WeakMap(), byKey: new Map() }));
  // The profile's own rule objects are the refs almost always: one lookup, no key to build.
  const known = cache.byRef.get(ref);
  if (known) return known;
  const key = `${ref.source}\u0000${ref.section ?? ''}`;
  let citation = cache.byKey.get(key);
  if (!citation) {
    const source = ctx.profile.sources[ref.source];
    // The profile schema guarantees every cited source exists; this keeps the type honest.
    if (!source) throw new Error(`profile ${ctx.profile.id} cites missing source ${ref.source}`);
    const section = ref.section ? { section: ref.section } : {};
    citation = Object.freeze({ id: ref.source, ...source, ...section, label: citationLabel(source.title, ref.section, source.where) });
    cache.byKey.set(key, citation);
  }
  cache.byRef.set(ref, citation);
  return citation;
}

type ObligationFields = Omit<Obligation, 'rule' | 'source' | 'explanation'> & { readonly explain: () => string };

/**
 * An obligation whose explanation is worded when it is first read, not when it is planned: the words
 * cost several times the dates, and a caseload's compliance (50,000 cases) needs only the dates. The
 * getter is on the prototype, which V8 makes as cheap as a plain field to create; `toJSON` and
 * `plainObligation` give a plain object with the words, so a response or a spread never loses them.
 */
class PlannedObligation implements Obligation {
  declare readonly id: string;
  declare readonly kind: Obligation['kind'];
  declare readonly due: LocalDate;
  declare readonly earliest: LocalDate | undefined;
  declare readonly number: number | undefined;
  declare readonly meetingId: string | undefined;
  declare readonly finalBeforeReview: boolean | undefined;
  declare readonly doneOn: LocalDate | undefined;
  declare readonly rule: string;
  declare readonly source: Citation;
  #explain: (() => string) | undefined;
  #explanation: string | undefined;

  constructor(f: Omit<ObligationFields, 'explain'>, doneOn: LocalDate | undefined, rule: string, source: Citation, explain: () => string) {
    this.id = f.id;
    this.kind = f.kind;
    this.due = f.due;
    this.earliest = f.earliest;
    this.number = f.number;
    this.meetingId = f.meetingId;
    this.finalBeforeReview = f.finalBeforeReview;
    this.doneOn = doneOn;
    this.rule = rule;
    this.source = source;
    this.#explain = explain;
  }

  get explanation(): string {
    if (this.#explanation === undefined) {
      this.#explanation = (this.#explain as () => string)();
      this.#explain = undefined;
    }
    return this.#explanation;
  }

  toJSON(): Obligation {
    return plainObligation(this);
  }
}

/** An obligation as a plain object, its explanation included (a bare spread of a planned one would lose it). */
export const plainObligation = (o: Obligation): Obligation => ({ ...o, explanation: o.explanation });

/** Every obligation is built in this one shape, which keeps planning a whole caseload fast. */
function obligation(ctx: Context, ref: RuleRef, f: ObligationFields): Obligation {
  // Most histories complete nothing by id: no lookup (and no hashing of a new id string) for them.
  return new PlannedObligation(f, f.doneOn ?? (ctx.anyCompleted ? ctx.history.completed[f.id] : undefined), ref.rule, cite(ctx, ref), f.explain);
}

/** A meeting as the anchor of what follows it: one object, its words made by a method when read. */
class MeetingAnchor implements Anchor {
  readonly date: LocalDate;
  constructor(
    private readonly what: string,
    private readonly held: LocalDate | undefined,
    private readonly due: LocalDate,
  ) {
    this.date = held ?? due;
  }

  label(): string {
    return this.held ? `${this.what}, held on ${formatLong(this.held)}` : `${this.what}, due ${formatLong(this.due)} (not yet held)`;
  }
}

function heldOrDue(what: string, held: LocalDate | undefined, due: LocalDate): Anchor {
  return new MeetingAnchor(what, held, due);
}

// ---------------------------------------------------------------------------------------------
// Conferences

function planConferences(ctx: Context, horizonReviews: number): { conferences: Conference[]; obligations: Obligation[] } {
  const { profile, calendar, history } = ctx;
  const initial: Conference = {
    number: 0,
    date: history.icpc,
    anchor: { date: history.icpc, label: () => `the ${profile.conferenceName.initial} on ${formatLong(history.icpc)}` },
  };
  const conferences = [initial];
  const obligations: Obligation[] = [];
  let notYetHeld = 0;
  for (let k = 1; notYetHeld < horizonReviews; k++) {
    const previous = conferences[k - 1] as Conference;
    const rule = k === 1 ? (history.preBirth && profile.reviews.firstPreBirth) || profile.reviews.first : profile.reviews.later;
    const deadline = new DeadlineAt(calendar, previous.anchor, rule.within);
    const held = history.reviewConferencesHeld[k - 1];
    if (!held) notYetHeld += 1;
    const what = `${profile.conferenceName.review} ${k}`;
    obligations.push(
      obligation(ctx, rule, {
        id: `review-conference-${k}`,
        kind: 'review-conference',
        due: deadline.due,
        number: k,
        doneOn: held,
        explain: () =>
          `${capitalise(what)}: within ${describeDuration(rule.within)} of the previous conference${k === 1 && history.preBirth && profile.reviews.firstPreBirth ? ' (pre-birth plan)' : ''}. ${deadline.reasoning()}`,
      }),
    );
    conferences.push({ number: k, date: held ?? deadline.due, anchor: heldOrDue(`the ${what}`, held, deadline.due) });
  }
  return { conferences, obligations };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Core groups

/**
 * The booking window: from the first working day after the previous meeting (the first core group:
 * after the conference), but for later meetings not more than the profile's window before the due
 * date, so meetings do not bunch up.
 */
function earliestFor(ctx: Context, previous: LocalDate, due: LocalDate, windowed: boolean): LocalDate {
  const window = ctx.profile.coreGroups.bookingWindow;
  let opens = addDays(previous, 1);
  if (windowed) opens = maxDate(opens, 'workingDays' in window ? ctx.calendar.subtractWorkingDays(due, window.workingDays) : windowStart(due, window));
  return minDate(ctx.calendar.onOrAfter(opens), due);
}

function windowStart(due: LocalDate, window: Exclude<Duration, { workingDays: number }>): LocalDate {
  return 'days' in window ? addDays(due, -window.days) : 'weeks' in window ? addWeeks(due, -window.weeks) : addMonths(due, -window.months);
}

function coreGroupObligation(
  ctx: Context,
  n: number,
  ref: RuleRef,
  anchor: Anchor,
  within: Duration,
  intro: string,
  held: LocalDate | undefined,
  previousDate: LocalDate,
): CoreGroup {
  const deadline = new DeadlineAt(ctx.calendar, anchor, within);
  const date = held ?? deadline.due;
  return {
    number: n,
    date,
    anchor: heldOrDue(`core group ${n}`, held, deadline.due),
    obligation: obligation(ctx, ref, {
      id: `core-group-${n}`,
      kind: 'core-group',
      due: deadline.due,
      earliest: earliestFor(ctx, previousDate, deadline.due, n > 1),
      number: n,
      doneOn: held,
      explain: () => `Core group ${n}: ${intro}. ${deadline.reasoning()}`,
    }),
  };
}

/** The first two core groups are set the same way under every profile. */
function firstOrSecond(ctx: Context, n: 1 | 2, previous: CoreGroup | undefined, held: LocalDate | undefined, icpc: Anchor): CoreGroup {
  const { first, second } = ctx.profile.coreGroups;
  if (n === 1 || !previous) {
    return coreGroupObligation(ctx, 1, first, icpc, first.within, `within ${describeDuration(first.within)} of the initial conference`, held, icpc.date);
  }
  const fromIcpc = second.from === 'initial-conference';
  const anchor = fromIcpc ? icpc : previous.anchor;
  const intro = `within ${describeDuration(second.within)} of ${fromIcpc ? 'the initial conference' : 'the first core group'}`;
  return coreGroupObligation(ctx, 2, second, anchor, second.within, intro, held, previous.date);
}

/**
 * Cadence profiles: each core group is due a fixed gap after the previous one, measured from the day
 * it was actually held (or its due date if it has not been), so one late meeting does not make every
 * later one look late. Planning stops at the horizon's last review conference.
 */
function planCadence(ctx: Context, conferences: readonly Conference[], every: Duration, ref: RuleRef & { wording: string }): CoreGroup[] {
  const icpc = (conferences[0] as Conference).anchor;
  const horizonEnd = (conferences[conferences.length - 1] as Conference).date;
  const held = ctx.history.coreGroupsHeld;
  const groups: CoreGroup[] = [];
  for (let n = 1; ; n++) {
    const previous = groups[groups.length - 1];
    const heldOn = held[n - 1];
    const group =
      n <= 2
        ? firstOrSecond(ctx, n as 1 | 2, previous, heldOn, icpc)
        : coreGroupObligation(
            ctx,
            n,
            ref,
            (previous as CoreGroup).anchor,
            every,
            `${ref.wording}, so within ${describeDuration(every)} of the previous core group`,
            heldOn,
            (previous as CoreGroup).date,
          );
    if (!heldOn && group.date >= horizonEnd) break;
    groups.push(group);
  }
  return groups;
}

/**
 * Profiles that set core groups at fixed points after each review (Northern Ireland: at about 2 and 4
 * months). Each period between conferences has its slots; the core groups held in that period fill
 * them in order, and any beyond the slots are additional meetings (allowed when needed).
 */
function planAfterEachReview(ctx: Context, conferences: readonly Conference[], at: readonly Duration[], ref: RuleRef & { wording: string }): CoreGroup[] {
  const icpc = (conferences[0] as Conference).anchor;
  const groups: CoreGroup[] = [];
  const held = ctx.history.coreGroupsHeld;
  for (let p = 0; p < conferences.length - 1; p++) {
    const start = (conferences[p] as Conference).date;
    const end = (conferences[p + 1] as Conference).date;
    const heldHere = held.filter((d) => d >= start && d < end);
    const slots = p === 0 ? 2 : at.length;
    for (let i = 0; i < Math.max(slots, heldHere.length); i++) {
      const n = groups.length + 1;
      const previous = groups[groups.length - 1];
      const heldOn = heldHere[i];
      if (i >= slots) {
        groups.push(additional(ctx, n, heldOn as LocalDate, ref));
      } else if (p === 0) {
        groups.push(firstOrSecond(ctx, (i + 1) as 1 | 2, previous, heldOn, icpc));
      } else {
        const conference = conferences[p] as Conference;
        const offset = at[i] as Duration;
        const intro = `${ref.wording}: the ${ordinal(i + 1)} after the review, ${describeDuration(offset)} after it`;
        groups.push(coreGroupObligation(ctx, n, ref, conference.anchor, offset, intro, heldOn, previous?.date ?? conference.date));
      }
    }
  }
  return groups;
}

function additional(ctx: Context, n: number, heldOn: LocalDate, ref: RuleRef): CoreGroup {
  return {
    number: n,
    date: heldOn,
    anchor: heldOrDue(`core group ${n}`, heldOn, heldOn),
    obligation: obligation(
      ctx,
      { ...ref, rule: `${ref.rule}.additional` },
      {
        id: `core-group-${n}`,
        kind: 'core-group',
        due: heldOn,
        number: n,
        doneOn: heldOn,
        explain: () => `Core group ${n}: an additional core group, held on ${formatLong(heldOn)}. Procedures allow extra core groups when the case needs them.`,
      },
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Obligations that hang off meetings

function minutesFor(ctx: Context, group: CoreGroup): Obligation[] {
  const { toManager, signedOff, circulated } = ctx.profile.minutes;
  const meetingId = `core-group-${group.number}`;
  const out: Obligation[] = [];
  let signOffAnchor: Anchor | undefined;
  if (toManager) {
    const d = new DeadlineAt(ctx.calendar, group.anchor, toManager.within);
    const id = `minutes-to-manager-${meetingId}`;
    out.push(
      obligation(ctx, toManager, {
        id,
        kind: 'minutes-to-manager',
        due: d.due,
        meetingId,
        explain: () => `Minutes of core group ${group.number} to the manager for approval. ${d.reasoning()}`,
      }),
    );
    const sent = ctx.history.completed[id];
    signOffAnchor = sent
      ? { date: sent, label: () => `the day the minutes reached the manager (${formatLong(sent)})` }
      : { date: d.due, label: () => `the day the minutes are due with the manager (${formatLong(d.due)})` };
  }
  if (signedOff && signOffAnchor) {
    const d = new DeadlineAt(ctx.calendar, signOffAnchor, signedOff.within);
    out.push(
      obligation(ctx, signedOff, {
        id: `minutes-signed-off-${meetingId}`,
        kind: 'minutes-signed-off',
        due: d.due,
        meetingId,
        explain: () => `The manager signs off the minutes of core group ${group.number}. ${d.reasoning()}`,
      }),
    );
  }
  const d = new DeadlineAt(ctx.calendar, group.anchor, circulated.within);
  out.push(
    obligation(ctx, circulated, {
      id: `minutes-circulated-${meetingId}`,
      kind: 'minutes-circulated',
      due: d.due,
      meetingId,
      explain: () => `Minutes of core group ${group.number} circulated to every member. ${d.reasoning()}`,
    }),
  );
  return out;
}

/**
 * Which conference period a day falls in: the last conference on or before it. A core group on the
 * same day as a conference is the first after it, not the last before it: the conference sits first
 * and the core group carries forward the plan it agreed (the profiles' notes say so in words).
 */
function periodOf(conferences: readonly Conference[], date: LocalDate): number {
  let p = 0;
  for (let i = 1; i < conferences.length; i++) if ((conferences[i] as Conference).date <= date) p = i;
  return p;
}

function conferenceName(ctx: Context, c: Conference): string {
  return c.number === 0 ? `the ${ctx.profile.conferenceName.initial}` : `${ctx.profile.conferenceName.review} ${c.number}`;
}

interface PeriodFacts {
  readonly obligations: Obligation[];
  /** Core groups that are the last before a review conference. */
  readonly finals: Set<number>;
  /** Core groups on the same day as a review conference, with that conference. */
  readonly sameDay: Map<number, Conference>;
}

/** Set dates, plan signature and the final core group before a review: positions within each period. */
function periodObligations(ctx: Context, conferences: readonly Conference[], groups: readonly CoreGroup[]): PeriodFacts {
  const { profile } = ctx;
  const byPeriod = new Map<number, CoreGroup[]>();
  for (const g of groups) {
    const p = periodOf(conferences, g.date);
    const inPeriod = byPeriod.get(p);
    if (inPeriod) inPeriod.push(g);
    else byPeriod.set(p, [g]);
  }
  const out: Obligation[] = [];
  const finals = new Set<number>();
  const sameDay = new Map<number, Conference>();
  for (const [p, inPeriod] of byPeriod) {
    const conference = conferences[p] as Conference;
    const after = (): string => `after ${conferenceName(ctx, conference)} (${formatLong(conference.date)})`;
    const first = inPeriod[0] as CoreGroup;
    if (p > 0 && first.date === conference.date) sameDay.set(first.number, conference);
    if (profile.setFutureDates) {
      out.push(
        obligation(ctx, profile.setFutureDates, {
          id: `set-future-dates-core-group-${first.number}`,
          kind: 'set-future-dates',
          due: first.date,
          meetingId: first.obligation.id,
          explain: () =>
            `Dates of the core groups up to the next review conference are set at the first core group ${after()}: core group ${first.number}, ${first.anchor.label().replace(/^core group \d+, /, '')}.`,
        }),
      );
    }
    const signature = profile.planSignature;
    const signing = signature ? inPeriod[signature.atCoreGroup - 1] : undefined;
    if (signature && signing) {
      out.push(
        obligation(ctx, signature, {
          id: `plan-signed-core-group-${signing.number}`,
          kind: 'plan-signed',
          due: signing.date,
          meetingId: signing.obligation.id,
          explain: () =>
            `Every core group member signs the Child Protection Plan at the ${ordinal(signature.atCoreGroup)} core group ${after()}: core group ${signing.number}, ${signing.anchor.label().replace(/^core group \d+, /, '')}.`,
        }),
      );
    }
    const next = conferences[p + 1];
    const last = inPeriod[inPeriod.length - 1] as CoreGroup;
    if (!next) continue;
    finals.add(last.number);
    const before = (): string =>
      `before ${conferenceName(ctx, next)} (${next.anchor.label().includes('not yet held') ? 'due' : 'held'} ${formatLong(next.date)})`;
    const { agencyReports, recommendation } = profile.finalCoreGroup;
    if (agencyReports) {
      out.push(
        obligation(ctx, agencyReports, {
          id: `agency-reports-core-group-${last.number}`,
          kind: 'agency-reports',
          due: last.date,
          meetingId: last.obligation.id,
          explain: () => `Every agency brings a written report to core group ${last.number}, the final core group ${before()}.`,
        }),
      );
    }
    if (recommendation) {
      out.push(
        obligation(ctx, recommendation, {
          id: `review-recommendation-core-group-${last.number}`,
          kind: 'review-recommendation',
          due: last.date,
          meetingId: last.obligation.id,
          explain: () => `Core group ${last.number}, the final core group ${before()}, gives the review conference a recommendation.`,
        }),
      );
    }
  }
  return { obligations: out, finals, sameDay };
}

function conferenceRecords(ctx: Context, conferences: readonly Conference[]): Obligation[] {
  const rule = ctx.profile.conferenceRecord;
  if (!rule) return [];
  return conferences.map((c) => {
    const d = new DeadlineAt(ctx.calendar, c.anchor, rule.within);
    const id = c.number === 0 ? 'conference-record-initial-conference' : `conference-record-review-conference-${c.number}`;
    return obligation(ctx, rule, {
      id,
      kind: 'conference-record',
      due: d.due,
      explain: () => `The record of ${conferenceName(ctx, c)} circulated. ${d.reasoning()}`,
    });
  });
}

function childSeenVisits(ctx: Context, horizonEnd: LocalDate): Obligation[] {
  const rule = ctx.profile.childSeen;
  if (!rule) return [];
  const out: Obligation[] = [];
  let anchor: Anchor = { date: ctx.history.icpc, label: () => `the ${ctx.profile.conferenceName.initial} on ${formatLong(ctx.history.icpc)}` };
  for (let i = 1; ; i++) {
    const d = new DeadlineAt(ctx.calendar, anchor, rule.every);
    const seen = ctx.history.childSeen[i - 1];
    if (!seen && d.due >= horizonEnd) break;
    out.push(
      obligation(ctx, rule, {
        id: `child-seen-${i}`,
        kind: 'child-seen',
        due: d.due,
        number: i,
        doneOn: seen,
        explain: () => `Child seen by the case co-ordinator at least every ${describeDuration(rule.every)} (visit ${i}). ${d.reasoning()}`,
      }),
    );
    anchor = seen
      ? { date: seen, label: () => `the last visit, on ${formatLong(seen)}` }
      : { date: d.due, label: () => `the last visit, due ${formatLong(d.due)} (not yet recorded)` };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** A core group's place among the conferences: final before a review, or on the same day as one. */
function withPeriodFacts(ctx: Context, g: CoreGroup, finals: ReadonlySet<number>, sameDay: ReadonlyMap<number, Conference>): Obligation {
  const conference = sameDay.get(g.number);
  const final = finals.has(g.number);
  if (!conference && !final) return g.obligation;
  const base = g.obligation;
  const same = (): string =>
    conference
      ? ` It is ${base.doneOn ? 'held' : 'due'} on the same day as ${conferenceName(ctx, conference)} (${formatLong(conference.date)}), so it counts as the first core group after that conference, not the final one before it: the conference sits first, and the core group carries forward the plan it agreed.`
      : '';
  const fields = {
    id: base.id,
    kind: base.kind,
    due: base.due,
    earliest: base.earliest,
    number: base.number,
    meetingId: base.meetingId,
    doneOn: base.doneOn,
    finalBeforeReview: final ? true : base.finalBeforeReview,
  };
  return new PlannedObligation(fields, base.doneOn, base.rule, base.source, () => base.explanation + same());
}

const KIND_ORDER: Record<ObligationKind, number> = {
  'review-conference': 0,
  'conference-record': 1,
  'core-group': 2,
  'set-future-dates': 3,
  'plan-signed': 4,
  'agency-reports': 5,
  'review-recommendation': 6,
  'minutes-to-manager': 7,
  'minutes-signed-off': 8,
  'minutes-circulated': 9,
  'child-seen': 10,
};

/** Date order; on the same day, meetings before what hangs off them. */
export function compareObligations(a: Obligation, b: Obligation): number {
  return (
    (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.number ?? 0) - (b.number ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Every obligation of a case up to the horizon (by default its next two review conferences), in
 * date order. Pure: the same profile and history always give the same plan.
 */
export function planObligations(profile: PolicyProfile, input: CaseHistory, options: PlanOptions = {}): Obligation[] {
  const horizonReviews = options.horizonReviews ?? 2;
  if (!Number.isInteger(horizonReviews) || horizonReviews < 1 || horizonReviews > MAX_HORIZON_REVIEWS) {
    throw new DomainError('PLAN.HORIZON', 'invalid', `horizonReviews ${HORIZON_PROBLEM}; got ${horizonReviews}`, [
      { field: 'horizonReviews', problem: HORIZON_PROBLEM },
    ]);
  }
  const history = normaliseHistory(input, options.today);
  const ctx: Context = { profile, history, calendar: calendarFor(profile), anyCompleted: Object.keys(history.completed).length > 0 };
  const { conferences, obligations: reviews } = planConferences(ctx, horizonReviews);
  const later = profile.coreGroups.later;
  const groups = later.pattern === 'cadence' ? planCadence(ctx, conferences, later.every, later) : planAfterEachReview(ctx, conferences, later.at, later);
  const { obligations: positional, finals, sameDay } = periodObligations(ctx, conferences, groups);
  const horizonEnd = (conferences[conferences.length - 1] as Conference).date;
  const all = reviews;
  for (const o of conferenceRecords(ctx, conferences)) all.push(o);
  for (const g of groups) all.push(withPeriodFacts(ctx, g, finals, sameDay));
  for (const g of groups) for (const o of minutesFor(ctx, g)) all.push(o);
  for (const o of positional) all.push(o);
  for (const o of childSeenVisits(ctx, horizonEnd)) all.push(o);
  return all.sort(compareObligations);
}

const calendars = new WeakMap<PolicyProfile, WorkingCalendar>();

/** The working calendar of a profile: its region's bank holidays plus its closure days. */
export function calendarFor(profile: PolicyProfile): WorkingCalendar {
  let calendar = calendars.get(profile);
  if (!calendar) {
    calendar = workingCalendar({ region: profile.region, closureDays: profile.closureDays });
    calendars.set(profile, calendar);
  }
  return calendar;
}
