import { parseArgs } from 'node:util';
import { UsageError } from './cli-error';

export type FlagType = 'string' | 'boolean';
export type FlagSpec = Readonly<Record<string, FlagType>>;
export type FlagValues<S extends FlagSpec> = { -readonly [K in keyof S]?: S[K] extends 'string' ? string : boolean };

/** Asked for help: every command answers `--help` (or `-h`) with its usage, whatever else is given. */
export const HELP = Symbol('help');

/** Edit distance, for "did you mean --profile?" after a typo. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] as number;
}

/** A value from the command line in quotes, clipped: a pasted file must not become the message. */
export const quote = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 39)}…` : s);

/**
 * Reads `--name value`, `--name=value` and `--flag`, refusing anything else with one sentence naming
 * the flag. node's strict parseArgs reads `--horizon -1` as a missing value ("argument is
 * ambiguous"); here a string flag takes the next argument whatever it starts with, so the value
 * itself is judged (and named) by the flag's own check.
 */
export function parseFlags<S extends FlagSpec>(args: readonly string[], spec: S, command: string): FlagValues<S> | typeof HELP {
  if (args.some((a) => a === '--help' || a === '-h')) return HELP;
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  const see = `see core-groups ${command} --help`;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') throw new UsageError(`unexpected argument ${quote(token.value)}; options start with -- (${see})`);
    const type = spec[token.name];
    if (type === undefined) {
      const near = Object.keys(spec).find((k) => distance(k, token.name) <= 2);
      throw new UsageError(
        `unknown option ${token.rawName.length > 40 ? quote(token.rawName) : token.rawName}; ${near ? `did you mean --${near}? ` : ''}(${see})`,
      );
    }
    const flag = `--${token.name}`;
    if (token.name in values) throw new UsageError(`${flag} is given twice; give it once`);
    if (type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${flag} takes no value; got ${quote(token.value)}`);
      values[token.name] = true;
    } else {
      // `--icpc --json`: the next flag was taken as the value, so the value was left out.
      if (token.value === undefined || (!token.inlineValue && /^--[a-z]/.test(token.value))) throw new UsageError(`${flag} needs a value`);
      values[token.name] = token.value;
    }
  }
  return values as FlagValues<S>;
}
