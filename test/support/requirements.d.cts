export interface Requirement {
  readonly name: string;
  readonly suites: readonly string[];
  readonly available: boolean;
  readonly required: boolean;
  readonly missing: string;
  readonly enable: string;
  readonly requiredBy: string;
}
export function findBrowser(env?: Readonly<Record<string, string | undefined>>): string | undefined;
export function requirements(env?: Readonly<Record<string, string | undefined>>): Requirement[];
export function assertRequired(env?: Readonly<Record<string, string | undefined>>): void;
