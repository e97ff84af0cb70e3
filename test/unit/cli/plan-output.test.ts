import { run } from './run-cli';

interface JsonPlan {
  warnings: string[];
  obligations: { id: string; kind: string; due: string; finalBeforeReview?: boolean; doneOn?: string; status?: string; daysLate?: number }[];
}
const plan = (args: readonly string[]) => {
  const r = run(['plan', ...args, '--json']);
  expect(r.code).toBe(0);
  return { ...(JSON.parse(r.out) as JsonPlan), err: r.err };
};
const byId = (p: JsonPlan, id: string) => p.obligations.find((o) => o.id === id);

describe('what the JSON says', () => {
  it('flags the final core group before each review, as the table does, and says false of the others', () => {
    const p = plan(['--profile', 'england', '--icpc', '2026-12-18']);
    const groups = p.obligations.filter((o) => o.kind === 'core-group');
    expect(groups.filter((o) => o.finalBeforeReview).map((o) => o.id)).toEqual(['core-group-3', 'core-group-7']);
    expect(groups.every((o) => typeof o.finalBeforeReview === 'boolean')).toBe(true);
    expect(p.obligations.filter((o) => o.kind !== 'core-group' && 'finalBeforeReview' in o)).toEqual([]);
    expect(run(['plan', '--profile', 'england', '--icpc', '2026-12-18']).out).toMatch(/core-group-3 \(final before review\)/);
  });

  it('carries warnings, and prints them on stderr, for an ICPC on a weekend', () => {
    const p = plan(['--profile', 'england', '--icpc', '2026-03-07']);
    expect(p.warnings).toEqual([
      'The initial child protection conference on Sat 7 Mar 2026 is on a Saturday, not a working day. Conferences do sometimes sit then; the plan counts from that day as given.',
    ]);
    expect(p.err).toBe(`core-groups plan: warning: ${p.warnings[0]}`);
    expect(plan(['--profile', 'england', '--icpc', '2026-03-09']).warnings).toEqual([]);
  });
});

describe('--done: what was done, so the status on a day is true', () => {
  // Core group 1 held Thu 7 Jan 2027 (a day late); on 1 Feb its minutes and the dates set at it
  // would all show overdue unless the CLI can be told they were done.
  const base = ['--profile', 'england', '--icpc', '2026-12-18', '--held', '2027-01-07', '--today', '2027-02-01'];
  const ids = ['minutes-to-manager-core-group-1', 'minutes-signed-off-core-group-1', 'minutes-circulated-core-group-1', 'set-future-dates-core-group-1'];

  it('shows them overdue when nothing says they were done', () => {
    const p = plan(base);
    expect(ids.map((id) => byId(p, id)?.status)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
  });

  it('takes the day each was done, and counts sign-off from the day the minutes reached the manager', () => {
    const p = plan([
      ...base,
      '--done',
      'minutes-to-manager-core-group-1=2027-01-12,minutes-signed-off-core-group-1=2027-01-15,minutes-circulated-core-group-1=2027-01-25',
    ]);
    expect(byId(p, 'minutes-to-manager-core-group-1')).toMatchObject({ doneOn: '2027-01-12', status: 'met' });
    expect(byId(p, 'minutes-signed-off-core-group-1')).toMatchObject({ due: '2027-01-15', doneOn: '2027-01-15', status: 'met' });
    expect(byId(p, 'minutes-circulated-core-group-1')).toMatchObject({ doneOn: '2027-01-25', status: 'met-late', daysLate: 4 });
  });

  it('reads an id alone as done on its due day: set at the meeting, on time', () => {
    const p = plan([...base, '--done', ids.join(',')]);
    expect(ids.map((id) => byId(p, id)?.status)).toEqual(['met', 'met', 'met', 'met']);
    expect(byId(p, 'set-future-dates-core-group-1')?.doneOn).toBe('2027-01-07');
  });

  it('reads an id alone as done today when it is not yet due', () => {
    const p = plan([...base, '--done', 'minutes-circulated-core-group-2']);
    expect(byId(p, 'minutes-circulated-core-group-2')).toMatchObject({ doneOn: '2027-02-01', status: 'met' });
  });

  it('counts visits from --child-seen (Northern Ireland)', () => {
    const p = plan(['--profile', 'northern-ireland', '--icpc', '2026-12-18', '--child-seen', '2027-01-05', '--today', '2027-01-20']);
    expect(byId(p, 'child-seen-1')).toMatchObject({ doneOn: '2027-01-05', status: 'met' });
    expect(byId(p, 'child-seen-2')?.due).toBe('2027-02-02');
  });
});
