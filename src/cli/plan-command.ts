import { formatLong, LocalDate } from '../domain/calendar/local-date';
import { SUPPORTED_DAYS } from '../domain/calendar/supported-days';
import { DomainError, isDomainError } from '../domain/errors';
import {
  AssessedObligation,
  assessCompliance,
  calendarFor,
  CaseHistory,
  MAX_HORIZON_REVIEWS,
  Obligation,
  planObligations,
  PlanOptions,
  planWarnings,
  PolicyProfile,
} from '../domain/policy';
import { UsageError } from './cli-error';
import type { CliIo, Command } from './cli-io';
import { countFlag, dateFlag, datesFlag, Done, doneFlag } from './flag-values';
import { HELP, parseFlags } from './flags';
import { loadProfile } from './profile-file';
import { renderTable } from './table';

const FLAGS = {
  profile: 'string',
  'profile-file': 'string',
  icpc: 'string',
  held: 'string',
  'reviews-held': 'string',
  'child-seen': 'string',
  done: 'string',
  'pre-birth': 'boolean',
  today: 'string',
  horizon: 'string',
  explain: 'boolean',
  json: 'boolean',
} as const;

const USAGE = `Usage: core-groups plan --profile ID --icpc YYYY-MM-DD [options]
       core-groups plan --profile-file FILE.json --icpc YYYY-MM-DD [options]

Every obligation of a case up to its next review conferences, each with its rule, its source and
why its date is the date. Days are YYYY-MM-DD, from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}.

  --profile ID            a built-in procedure (see core-groups profiles), the version in force at the ICPC
  --profile-file FILE     a local authority's own profile (JSON, at most 1 MB)
  --icpc DAY              the initial conference
  --held DAY,...          days core groups were held, in the order they happened
  --reviews-held DAY,...  days review conferences were held, in order
  --child-seen DAY,...    days the case co-ordinator saw the child (Northern Ireland), in order
  --done ID[=DAY],...     anything else done, by the id the plan shows (minutes, plan signed, dates set);
                          an id alone is done on its due day, or on --today if that is earlier
  --pre-birth             a pre-birth plan (Scotland reviews it sooner)
  --today DAY             each obligation's status on that day; nothing given may be after it
  --horizon N             plan up to N review conferences not yet held (1 to ${MAX_HORIZON_REVIEWS}, default 2;
                          ${MAX_HORIZON_REVIEWS} is about five years of reviews)
  --explain               the reason for every date
  --json                  the plan as JSON (with each core group's finalBeforeReview, and any warnings)

A core group on the same day as a review conference counts as the first after it, not the final one before it.`;

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

/** Domain fields back into the flags a person typed: `coreGroupsHeld.1` is `--held: item 2`. */
const FLAG_OF: readonly [RegExp, string][] = [
  [/^coreGroupsHeld\.(\d+)$/, '--held'],
  [/^reviewConferencesHeld\.(\d+)$/, '--reviews-held'],
  [/^childSeen\.(\d+)$/, '--child-seen'],
];

function inFlagTerms(e: DomainError, history: CaseHistory): UsageError {
  const [first] = e.fields;
  if (!first) return new UsageError(e.message);
  const more = e.fields.length > 1 ? ` (and ${e.fields.length - 1} more problem${e.fields.length > 2 ? 's' : ''})` : '';
  for (const [pattern, flag] of FLAG_OF) {
    const m = pattern.exec(first.field);
    if (!m) continue;
    const index = Number(m[1]);
    const list = first.field.startsWith('coreGroups')
      ? history.coreGroupsHeld
      : first.field.startsWith('review')
        ? history.reviewConferencesHeld
        : history.childSeen;
    const value = list?.[index] ?? '';
    // "must be after the ICPC" needs the day it is about; other problems begin with it.
    const problem = first.problem.startsWith('must') ? `${value} ${first.problem}` : first.problem;
    return new UsageError(`${flag}: item ${index + 1}: ${problem}${more}`);
  }
  const done = /^completed\.(.+)$/.exec(first.field);
  if (done) return new UsageError(`--done: ${done[1]}: ${first.problem}${more}`);
  if (first.field === 'today' || first.field === 'icpc') return new UsageError(`--${first.field}: ${first.problem}${more}`);
  return new UsageError(e.message);
}

/**
 * Plans with what was done. An id given without a day is done on time: on its due day, or today if
 * that is earlier (it cannot have been done in the future). Its due day comes from a first plan with
 * the dated entries; a second plan then carries every entry, so each status is the status on the day.
 */
function planWithDone(profile: PolicyProfile, history: CaseHistory, done: readonly Done[], options: PlanOptions): Obligation[] {
  const dated = Object.fromEntries(done.flatMap((d) => (d.on ? [[d.id, d.on]] : [])));
  const first = planObligations(profile, { ...history, completed: dated }, options);
  const byId = new Map(first.map((o) => [o.id, o]));
  const unknown = done.find((d) => !byId.has(d.id));
  if (unknown) throw new UsageError(`--done: ${unknown.id} is not an obligation of this plan; use an id from the plan's OBLIGATION column`);
  const onTime = done.filter((d) => !d.on);
  if (!onTime.length) return first;
  const { today } = options;
  const completed = { ...dated };
  for (const d of onTime) {
    const due = (byId.get(d.id) as Obligation).due;
    completed[d.id] = today !== undefined && today < due ? today : due;
  }
  return planObligations(profile, { ...history, completed }, options);
}

function row(o: Obligation | AssessedObligation): string[] {
  const compliance = 'compliance' in o ? o.compliance : undefined;
  const status = compliance ? `${compliance.status}${compliance.daysLate ? ` (${compliance.daysLate}d)` : ''}` : o.doneOn ? `done ${o.doneOn}` : '';
  return [formatLong(o.due), o.earliest ? formatLong(o.earliest) : '', status, o.id + (o.finalBeforeReview ? ' (final before review)' : ''), o.rule];
}

function asJson(
  profile: PolicyProfile,
  icpc: LocalDate,
  today: LocalDate | undefined,
  obligations: readonly (Obligation | AssessedObligation)[],
  warnings: readonly string[],
): string {
  return JSON.stringify(
    {
      profile: profile.id,
      profileVersion: profile.version,
      icpc,
      ...(today ? { today } : {}),
      warnings,
      obligations: obligations.map((o) => ({
        id: o.id,
        kind: o.kind,
        due: o.due,
        ...(o.earliest ? { earliest: o.earliest } : {}),
        // Said of every core group, not only the final ones, so a reader need not infer "false".
        ...(o.kind === 'core-group' ? { finalBeforeReview: o.finalBeforeReview === true } : {}),
        ...(o.doneOn ? { doneOn: o.doneOn } : {}),
        ...('compliance' in o ? { status: o.compliance.status, ...(o.compliance.daysLate ? { daysLate: o.compliance.daysLate } : {}) } : {}),
        rule: o.rule,
        source: o.source.label,
        explanation: o.explanation,
      })),
    },
    null,
    2,
  );
}

function run(args: readonly string[], io: CliIo): number {
  const flags = parseFlags(args, FLAGS, 'plan');
  if (flags === HELP) {
    io.out(USAGE);
    return 0;
  }
  // Every flag is checked before any work: no file is read and nothing planned until all are right.
  if (flags.profile !== undefined && flags['profile-file'] !== undefined) throw new UsageError('give --profile or --profile-file, not both');
  const icpc = required(dateFlag(flags.icpc, 'icpc'), 'icpc');
  const today = dateFlag(flags.today, 'today');
  const horizon = countFlag(flags.horizon, 'horizon', { min: 1, max: MAX_HORIZON_REVIEWS, what: 'review conferences' });
  const history: CaseHistory = {
    icpc,
    coreGroupsHeld: datesFlag(flags.held, 'held'),
    reviewConferencesHeld: datesFlag(flags['reviews-held'], 'reviews-held'),
    childSeen: datesFlag(flags['child-seen'], 'child-seen'),
    preBirth: flags['pre-birth'] ?? false,
  };
  const done = doneFlag(flags.done);
  if (flags['profile-file'] === undefined) required(flags.profile, 'profile');
  const profile = loadProfile(io, flags, icpc);

  const options: PlanOptions = { ...(horizon ? { horizonReviews: horizon } : {}), ...(today ? { today } : {}) };
  let planned: Obligation[];
  try {
    planned = planWithDone(profile, history, done, options);
  } catch (e) {
    throw isDomainError(e) && e.code.startsWith('HISTORY.') ? inFlagTerms(e, history) : e;
  }
  const warnings = planWarnings(profile, history as { icpc: LocalDate });
  for (const w of warnings) io.err(`core-groups plan: warning: ${w}`);
  const obligations: (Obligation | AssessedObligation)[] = today ? assessCompliance(planned, today, calendarFor(profile)) : planned;
  if (flags.json) {
    io.out(asJson(profile, icpc, today, obligations, warnings));
    return 0;
  }
  io.out(`${profile.name} — profile ${profile.id}, version ${profile.version}`);
  io.out(`ICPC ${formatLong(icpc)}${today ? ` · status as of ${formatLong(today)}` : ''}\n`);
  const header = ['DUE', 'EARLIEST', 'STATUS', 'OBLIGATION', 'RULE'];
  const rows = obligations.map(row);
  if (!flags.explain) {
    io.out(renderTable(header, rows));
  } else {
    for (const [i, o] of obligations.entries()) {
      io.out(renderTable(header, [rows[i] as string[]]).split('\n')[2] as string);
      io.out(`    ${o.explanation}\n    Source: ${o.source.label}`);
    }
  }
  return 0;
}

export const planCommand: Command = { summary: 'plan --profile ID --icpc YYYY-MM-DD [...]   every obligation of a case, with why', usage: USAGE, run };
