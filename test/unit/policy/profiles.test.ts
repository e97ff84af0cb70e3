import { LocalDate } from '../../../src/domain/calendar/local-date';
import { DomainError } from '../../../src/domain/errors';
import { BUILT_IN_PROFILES, parseProfile, planObligations, ProfileRegistry } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import { catchError } from '../../support/catch-error';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('policy profiles', () => {
  it('ships the six procedures of POLICY.md, each citing its sources', () => {
    const registry = new ProfileRegistry();
    expect(registry.list().map((p) => p.id)).toEqual(['england', 'west-midlands', 'sefton', 'northern-ireland', 'wales', 'scotland']);
    for (const p of BUILT_IN_PROFILES) expect(Object.keys(p.sources).length).toBeGreaterThan(0);
  });

  // People are told where a rule comes from by the procedure's title and section, never by a file
  // name from how the procedure texts were once stored.
  it('cites every procedure rule by title and section, never a file path', () => {
    for (const profile of BUILT_IN_PROFILES) {
      const obligations = planObligations(profile, { icpc: '2027-03-01' as LocalDate });
      expect(obligations.length).toBeGreaterThan(5);
      for (const o of obligations) {
        expect(o.source.label).not.toMatch(/\.txt|[a-z_]+\/[a-z_]/i);
        expect(o.source.label.startsWith(o.source.title)).toBe(true);
        // A procedure text (not a national guidance or a default) always says which part of it applies.
        if (o.source.id.startsWith('seed-')) expect(o.source.section).toEqual(expect.any(String));
      }
    }
    const first = planObligations(new ProfileRegistry().get('england'), { icpc: '2027-03-01' as LocalDate }).find((o) => o.id === 'core-group-1');
    expect(first?.source.label).toBe('Core Groups: local procedure action table, action 1');
  });

  it('refuses a source that points at a file instead of saying where to look', () => {
    const bad = clone(england) as Record<string, unknown> & { sources: Record<string, { title: string; where?: string }> };
    bad.sources['seed-000'] = { title: 'Core Groups: local procedure action table', where: 'procedures/000_f1283766b2d541b3.txt' };
    const error = catchError(() => parseProfile(bad)) as DomainError;
    expect(error.fields.map((f) => f.field)).toEqual(['sources.seed-000.where']);
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
    expect(error.fields.find((f) => f.field === 'effectiveFrom')?.problem).toBe('must be a real date');
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
