import { parseArgs } from 'node:util';
import { isLocalDate, LocalDate, formatLong } from '../domain/calendar/local-date';
import { isRegion, REGIONS } from '../domain/calendar/region';
import { workingCalendar } from '../domain/calendar/working-days';
import { isDomainError } from '../domain/errors';
import {
  AssessedObligation,
  assessCompliance,
  calendarFor,
  Obligation,
  parseProfile,
  planObligations,
  PolicyProfile,
  ProfileRegistry,
} from '../domain/policy';
import { UsageError } from './cli-error';
import { renderTable } from './table';

/** The CLI's only contact with the outside world, so the commands are testable as functions. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a custom profile file (JSON). */
  readonly readFile: (path: string) => string;
  readonly registry: ProfileRegistry;
}

const USAGE = `Usage:
  core-groups plan --profile ID --icpc YYYY-MM-DD [--held YYYY-MM-DD,...] [--reviews-held YYYY-MM-DD,...]
                   [--pre-birth] [--today YYYY-MM-DD] [--horizon N] [--explain] [--json]
  core-groups plan --profile-file FILE.json --icpc YYYY-MM-DD ...
  core-groups working-days --region REGION --from YYYY-MM-DD --add N
  core-groups profiles [--json]
Regions: ${REGIONS.join(', ')}`;

function date(value: string | undefined, flag: string): LocalDate | undefined {
  if (value === undefined) return undefined;
  if (!isLocalDate(value)) throw new UsageError(`--${flag}: "${value}" is not a date in the form YYYY-MM-DD`);
  return value;
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

function dates(value: string | undefined, flag: string): LocalDate[] {
  if (value === undefined || value === '') return [];
  return value.split(',').map((v, i) => {
    const d = v.trim();
    if (!isLocalDate(d)) throw new UsageError(`--${flag}: item ${i + 1} "${d}" is not a date in the form YYYY-MM-DD`);
    return d;
  });
}

function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag}: "${value}" must be a whole number ≥ ${min}`);
  return Number(value);
}

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    // parseArgs' messages already name the flag ("Unknown option '--prfile'").
    throw new UsageError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

function loadProfile(io: CliIo, values: { profile?: string; 'profile-file'?: string }, icpc: LocalDate): PolicyProfile {
  if (values['profile-file'] !== undefined) {
    let text: string;
    try {
      text = io.readFile(values['profile-file']);
    } catch (e) {
      throw new UsageError(`--profile-file: cannot read "${values['profile-file']}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--profile-file: "${values['profile-file']}" is not valid JSON (${(e as Error).message})`);
    }
    return parseProfile(json, `profile file ${values['profile-file']}`);
  }
  const id = required(values.profile, 'profile');
  return io.registry.inForce(id, icpc);
}

function row(o: Obligation | AssessedObligation): string[] {
  const compliance = 'compliance' in o ? o.compliance : undefined;
  const status = compliance
    ? `${compliance.status}${compliance.daysLate ? ` (${compliance.daysLate}d)` : ''}`
    : o.doneOn
      ? `done ${o.doneOn}`
      : '';
  return [formatLong(o.due), o.earliest ? formatLong(o.earliest) : '', status, o.id + (o.finalBeforeReview ? ' (final before review)' : ''), o.rule];
}

export function planCommand(args: readonly string[], io: CliIo): number {
  const values = parse(args, {
    profile: { type: 'string' },
    'profile-file': { type: 'string' },
    icpc: { type: 'string' },
    held: { type: 'string' },
    'reviews-held': { type: 'string' },
    'pre-birth': { type: 'boolean' },
    today: { type: 'string' },
    horizon: { type: 'string' },
    explain: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.profile !== undefined && values['profile-file'] !== undefined) throw new UsageError('give --profile or --profile-file, not both');
  const icpc = required(date(values.icpc, 'icpc'), 'icpc');
  const today = date(values.today, 'today');
  const horizon = wholeNumber(values.horizon, 'horizon', 1);
  const history = {
    icpc,
    coreGroupsHeld: dates(values.held, 'held'),
    reviewConferencesHeld: dates(values['reviews-held'], 'reviews-held'),
    preBirth: values['pre-birth'] ?? false,
  };
  const profile = loadProfile(io, values, icpc);
  const planned = planObligations(profile, history, horizon ? { horizonReviews: horizon } : {});
  const obligations: (Obligation | AssessedObligation)[] = today ? assessCompliance(planned, today, calendarFor(profile)) : planned;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          profile: profile.id,
          profileVersion: profile.version,
          icpc,
          ...(today ? { today } : {}),
          obligations: obligations.map((o) => ({
            id: o.id,
            kind: o.kind,
            due: o.due,
            ...(o.earliest ? { earliest: o.earliest } : {}),
            ...(o.doneOn ? { doneOn: o.doneOn } : {}),
            ...('compliance' in o ? { status: o.compliance.status, ...(o.compliance.daysLate ? { daysLate: o.compliance.daysLate } : {}) } : {}),
            rule: o.rule,
            source: o.source.label,
            explanation: o.explanation,
          })),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(`${profile.name} — profile ${profile.id}, version ${profile.version}`);
  io.out(`ICPC ${formatLong(icpc)}${today ? ` · status as of ${formatLong(today)}` : ''}\n`);
  const rows = obligations.map(row);
  if (!values.explain) {
    io.out(renderTable(['DUE', 'EARLIEST', 'STATUS', 'OBLIGATION', 'RULE'], rows));
  } else {
    for (const [i, o] of obligations.entries()) {
      io.out(renderTable(['DUE', 'EARLIEST', 'STATUS', 'OBLIGATION', 'RULE'], [rows[i] as string[]]).split('\n')[2] as string);
      io.out(`    ${o.explanation}\n    Source: ${o.source.label}`);
    }
  }
  return 0;
}

export function workingDaysCommand(args: readonly string[], io: CliIo): number {
  const values = parse(args, { region: { type: 'string' }, from: { type: 'string' }, add: { type: 'string' } });
  const region = required(values.region, 'region');
  if (!isRegion(region)) throw new UsageError(`--region: "${region}" is not one of ${REGIONS.join(', ')}`);
  const from = required(date(values.from, 'from'), 'from');
  const add = required(wholeNumber(values.add, 'add', 0), 'add');
  io.out(workingCalendar({ region }).addWorkingDays(from, add));
  return 0;
}

export function profilesCommand(args: readonly string[], io: CliIo): number {
  const values = parse(args, { json: { type: 'boolean' } });
  const profiles = io.registry.list();
  if (values.json) {
    io.out(JSON.stringify(profiles.map((p) => ({ id: p.id, version: p.version, effectiveFrom: p.effectiveFrom, name: p.name, region: p.region, sources: p.sources })), null, 2));
    return 0;
  }
  for (const p of profiles) {
    const versions = io.registry.versions(p.id).map((v) => `${v.version} (from ${v.effectiveFrom})`).join(', ');
    io.out(`${p.id} — ${p.name}\n  region: ${p.region}; versions: ${versions}`);
    for (const [id, s] of Object.entries(p.sources)) io.out(`  [${id}] ${s.title}${s.where ? ` — ${s.where}` : ''}`);
  }
  return 0;
}

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => number> = {
  plan: planCommand,
  'working-days': workingDaysCommand,
  profiles: profilesCommand,
};

/** Runs one command; returns the exit code. Usage and input errors: one line on stderr, exit 2. */
export function runCli(argv: readonly string[], io: CliIo, extra: Record<string, (args: readonly string[], io: CliIo) => number> = {}): number {
  const [name, ...args] = argv;
  const commands = { ...COMMANDS, ...extra };
  if (name === undefined || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; try: ${Object.keys(commands).join(', ')}`);
    return command(args, io);
  } catch (e) {
    if (e instanceof UsageError || isDomainError(e)) {
      io.err(`core-groups ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
