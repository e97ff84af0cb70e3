import { LocalDate } from '../domain/calendar/local-date';
import { parseProfile, PolicyProfile } from '../domain/policy';
import { UsageError } from './cli-error';
import type { CliIo } from './cli-io';
import { quote } from './flags';

/**
 * A profile is a few kilobytes (England's is 3 KB); a megabyte allows for a long list of closure days
 * and notes. A bigger file is the wrong file, and parsing it only delays saying so.
 */
export const MAX_PROFILE_BYTES = 1_000_000;

const megabytes = (chars: number): string => `${(chars / 1_000_000).toFixed(1)} MB`;

/** The profile a plan uses: a local authority's file, or the built-in version in force at the ICPC. */
export function loadProfile(io: CliIo, flags: { readonly profile?: string; readonly 'profile-file'?: string }, icpc: LocalDate): PolicyProfile {
  const file = flags['profile-file'];
  if (file === undefined) return io.registry.inForce(flags.profile as string, icpc);
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new UsageError(`--profile-file: cannot read ${quote(file)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (text.length > MAX_PROFILE_BYTES) {
    throw new UsageError(
      `--profile-file: ${quote(file)} is ${megabytes(text.length)}; a profile is a few kilobytes, and files over ${megabytes(MAX_PROFILE_BYTES)} are refused`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--profile-file: ${quote(file)} is not valid JSON (${(e as Error).message.slice(0, 100)})`);
  }
  return parseProfile(json, `--profile-file: ${quote(file)}`);
}
