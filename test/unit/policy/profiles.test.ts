import { DomainError } from '../../../src/domain/errors';
import { BUILT_IN_PROFILES, parseProfile, ProfileRegistry } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import { catchError } from '../../support/catch-error';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('policy profiles', () => {
  it('ships the six procedures of POLICY.md, each citing its sources', () => {
    const registry = new ProfileRegistry();
    expect(registry.list().map((p) => p.id)).toEqual(['england', 'west-midlands', 'sefton', 'northern-ireland', 'wales', 'scotland']);
    for (const p of BUILT_IN_PROFILES) expect(Object.keys(p.sources).length).toBeGreaterThan(0);
  });

  it('uses the right bank holidays for each nation', () => {
    const region = (id: string) => new ProfileRegistry().get(id).region;
    expect(region('northern-ireland')).toBe('northern-ireland');
    expect(region('scotland')).toBe('scotland');
    expect(region('wales')).toBe('england-and-wales');
  });

  it('loads a local profile from JSON, with closure days', () => {
    const local = { ...clone(england), id: 'anytown', version: '2026-1', name: 'Anytown', closureDays: [{ date: '2026-12-29', reason: 'council closed' }] };
    const profile = parseProfile(local);
    expect(profile.closureDays).toHaveLength(1);
    const registry = new ProfileRegistry([profile]);
    expect(registry.get('anytown').name).toBe('Anytown');
  });

  it('rejects a bad profile with errors naming each field and its problem', () => {
    const bad = clone(england) as Record<string, unknown> & { coreGroups: { first: { within: unknown } } };
    bad.coreGroups.first.within = { workingDays: -3 };
    bad.region = 'wessex';
    bad.effectiveFrom = '2026-02-30';
    const error = catchError(() => parseProfile(bad, 'profile file anytown.json')) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('PROFILE.INVALID');
    expect(error.message).toMatch(/^profile file anytown.json is not valid: /);
    const fields = error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['region', 'effectiveFrom', 'coreGroups.first.within.workingDays']));
    expect(error.fields.find((f) => f.field === 'effectiveFrom')?.problem).toBe('must be a real date written YYYY-MM-DD');
  });

  it('rejects unknown fields and rules citing a source the profile does not list', () => {
    const typo = { ...clone(england), minutse: {} };
    expect(() => parseProfile(typo)).toThrow(/minutse/);
    const uncited = clone(england);
    uncited.coreGroups.first.source = 'nowhere';
    const error = catchError(() => parseProfile(uncited)) as DomainError;
    expect(error.fields).toEqual([{ field: 'coreGroups.first.source', problem: 'cites "nowhere", which is not in sources' }]);
  });

  it('refuses two definitions of the same version, and a day before any version took effect', () => {
    expect(() => new ProfileRegistry([parseProfile(england)])).toThrow(/defined twice/);
    expect(() => new ProfileRegistry().inForce('sefton', '2020-01-01' as never)).toThrow(/took effect on 2021-09-23/);
    expect(() => new ProfileRegistry().get('atlantis')).toThrow(/no policy profile "atlantis"/);
  });
});
