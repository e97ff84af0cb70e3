import { LocalDate } from '../calendar/local-date';
import { DomainError } from '../errors';
import { parseDocumentOrThrow } from '../validation';
import { PolicyProfile, PolicyProfileSchema } from './profile';
import england from './profiles/england.json';
import northernIreland from './profiles/northern-ireland.json';
import scotland from './profiles/scotland.json';
import sefton2021 from './profiles/sefton.json';
import sefton2025 from './profiles/sefton-2025.json';
import wales from './profiles/wales.json';
import westMidlands from './profiles/west-midlands.json';

/** Validates a profile (built-in or a local authority's JSON file) with errors naming each bad field. */
export function parseProfile(json: unknown, origin = 'policy profile'): PolicyProfile {
  return parseDocumentOrThrow(PolicyProfileSchema, json, 'PROFILE.INVALID', origin);
}

/** Built-in profiles, every version. They go through the same validation as a custom file. */
export const BUILT_IN_PROFILES: readonly PolicyProfile[] = [england, westMidlands, sefton2021, sefton2025, northernIreland, wales, scotland].map((p) =>
  parseProfile(p, `built-in profile ${p.id} ${p.version}`),
);

/**
 * A set of profiles to choose from: the built-ins plus any a local authority adds. Several versions
 * of one procedure live side by side, because a case keeps the version it started under.
 */
export class ProfileRegistry {
  private readonly profiles: readonly PolicyProfile[];

  constructor(extra: readonly PolicyProfile[] = [], builtIns: readonly PolicyProfile[] = BUILT_IN_PROFILES) {
    const all = [...builtIns, ...extra];
    const seen = new Set<string>();
    for (const p of all) {
      const key = `${p.id}@${p.version}`;
      if (seen.has(key)) throw new DomainError('PROFILE.DUPLICATE', 'invalid', `profile ${p.id} version ${p.version} is defined twice`);
      seen.add(key);
    }
    this.profiles = all;
  }

  /** One entry per id: its newest version. */
  list(): PolicyProfile[] {
    const ids = [...new Set(this.profiles.map((p) => p.id))];
    return ids.map((id) => this.latest(id));
  }

  versions(id: string): PolicyProfile[] {
    return this.profiles.filter((p) => p.id === id).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  /** A version by number, or the newest when none is given. */
  get(id: string, version?: string): PolicyProfile {
    if (version === undefined) return this.latest(id);
    const found = this.profiles.find((p) => p.id === id && p.version === version);
    if (!found) throw new DomainError('PROFILE.UNKNOWN_VERSION', 'not-found', `profile ${id} has no version "${version}"`);
    return found;
  }

  /** The version in force on a day (a case's ICPC): the newest that took effect on or before it. */
  inForce(id: string, on: LocalDate): PolicyProfile {
    const versions = this.versions(id);
    if (versions.length === 0) throw this.unknown(id);
    const inForce = versions.filter((p) => p.effectiveFrom <= on).pop();
    if (!inForce) {
      const first = versions[0] as PolicyProfile;
      throw new DomainError('PROFILE.NOT_IN_FORCE', 'invalid', `profile ${id} took effect on ${first.effectiveFrom}; no version was in force on ${on}`);
    }
    return inForce;
  }

  private latest(id: string): PolicyProfile {
    const versions = this.versions(id);
    const newest = versions[versions.length - 1];
    if (!newest) throw this.unknown(id);
    return newest;
  }

  private unknown(id: string): DomainError {
    const known = [...new Set(this.profiles.map((p) => p.id))].join(', ');
    return new DomainError('PROFILE.UNKNOWN', 'not-found', `there is no policy profile "${id}"; known profiles: ${known}`, [
      { field: 'profile', problem: `unknown profile "${id}"` },
    ]);
  }
}

export const builtInRegistry = new ProfileRegistry();
