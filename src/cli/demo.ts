import { addDays, LocalDate } from '../domain/calendar/local-date';
import { CliIo, planCommand } from './commands';

/**
 * What `npm start` shows until the server lands: one plan per profile, each for a case whose ICPC
 * was six weeks before `today`, with the first core group held, so every status appears.
 */
export function demoCommand(args: readonly string[], io: CliIo, today: LocalDate = new Date().toISOString().slice(0, 10) as LocalDate): number {
  if (args.length) io.err(`core-groups demo takes no options; ignoring ${args.join(' ')}`);
  const icpc = addDays(today, -42);
  for (const profile of io.registry.list()) {
    planCommand(['--profile', profile.id, '--icpc', icpc, '--held', addDays(icpc, 9), '--today', today, '--horizon', '1'], io);
    io.out('');
  }
  return 0;
}
