import fc from 'fast-check';
import { ProfileRegistry } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import { run } from './run-cli';

const PLAN = ['plan', '--profile', 'england', '--icpc', '2026-03-02'];
const profileFile = (edit: (p: typeof england) => unknown) => JSON.stringify(edit(JSON.parse(JSON.stringify(england)) as typeof england));
const FILES: Record<string, string> = {
  'huge-gap.json': profileFile((p) => ({ ...p, id: 'huge', coreGroups: { ...p.coreGroups, first: { ...p.coreGroups.first, within: { workingDays: 1e9 } } } })),
  'wrong-type.json': profileFile((p) => ({ ...p, id: 'typed', coreGroups: { ...p.coreGroups, first: { ...p.coreGroups.first, within: '10 working days' } } })),
  'not-json.json': 'this is not { json',
  // 50 MB of a profile gone wrong, as in the report: refused by its size, not parsed.
  'garbage.json': `{"id":"${'x'.repeat(50_000_000)}"}`,
  // Under the size limit, but with thousands of wrong fields: still one short line.
  'many-wrong.json': JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`field-${'y'.repeat(20)}-${i}`, i]))),
};

/**
 * Every bad input the report found, and a few more of each kind: exit code 2, one line on stderr
 * naming the flag (or the profile's field) and what it must be, nothing on stdout.
 */
describe('bad input: one line naming the flag and what it must be, exit 2', () => {
  it.each<[string, readonly string[], string]>([
    // Bounds: refused before any work (the report: 11 s and a stack trace, or 40,688 obligations).
    ['a horizon of a hundred million', [...PLAN, '--horizon', '100000000'], '--horizon: "100000000" must be a whole number of review conferences from 1 to 10'],
    [
      'a horizon too long for any number type',
      [...PLAN, '--horizon', '99999999999999999999999'],
      '--horizon: "99999999999999999999999" must be a whole number of review conferences from 1 to 10',
    ],
    ['a horizon of 2000 reviews', [...PLAN, '--horizon', '2000'], '--horizon: "2000" must be a whole number of review conferences from 1 to 10'],
    ['a negative horizon', [...PLAN, '--horizon', '-1'], '--horizon: "-1" must be a whole number of review conferences from 1 to 10'],
    ['a horizon in words', [...PLAN, '--horizon', 'two'], '--horizon: "two" must be a whole number of review conferences from 1 to 10'],
    ['an ICPC in year 9999', ['plan', '--profile', 'england', '--icpc', '9999-12-31'], '--icpc: "9999-12-31" must be a date from 2000-01-01 to 2100-12-31'],
    ['an ICPC in year 202', ['plan', '--profile', 'england', '--icpc', '0202-03-02'], '--icpc: "0202-03-02" must be a date from 2000-01-01 to 2100-12-31'],
    ['a today past the supported years', [...PLAN, '--today', '2101-01-01'], '--today: "2101-01-01" must be a date from 2000-01-01 to 2100-12-31'],
    [
      'a hundred million working days',
      ['working-days', '--region', 'england-and-wales', '--from', '2026-03-02', '--add', '100000000'],
      '--add: "100000000" must be a whole number of working days from 0 to 250',
    ],
    [
      'counting from year 9999',
      ['working-days', '--region', 'england-and-wales', '--from', '9999-12-31', '--add', '1'],
      '--from: "9999-12-31" must be a date from 2000-01-01 to 2100-12-31',
    ],
    [
      'a profile with a billion working days',
      ['plan', '--profile-file', 'huge-gap.json', '--icpc', '2026-03-02'],
      '--profile-file: "huge-gap.json" is not valid: coreGroups.first.within.workingDays: must be a whole number of working days from 1 to 250',
    ],
    // Impossible histories (the report: re-sorted silently, or "met-late" before it happened).
    [
      'core groups held out of order',
      [...PLAN, '--held', '2026-03-20,2026-03-10'],
      '--held: item 2: 2026-03-10 is not after the day before it in the list (2026-03-20): list the days in the order they happened',
    ],
    [
      'reviews held out of order',
      [...PLAN, '--reviews-held', '2026-09-01,2026-06-01'],
      '--reviews-held: item 2: 2026-06-01 is not after the day before it in the list (2026-09-01): list the days in the order they happened',
    ],
    [
      'a core group held after today',
      [...PLAN, '--held', '2026-03-20', '--today', '2026-03-16'],
      '--held: item 1: 2026-03-20 is after today (2026-03-16): record it once it has happened',
    ],
    [
      'a child seen after today',
      [...PLAN, '--child-seen', '2026-03-20', '--today', '2026-03-16'],
      '--child-seen: item 1: 2026-03-20 is after today (2026-03-16): record it once it has happened',
    ],
    [
      'a today before the ICPC',
      [...PLAN, '--today', '2026-03-01'],
      '--today: 2026-03-01 is before the ICPC (2026-03-02); a plan is looked at from the ICPC on',
    ],
    [
      'two problems at once',
      [...PLAN, '--held', '2026-03-20,2026-03-10', '--reviews-held', '2026-06-01', '--today', '2026-05-01'],
      '--held: item 2: 2026-03-10 is not after the day before it in the list (2026-03-20): list the days in the order they happened (and 1 more problem)',
    ],
    // --done
    [
      'a done id the plan does not have',
      [...PLAN, '--done', 'minutes-circulated-core-group-9'],
      "--done: minutes-circulated-core-group-9 is not an obligation of this plan; use an id from the plan's OBLIGATION column",
    ],
    ['a core group marked done', [...PLAN, '--done', 'core-group-1'], '--done: item 1 core-group-1 is a core group: give the day it was held with --held'],
    [
      'a done day that is not a date',
      [...PLAN, '--done', 'minutes-circulated-core-group-1=2026-13-01'],
      '--done: item 1 minutes-circulated-core-group-1: "2026-13-01" is not a date in the form YYYY-MM-DD',
    ],
    [
      'done after today',
      [...PLAN, '--held', '2026-03-13', '--today', '2026-03-20', '--done', 'minutes-circulated-core-group-1=2026-03-27'],
      '--done: minutes-circulated-core-group-1: 2026-03-27 is after today (2026-03-20): record it once it has happened',
    ],
    [
      'done twice',
      [...PLAN, '--done', 'minutes-circulated-core-group-1,minutes-circulated-core-group-1'],
      '--done: item 2 minutes-circulated-core-group-1 is given twice',
    ],
    // Flags themselves
    ['a flag given twice', [...PLAN, '--icpc', '2026-03-03'], '--icpc is given twice; give it once'],
    ['a flag with its value missing', ['plan', '--profile', 'england', '--icpc'], '--icpc needs a value'],
    ['a flag whose value is the next flag', ['plan', '--profile', 'england', '--icpc', '--json'], '--icpc needs a value'],
    ['a value given to a switch', [...PLAN, '--json=yes'], '--json takes no value; got "yes"'],
    ['a stray word', [...PLAN, 'england'], 'unexpected argument "england"; options start with -- (see core-groups plan --help)'],
    ['a misspelt flag', [...PLAN, '--horizn', '3'], 'unknown option --horizn; did you mean --horizon? (see core-groups plan --help)'],
    // Profile files (the report: "Invalid input", and a 750-character line)
    [
      'a profile field of the wrong type',
      ['plan', '--profile-file', 'wrong-type.json', '--icpc', '2026-03-02'],
      '--profile-file: "wrong-type.json" is not valid: coreGroups.first.within: must be a gap such as { "workingDays": 10 }, { "weeks": 6 } or { "months": 3 }',
    ],
    ['a profile that is not JSON', ['plan', '--profile-file', 'not-json.json', '--icpc', '2026-03-02'], '--profile-file: "not-json.json" is not valid JSON'],
    [
      'a 50 MB profile',
      ['plan', '--profile-file', 'garbage.json', '--icpc', '2026-03-02'],
      '--profile-file: "garbage.json" is 50.0 MB; a profile is a few kilobytes, and files over 1.0 MB are refused',
    ],
  ])('%s', (_what, args, message) => {
    const { code, err, out } = run(args, FILES);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(1);
    expect(err).toContain(`core-groups ${args[0]}: ${message}`);
    expect(out).toBe('');
  });

  it('keeps a profile with thousands of wrong fields to one short line', () => {
    const { code, err } = run(['plan', '--profile-file', 'many-wrong.json', '--icpc', '2026-03-02'], FILES);
    expect(code).toBe(2);
    expect(err).not.toContain('\n');
    expect(err.length).toBeLessThan(500);
    expect(err).toMatch(/^core-groups plan: --profile-file: "many-wrong.json" is not valid: .* \(and \d+ more problems\)$/);
  });

  it('checks every flag before reading the profile file', () => {
    const { code, reads } = run(['plan', '--profile-file', 'huge-gap.json', '--icpc', '2026-03-02', '--horizon', '0'], FILES);
    expect(code).toBe(2);
    expect(reads).toEqual([]);
  });

  // Any value at all for --horizon or --add: accepted exactly when it is a whole number in bounds,
  // and otherwise one line naming the flag, never a crash.
  it('accepts a count exactly when it is a whole number within its bounds (property)', () => {
    const value = fc.oneof(fc.integer({ min: -20, max: 300 }).map(String), fc.bigInt().map(String), fc.string({ maxLength: 12 }), fc.double().map(String));
    fc.assert(
      fc.property(value, (v) => {
        const horizon = run([...PLAN, '--horizon', v, '--json']);
        const add = run(['working-days', '--region', 'scotland', '--from', '2026-03-02', '--add', v]);
        const whole = /^\d+$/.test(v) ? Number(v) : Number.NaN;
        expect(horizon.code).toBe(whole >= 1 && whole <= 10 ? 0 : 2);
        expect(add.code).toBe(whole >= 0 && whole <= 250 ? 0 : 2);
        for (const r of [horizon, add])
          if (r.code === 2) expect(r.err).toMatch(/^core-groups [a-z-]+: --(horizon|add): .* must be a whole number of [a-z ]+ from \d+ to \d+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('reports a bug in one line with exit code 1, never a stack trace', () => {
    const broken = new ProfileRegistry();
    broken.inForce = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'slice')");
    };
    const { code, err } = run(PLAN, {}, broken);
    expect(code).toBe(1);
    expect(err).toBe(
      "core-groups plan: internal error (TypeError: Cannot read properties of undefined (reading 'slice')); this is a bug in Core Groups, please report it with the command you ran",
    );
  });
});

describe('--help on every command', () => {
  it.each([
    [['plan', '--help'], /^Usage: core-groups plan --profile ID --icpc YYYY-MM-DD \[options\]/],
    [['plan', '-h'], /--done ID\[=DAY\],\.\.\./],
    [['plan', '--profile', 'england', '--horizon', '-1', '--help'], /--horizon N\s+plan up to N review conferences not yet held \(1 to 10/],
    [['working-days', '--help'], /^Usage: core-groups working-days --region REGION --from YYYY-MM-DD --add N/],
    [['profiles', '--help'], /^Usage: core-groups profiles \[--json\]/],
    [['--help'], /^Usage: core-groups COMMAND \[options\]/],
  ])('%j prints its usage and exits 0', (args, usage) => {
    const { code, out, err } = run(args);
    expect(code).toBe(0);
    expect(out).toMatch(usage);
    expect(err).toBe('');
  });

  it('states the same-day rule in the plan command’s help', () => {
    expect(run(['plan', '--help']).out).toContain(
      'A core group on the same day as a review conference counts as the first after it, not the final one before it.',
    );
  });
});
