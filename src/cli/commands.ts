import { REGIONS, isRegion } from '../domain/calendar/region';
import { SUPPORTED_DAYS } from '../domain/calendar/supported-days';
import { workingCalendar } from '../domain/calendar/working-days';
import { isDomainError } from '../domain/errors';
import { DURATION_LIMITS } from '../domain/policy';
import { UsageError } from './cli-error';
import type { CliIo, Command } from './cli-io';
import { countFlag, dateFlag } from './flag-values';
import { HELP, parseFlags } from './flags';
import { planCommand } from './plan-command';

export type { CliIo, Command } from './cli-io';

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

const WORKING_DAYS_USAGE = `Usage: core-groups working-days --region REGION --from YYYY-MM-DD --add N

The day N working days after --from (day 0), as the policy engine counts: Monday to Friday, less the
region's bank holidays. N is 0 to ${DURATION_LIMITS.workingDays.max}, the most any profile may count.
Regions: ${REGIONS.join(', ')}. Days from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}.`;

const workingDaysCommand: Command = {
  summary: 'working-days --region REGION --from YYYY-MM-DD --add N   count working days',
  usage: WORKING_DAYS_USAGE,
  run(args, io) {
    const flags = parseFlags(args, { region: 'string', from: 'string', add: 'string' }, 'working-days');
    if (flags === HELP) {
      io.out(WORKING_DAYS_USAGE);
      return 0;
    }
    const region = required(flags.region, 'region');
    if (!isRegion(region)) throw new UsageError(`--region: "${region.slice(0, 40)}" is not one of ${REGIONS.join(', ')}`);
    const from = required(dateFlag(flags.from, 'from'), 'from');
    const add = required(countFlag(flags.add, 'add', { min: 0, max: DURATION_LIMITS.workingDays.max, what: 'working days' }), 'add');
    io.out(workingCalendar({ region }).addWorkingDays(from, add));
    return 0;
  },
};

const PROFILES_USAGE = `Usage: core-groups profiles [--json]

The built-in procedures: each one's id, versions, region, sources and notes.`;

const profilesCommand: Command = {
  summary: 'profiles [--json]   the built-in procedures',
  usage: PROFILES_USAGE,
  run(args, io) {
    const flags = parseFlags(args, { json: 'boolean' }, 'profiles');
    if (flags === HELP) {
      io.out(PROFILES_USAGE);
      return 0;
    }
    const profiles = io.registry.list();
    if (flags.json) {
      io.out(
        JSON.stringify(
          profiles.map((p) => ({
            id: p.id,
            version: p.version,
            effectiveFrom: p.effectiveFrom,
            name: p.name,
            region: p.region,
            sources: p.sources,
            notes: p.notes,
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    for (const p of profiles) {
      const versions = io.registry
        .versions(p.id)
        .map((v) => `${v.version} (from ${v.effectiveFrom})`)
        .join(', ');
      io.out(`${p.id} — ${p.name}\n  region: ${p.region}; versions: ${versions}`);
      for (const [id, s] of Object.entries(p.sources)) io.out(`  [${id}] ${s.title}${s.where ? ` — ${s.where}` : ''}`);
      for (const note of p.notes) io.out(`  note: ${note}`);
    }
    return 0;
  },
};

const COMMANDS: Record<string, Command> = { plan: planCommand, 'working-days': workingDaysCommand, profiles: profilesCommand };

const usage = (commands: Record<string, Command>): string =>
  `Usage: core-groups COMMAND [options]   (core-groups COMMAND --help for its options)\n${Object.values(commands)
    .map((c) => `  core-groups ${c.summary}`)
    .join('\n')}`;

/**
 * Runs one command; returns the exit code. A mistake in the input: one line on stderr naming the
 * flag or field and what it must be, exit 2. Anything else is a bug: one line saying so, exit 1,
 * never a stack trace in front of the person who typed the command.
 */
export function runCli(argv: readonly string[], io: CliIo, extra: Record<string, Command> = {}): number {
  const [name, ...args] = argv;
  const commands = { ...COMMANDS, ...extra };
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name.slice(0, 40)}"; try: ${Object.keys(commands).join(', ')}`);
    return command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || isDomainError(e)) {
      io.err(`core-groups ${name}: ${e.message.replace(/\s*\n\s*/g, ' ')}`);
      return 2;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.err(`core-groups ${name}: internal error (${what.slice(0, 200)}); this is a bug in Core Groups, please report it with the command you ran`);
    return 1;
  }
}
