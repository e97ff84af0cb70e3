import { isLocalDate, LocalDate } from '../domain/calendar/local-date';
import { isSupportedDay } from '../domain/calendar/supported-days';
import { BUILT_IN_PROFILES } from '../domain/policy';
import { UsageError } from '../cli/cli-error';
import { FlagSpec, FlagValues, quote } from '../cli/flags';

/**
 * Everything the simulated world is made of. Each has a flag; each default says where it comes from
 * (a published figure where there is one, otherwise an assumption named as such).
 */
export interface SimParams {
  readonly cases: number;
  readonly from: LocalDate;
  readonly days: number;
  readonly seed: number;
  /** A profile id, or 'mixed' (every built-in procedure, the newest version of each). */
  readonly profile: string;
  readonly casesPerWorker: number;
  readonly casesPerProfessional: number;
  readonly busyMin: number;
  readonly busyMax: number;
  readonly partTimeShare: number;
  readonly shortSickPerYear: number;
  readonly longSickShare: number;
  readonly familyCancel: number;
  readonly professionalCancel: number;
  readonly memberChange: number;
  readonly updateLate: number;
  readonly updateNever: number;
  readonly chaseResponse: number;
  readonly movesCommitment: number;
  readonly quorum: number;
  readonly managerAwayWeeks: number;
  readonly minutesHours: number;
  readonly minutesEffort: number;
  readonly prefillSaving: number;
  readonly meetingMinutes: number;
  /** Working days after the year the loop keeps running (no new cases), so late core groups can still be held. */
  readonly tailDays: number;
}

interface FlagDoc {
  readonly key: keyof SimParams;
  readonly flag: string;
  readonly kind: 'int' | 'share' | 'number' | 'date' | 'profile';
  readonly min?: number;
  readonly max?: number;
  readonly def: number | string;
  readonly help: string;
}

/** The flags, their defaults and where each default comes from. */
export const FLAGS: readonly FlagDoc[] = [
  { key: 'cases', flag: 'cases', kind: 'int', min: 1, max: 20_000, def: 1000, help: 'cases starting through the year (an ICPC on a working day each)' },
  { key: 'from', flag: 'from', kind: 'date', def: '2027-01-04', help: 'first day of the simulated year' },
  { key: 'days', flag: 'days', kind: 'int', min: 7, max: 730, def: 365, help: 'calendar days simulated; cases start inside them' },
  { key: 'seed', flag: 'seed', kind: 'int', min: 0, max: 2_147_483_647, def: 7, help: 'the world is the same for the same seed' },
  { key: 'profile', flag: 'profile', kind: 'profile', def: 'england', help: "the procedure every case follows, or 'mixed'" },
  {
    key: 'casesPerWorker',
    flag: 'cases-per-worker',
    kind: 'int',
    min: 1,
    max: 60,
    def: 15,
    help: 'cases each social worker chairs over the year (DfE workforce census: about 16 children per social worker)',
  },
  {
    key: 'casesPerProfessional',
    flag: 'cases-per-professional',
    kind: 'int',
    min: 1,
    max: 60,
    def: 6,
    help: 'core groups each partner-agency professional sits on (assumption)',
  },
  { key: 'busyMin', flag: 'busy-min', kind: 'share', def: 0.6, help: 'least share of working hours already booked in a diary' },
  { key: 'busyMax', flag: 'busy-max', kind: 'share', def: 0.85, help: 'most share of working hours already booked in a diary' },
  { key: 'partTimeShare', flag: 'part-time', kind: 'share', def: 0.2, help: 'share of professionals working 3 or 4 days a week (assumption)' },
  {
    key: 'shortSickPerYear',
    flag: 'short-sick',
    kind: 'number',
    min: 0,
    max: 20,
    def: 2.5,
    help: 'short sickness spells (1–3 days) per person a year (ONS sickness absence 2022: 2.6% of working time)',
  },
  { key: 'longSickShare', flag: 'long-sick', kind: 'share', def: 0.04, help: 'share of people with one long spell (4–12 weeks) in the year (assumption)' },
  { key: 'familyCancel', flag: 'family-cancel', kind: 'share', def: 0.06, help: 'chance the family cancels a core group the working day before' },
  {
    key: 'professionalCancel',
    flag: 'professional-cancel',
    kind: 'share',
    def: 0.04,
    help: 'chance a professional emergency cancels a core group the working day before',
  },
  { key: 'memberChange', flag: 'member-change', kind: 'share', def: 0.2, help: 'chance a case sees one professional leave and another join during the year' },
  { key: 'updateLate', flag: 'update-late', kind: 'share', def: 0.25, help: 'share of updates that, unprompted, would come in only after the meeting' },
  { key: 'updateNever', flag: 'update-never', kind: 'share', def: 0.1, help: 'share of updates that, unprompted, never come in' },
  {
    key: 'chaseResponse',
    flag: 'chase-response',
    kind: 'share',
    def: 0.5,
    help: 'chance a late or missing update comes in on the day a chaser arrives (assumption)',
  },
  {
    key: 'movesCommitment',
    flag: 'moves-commitment',
    kind: 'share',
    def: 0.7,
    help: 'chance an invited professional with a clash moves it to attend (assumption)',
  },
  { key: 'quorum', flag: 'quorum', kind: 'share', def: 0.5, help: 'least share of required professionals able to attend for the core group to go ahead' },
  {
    key: 'managerAwayWeeks',
    flag: 'manager-away',
    kind: 'int',
    min: 0,
    max: 20,
    def: 3,
    help: 'weeks each manager is away in the year (no deputy decides minutes)',
  },
  { key: 'minutesHours', flag: 'minutes-hours', kind: 'number', min: 0.5, max: 40, def: 4, help: 'hours a week each chair has for writing minutes' },
  { key: 'minutesEffort', flag: 'minutes-effort', kind: 'number', min: 0.5, max: 20, def: 2, help: 'hours to write one set of minutes' },
  {
    key: 'prefillSaving',
    flag: 'prefill-saving',
    kind: 'share',
    def: 0.4,
    help: "share of the writing time Core Groups' pre-filled draft saves when every agency's update is in (attendance, updates, actions, next date; scaled by the share of updates in; assumption)",
  },
  { key: 'meetingMinutes', flag: 'meeting-minutes', kind: 'int', min: 30, max: 240, def: 90, help: 'how long a core group is booked for' },
  {
    key: 'tailDays',
    flag: 'tail-days',
    kind: 'int',
    min: 0,
    max: 120,
    def: 30,
    help: 'days run after the year (no new cases) so late core groups and minutes can finish',
  },
];

export const DEFAULTS: SimParams = Object.fromEntries(FLAGS.map((f) => [f.key, f.def])) as unknown as SimParams;

export const PROFILE_CHOICES = [...new Set(BUILT_IN_PROFILES.map((p) => p.id)), 'mixed'];

export const SIM_FLAGS = { ...Object.fromEntries(FLAGS.map((f) => [f.flag, 'string' as const])), json: 'boolean', out: 'string' } satisfies FlagSpec;

/** Reads the flags into parameters, refusing a bad value with one sentence naming its flag. */
export function paramsFrom(values: FlagValues<typeof SIM_FLAGS>): SimParams {
  const out: Record<string, number | string> = { ...DEFAULTS };
  for (const f of FLAGS) {
    const raw = (values as Record<string, string | boolean | undefined>)[f.flag];
    if (raw === undefined || typeof raw === 'boolean') continue;
    out[f.key] = value(f, raw);
  }
  const p = out as unknown as SimParams;
  if (p.busyMin > p.busyMax) throw new UsageError(`--busy-min: ${p.busyMin} must not be more than --busy-max (${p.busyMax})`);
  if (p.updateLate + p.updateNever > 1) throw new UsageError(`--update-never: ${p.updateNever} with --update-late ${p.updateLate} add up to more than 1`);
  return p;
}

function value(f: FlagDoc, raw: string): number | string {
  const where = `--${f.flag}:`;
  switch (f.kind) {
    case 'date':
      if (!isLocalDate(raw) || !isSupportedDay(raw)) throw new UsageError(`${where} ${quote(raw)} must be a date in the form YYYY-MM-DD from 2000 to 2100`);
      return raw;
    case 'profile':
      if (!PROFILE_CHOICES.includes(raw)) throw new UsageError(`${where} ${quote(raw)} must be one of ${PROFILE_CHOICES.join(', ')}`);
      return raw;
    case 'int': {
      const n = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!(n >= (f.min ?? 0) && n <= (f.max ?? Number.MAX_SAFE_INTEGER)))
        throw new UsageError(`${where} ${quote(raw)} must be a whole number from ${f.min} to ${f.max}`);
      return n;
    }
    case 'share':
    case 'number': {
      const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      const [min, max] = f.kind === 'share' ? [0, 1] : [f.min ?? 0, f.max ?? Number.MAX_SAFE_INTEGER];
      if (!(n >= min && n <= max)) throw new UsageError(`${where} ${quote(raw)} must be a number from ${min} to ${max}`);
      return n;
    }
  }
}

export function usage(): string {
  const lines = FLAGS.map((f) => `  --${f.flag.padEnd(22)} ${f.help} (default ${f.def})`);
  return [
    'npm run simulate -- [options]',
    '',
    'Runs one simulated year of core groups, twice on the same world: a careful chair by hand (baseline)',
    'and the chair with Core Groups. Deterministic for a seed.',
    '',
    ...lines,
    `  --${'json'.padEnd(22)} print one JSON object with the figures of each strategy`,
    `  --${'out DIR'.padEnd(22)} also write DIR/report.html (charts) and DIR/report.json`,
  ].join('\n');
}
