import { ProfileRegistry } from '../domain/policy';

/** The CLI's only contact with the outside world, so the commands are testable as functions. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a custom profile file (JSON). */
  readonly readFile: (path: string) => string;
  readonly registry: ProfileRegistry;
}

/** A command: one line for the overview, its own usage for `--help`, and what it does. */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => number;
}
