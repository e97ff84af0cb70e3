import { CliIo, runCli } from '../../../src/cli/commands';
import { builtInRegistry, ProfileRegistry } from '../../../src/domain/policy';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Files the command read, in order: a bad flag must be refused before any is. */
  readonly reads: readonly string[];
}

/** Runs the CLI as a function, with files in memory and stdout and stderr captured. */
export function run(args: readonly string[], files: Record<string, string> = {}, registry: ProfileRegistry = builtInRegistry): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const reads: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (path) => {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    },
    registry,
  };
  const code = runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), reads };
}
