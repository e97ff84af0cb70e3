import { runDemo } from '../../../src/cli/demo';
import { LocalDate } from '../../../src/domain/calendar/local-date';
import { builtInRegistry } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import { run } from './run-cli';

describe('core-groups plan', () => {
  it('prints the plan as JSON with stable ids, kinds, rules, sources and explanations', () => {
    const { code, out } = run(['plan', '--profile', 'england', '--icpc', '2026-12-18', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as { profile: string; icpc: string; obligations: Record<string, unknown>[] };
    expect(plan.profile).toBe('england');
    expect(plan.icpc).toBe('2026-12-18');
    expect(plan.obligations[0]).toEqual({
      id: 'core-group-1',
      kind: 'core-group',
      due: '2027-01-06',
      earliest: '2026-12-21',
      finalBeforeReview: false,
      rule: 'england.core-group.first',
      source: 'Core Groups: local procedure action table, action 1',
      explanation: expect.stringContaining('25 Dec, 28 Dec and 1 Jan 2027 are bank holidays'),
    });
    expect(plan.obligations.map((o) => o.id)).toEqual(expect.arrayContaining(['review-conference-1', 'minutes-circulated-core-group-1']));
  });

  it('adds a status to each obligation given --today and the meetings held', () => {
    const { out } = run(['plan', '--profile', 'england', '--icpc', '2026-12-18', '--held', '2027-01-07', '--today', '2027-02-01', '--json']);
    const obligations = (JSON.parse(out) as { obligations: { id: string; status: string; daysLate?: number }[] }).obligations;
    expect(obligations.find((o) => o.id === 'core-group-1')).toMatchObject({ status: 'met-late', daysLate: 1 });
    expect(obligations.find((o) => o.id === 'core-group-2')).toMatchObject({ status: 'overdue', daysLate: 3 });
  });

  it('prints a readable table by default, and the reasons with --explain', () => {
    const table = run(['plan', '--profile', 'northern-ireland', '--icpc', '2026-12-18']).out;
    expect(table).toMatch(/DUE\s+EARLIEST\s+STATUS\s+OBLIGATION\s+RULE/);
    expect(table).toMatch(/Wed 6 Jan 2027\s+Mon 21 Dec 2026\s+core-group-1\s+northern-ireland.core-group.first/);
    const explained = run(['plan', '--profile', 'northern-ireland', '--icpc', '2026-12-18', '--explain']).out;
    expect(explained).toContain('bank holidays in Northern Ireland');
    expect(explained).toContain('Source: Core Group Regional Policy and Procedures');
  });

  it('plans with a local profile file', () => {
    const local = JSON.stringify({ ...england, id: 'anytown', version: '1', closureDays: [{ date: '2026-12-29', reason: 'council closed' }] });
    const { code, out } = run(['plan', '--profile-file', 'anytown.json', '--icpc', '2026-12-18', '--json'], { 'anytown.json': local });
    expect(code).toBe(0);
    expect((JSON.parse(out) as { obligations: { due: string }[] }).obligations[0]?.due).toBe('2027-01-07');
  });

  it.each([
    [['plan', '--icpc', '2026-12-18'], 'core-groups plan: --profile is required'],
    [['plan', '--profile', 'england', '--icpc', '18/12/2026'], 'core-groups plan: --icpc: "18/12/2026" is not a date in the form YYYY-MM-DD'],
    [
      ['plan', '--profile', 'england', '--icpc', '2026-12-18', '--held', '2027-01-07,2027-13-01'],
      'core-groups plan: --held: item 2 "2027-13-01" is not a date in the form YYYY-MM-DD',
    ],
    [
      ['plan', '--profile', 'england', '--icpc', '2026-12-18', '--horizon', '0'],
      'core-groups plan: --horizon: "0" must be a whole number of review conferences from 1 to 10',
    ],
    [
      ['plan', '--profile', 'kent', '--icpc', '2026-12-18'],
      'core-groups plan: there is no policy profile "kent"; known profiles: england, west-midlands, sefton, northern-ireland, wales, scotland',
    ],
    [
      ['plan', '--profile', 'england', '--icpc', '2026-12-18', '--held', '2026-12-01'],
      'core-groups plan: --held: item 1: 2026-12-01 must be after the ICPC (2026-12-18)',
    ],
    [['plan', '--profle', 'england'], 'core-groups plan: unknown option --profle; did you mean --profile? (see core-groups plan --help)'],
    [['plan', '--profile-file', 'missing.json', '--icpc', '2026-12-18'], 'core-groups plan: --profile-file: cannot read "missing.json" (ENOENT)'],
    [
      ['working-days', '--region', 'wessex', '--from', '2026-12-18', '--add', '10'],
      'core-groups working-days: --region: "wessex" is not one of england-and-wales, scotland, northern-ireland',
    ],
    [
      ['working-days', '--region', 'scotland', '--from', '2026-12-18', '--add=-1'],
      'core-groups working-days: --add: "-1" must be a whole number of working days from 0 to 250',
    ],
    [['frobnicate'], 'core-groups frobnicate: unknown command "frobnicate"; try: plan, working-days, profiles'],
  ])('%j fails with exit code 2 and one line naming the problem', (args, message) => {
    const { code, err, out } = run(args);
    expect(code).toBe(2);
    expect(err).toBe(message);
    expect(err).not.toContain('\n');
    expect(out).toBe('');
  });
});

describe('core-groups working-days and profiles', () => {
  it('prints the date N working days on', () => {
    expect(run(['working-days', '--region', 'england-and-wales', '--from', '2026-12-18', '--add', '10'])).toMatchObject({
      code: 0,
      out: '2027-01-06',
      err: '',
    });
    expect(run(['working-days', '--region', 'scotland', '--from', '2025-12-31', '--add', '1']).out).toBe('2026-01-05');
  });

  it('lists the profiles with their sources', () => {
    const { out } = run(['profiles']);
    expect(out).toContain('sefton — Sefton');
    expect(out).toContain('versions: 2021-09-23 (from 2021-09-23), 2025 (from 2025-01-01)');
    expect(out).toContain('[seed-002] Core Group Regional Policy and Procedures v1.0');
  });
});

describe('core-groups demo', () => {
  const demo = (args: string[], today: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runDemo(args, { out: (t) => out.push(t), err: (t) => err.push(t), readFile: () => '', registry: builtInRegistry }, today as LocalDate);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  // Six weeks before Mon 1 Feb 2027 is a Monday; before Sun 7 Mar 2027, a Sunday, which the demo
  // moves back to a working day so it shows no warning.
  it.each(['2027-02-01', '2027-03-07'])('plans a case six weeks in under every profile, as of %s', (today) => {
    const { code, out, err } = demo([], today);
    expect(code).toBe(0);
    expect(err).toBe('');
    for (const p of builtInRegistry.list()) expect(out).toContain(`profile ${p.id}, version ${p.version}`);
    expect(out).toMatch(/core-group-1 .*\n/);
    expect(out).toContain('met');
  });

  it('answers --help with its usage', () => {
    expect(demo(['--help'], '2027-02-01')).toEqual({ code: 0, out: expect.stringMatching(/^Usage: core-groups demo/), err: '' });
  });
});
