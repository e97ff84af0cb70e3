import { addDays, LocalDate } from '../../../src/domain/calendar/local-date';
import { DomainError } from '../../../src/domain/errors';
import { builtInRegistry, CaseHistory, parseProfile, planObligations, planWarnings } from '../../../src/domain/policy';
import england from '../../../src/domain/policy/profiles/england.json';
import { catchError } from '../../support/catch-error';

const ENGLAND = builtInRegistry.get('england');
const ICPC = '2026-03-02';
const day = (d: string) => d as LocalDate;

describe('impossible histories are refused, naming the fact and what is wrong with it', () => {
  const refuses = (history: Omit<CaseHistory, 'icpc'>, today: string | undefined, field: string, problem: string | RegExp) => {
    const error = catchError(() => planObligations(ENGLAND, { icpc: ICPC, ...history }, today ? { today: day(today) } : {})) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.category).toBe('invalid');
    expect(error.fields).toEqual([{ field, problem: typeof problem === 'string' ? problem : (expect.stringMatching(problem) as unknown) }]);
  };

  it('refuses core groups held out of order rather than sorting them', () =>
    refuses(
      { coreGroupsHeld: ['2026-03-20', '2026-03-10'] },
      undefined,
      'coreGroupsHeld.1',
      /^2026-03-10 is not after the day before it in the list \(2026-03-20\): list the days in the order they happened$/,
    ));
  it('refuses two core groups on one day', () =>
    refuses({ coreGroupsHeld: ['2026-03-10', '2026-03-10'] }, undefined, 'coreGroupsHeld.1', /not after the day before it/));
  it('refuses review conferences out of order', () =>
    refuses({ reviewConferencesHeld: ['2026-09-01', '2026-06-01'] }, undefined, 'reviewConferencesHeld.1', /2026-06-01 is not after the day before it/));
  it('refuses child visits out of order', () => refuses({ childSeen: ['2026-04-01', '2026-03-20'] }, undefined, 'childSeen.1', /not after the day before it/));
  it('refuses a core group on the day of the ICPC', () =>
    refuses({ coreGroupsHeld: [ICPC] }, undefined, 'coreGroupsHeld.0', 'must be after the ICPC (2026-03-02)'));
  it('refuses a core group held after today', () =>
    refuses(
      { coreGroupsHeld: ['2026-03-12'] },
      '2026-03-10',
      'coreGroupsHeld.0',
      /^2026-03-12 is after today \(2026-03-10\): record it once it has happened$/,
    ));
  it('refuses a review held after today', () => refuses({ reviewConferencesHeld: ['2026-06-01'] }, '2026-05-01', 'reviewConferencesHeld.0', /is after today/));
  it('refuses something done after today', () =>
    refuses(
      { completed: { 'minutes-circulated-core-group-1': '2026-04-01' } },
      '2026-03-31',
      'completed.minutes-circulated-core-group-1',
      /2026-04-01 is after today/,
    ));
  it('refuses something done before the ICPC', () =>
    refuses(
      { completed: { 'minutes-circulated-core-group-1': '2026-02-01' } },
      undefined,
      'completed.minutes-circulated-core-group-1',
      '2026-02-01 is before the ICPC (2026-03-02)',
    ));
  it('refuses a meeting marked done instead of held, which would leave the plan counting from its due day', () =>
    refuses(
      { completed: { 'core-group-2': '2026-04-01' } },
      undefined,
      'completed.core-group-2',
      'is recorded in coreGroupsHeld, which moves the plan on from the day it happened',
    ));
  it('refuses a today before the ICPC', () => refuses({}, '2026-03-01', 'today', /^2026-03-01 is before the ICPC/));
  it('refuses a day outside the supported years', () =>
    refuses({ coreGroupsHeld: ['2101-01-03'] }, undefined, 'coreGroupsHeld.0', 'must be a date from 2000-01-01 to 2100-12-31'));

  it('refuses more days in one list than a core group every two weeks for twenty years', () => {
    const days = Array.from({ length: 521 }, (_, i) => addDays(day('2026-03-03'), 14 * i));
    const error = catchError(() => planObligations(ENGLAND, { icpc: ICPC, coreGroupsHeld: days })) as DomainError;
    expect(error.fields).toEqual([{ field: 'coreGroupsHeld', problem: 'must list at most 520 days (a core group every two weeks for twenty years)' }]);
  });

  it('names every impossible fact, not just the first', () => {
    const error = catchError(() =>
      planObligations(
        ENGLAND,
        { icpc: ICPC, coreGroupsHeld: ['2026-03-20', '2026-03-10'], reviewConferencesHeld: ['2026-07-01'] },
        { today: day('2026-06-01') },
      ),
    ) as DomainError;
    expect(error.fields.map((f) => f.field)).toEqual(['coreGroupsHeld.1', 'reviewConferencesHeld.0']);
    expect(error.message).toMatch(/^case history is not possible: coreGroupsHeld.1: .*; reviewConferencesHeld.0: /);
  });

  it('accepts what happened up to and including today', () => {
    const plan = planObligations(
      ENGLAND,
      {
        icpc: ICPC,
        coreGroupsHeld: ['2026-03-13', '2026-04-10'],
        completed: { 'conference-record-initial-conference': ICPC, 'minutes-circulated-core-group-1': '2026-04-10' },
      },
      { today: day('2026-04-10') },
    );
    expect(plan.find((o) => o.id === 'core-group-2')?.doneOn).toBe('2026-04-10');
  });

  // The reported case: a meeting held after --today counted as "met-late (4d)" before it happened.
  it('never lets a meeting count as held before the day it happens', () => {
    expect(() => planObligations(ENGLAND, { icpc: ICPC, coreGroupsHeld: ['2026-03-20'] }, { today: day('2026-03-16') })).toThrow(/is after today/);
  });
});

describe('an ICPC on a day that is not a working day is warned about, not refused', () => {
  it.each([
    ['a weekend', 'england', '2026-03-07', 'The initial child protection conference on Sat 7 Mar 2026 is on a Saturday, not a working day.'],
    ['Good Friday', 'england', '2026-04-03', 'on Fri 3 Apr 2026 is on a bank holiday in England and Wales (Good Friday), not a working day.'],
    [
      'a Scottish one-off',
      'scotland',
      '2026-06-15',
      'The child protection planning meeting (CPPM) on Mon 15 Jun 2026 is on a bank holiday in Scotland (World Cup bank holiday)',
    ],
  ])('warns about an ICPC on %s', (_what, id, icpc, warning) => {
    const profile = builtInRegistry.inForce(id, day(icpc));
    const warnings = planWarnings(profile, { icpc: day(icpc) });
    expect(warnings).toEqual([expect.stringContaining(warning)]);
    expect(warnings[0]).toContain('Conferences do sometimes sit then; the plan counts from that day as given.');
    expect(planObligations(profile, { icpc }).length).toBeGreaterThan(5);
  });

  it('warns about an ICPC on a local closure day', () => {
    const profile = parseProfile({ ...england, id: 'anytown', closureDays: [{ date: '2026-12-29', reason: 'council closed' }] });
    expect(planWarnings(profile, { icpc: day('2026-12-29') })).toEqual([expect.stringContaining('is on a local closure day (council closed)')]);
  });

  it('says nothing about an ICPC on a working day', () => {
    expect(planWarnings(ENGLAND, { icpc: day('2026-03-02') })).toEqual([]);
  });
});
