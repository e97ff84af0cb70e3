import { addDays, LocalDate } from '../domain/calendar/local-date';
import { calendarFor } from '../domain/policy';
import type { CliIo, Command } from './cli-io';
import { planCommand } from './plan-command';

const USAGE = `Usage: core-groups demo

One plan per built-in profile, each for a case whose ICPC was about six weeks ago, with the first
core group held, so every status appears. Takes no options.`;

/**
 * What `npm start` shows until the server lands: one plan per profile, each for a case whose ICPC
 * was six weeks before `today` (on a working day), with the first core group held.
 */
export function runDemo(args: readonly string[], io: CliIo, today: LocalDate = new Date().toISOString().slice(0, 10) as LocalDate): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.length) io.err(`core-groups demo takes no options; ignoring ${args.join(' ')}`);
  for (const profile of io.registry.list()) {
    const icpc = calendarFor(profile).onOrBefore(addDays(today, -42));
    planCommand.run(['--profile', profile.id, '--icpc', icpc, '--held', addDays(icpc, 9), '--today', today, '--horizon', '1'], io);
    io.out('');
  }
  return 0;
}

export const demoCommand: Command = { summary: 'demo   one plan per profile, for a case six weeks in', usage: USAGE, run: (args, io) => runDemo(args, io) };
