import { LocalDate } from '../../../src/domain/calendar/local-date';
import { assessCompliance, builtInRegistry, calendarFor, CaseHistory, normaliseHistory, planObligations, plainObligation } from '../../../src/domain/policy';
import { catchError } from '../../support/catch-error';

const history: CaseHistory = { icpc: '2026-01-05', coreGroupsHeld: ['2026-01-15', '2026-02-20'] };
const profile = builtInRegistry.inForce('england', '2026-01-05' as LocalDate);

describe('explanations are worded when read, and never lost', () => {
  it('gives the same words however an obligation is read: the getter, JSON, a plain copy, compliance', () => {
    const plan = planObligations(profile, history);
    const again = planObligations(profile, history);
    const json = JSON.parse(JSON.stringify(plan)) as { id: string; explanation: string }[];
    const assessed = assessCompliance(again, '2026-03-01' as LocalDate, calendarFor(profile));
    plan.forEach((o, i) => {
      expect(o.explanation.length).toBeGreaterThan(20);
      expect(json[i]?.explanation).toBe(o.explanation);
      expect(plainObligation(o).explanation).toBe(o.explanation);
      expect(assessed[i]?.explanation).toBe(o.explanation);
      expect({ ...assessed[i] }.explanation).toBe(o.explanation);
    });
  });

  it('JSON of an obligation holds its fields and no more', () => {
    const [first] = planObligations(profile, history);
    const keys = Object.keys(JSON.parse(JSON.stringify(first)) as object).sort();
    expect(keys).toEqual(expect.arrayContaining(['due', 'explanation', 'id', 'kind', 'rule', 'source']));
    expect(
      keys.every((k) => ['due', 'doneOn', 'earliest', 'explanation', 'finalBeforeReview', 'id', 'kind', 'meetingId', 'number', 'rule', 'source'].includes(k)),
    ).toBe(true);
  });

  it('a later change to the history passed in changes no explanation already planned', () => {
    const input = { icpc: '2026-01-05', coreGroupsHeld: ['2026-01-15', '2026-02-20'] };
    const plan = planObligations(profile, input);
    const before = planObligations(profile, { ...input, coreGroupsHeld: [...input.coreGroupsHeld] }).map((o) => o.explanation);
    input.coreGroupsHeld[1] = '2026-02-27';
    expect(plan.map((o) => o.explanation)).toEqual(before);
  });
});

describe('the history check by hand agrees with the schema', () => {
  it.each([
    [{ icpc: '2026-02-30' }],
    [{ icpc: '2026-01-05', coreGroupsHeld: ['2026-01-15', 'soon'] }],
    [{ icpc: '2026-01-05', extra: true }],
    [{ icpc: '2026-01-05', completed: { 'minutes-circulated-core-group-1': 5 } }],
    [{ icpc: '1999-12-31' }],
    [{ icpc: '2026-01-05', preBirth: 'yes' }],
  ])('refuses %j with the schema’s own error', (bad) => {
    expect(catchError(() => normaliseHistory(bad as CaseHistory))).toMatchObject({ code: 'HISTORY.INVALID' });
  });

  it('normalises a plain history as the schema would', () => {
    expect(normaliseHistory({ icpc: '2026-01-05', preBirth: true, completed: { 'minutes-circulated-core-group-1': '2026-01-20' } })).toEqual({
      icpc: '2026-01-05',
      preBirth: true,
      coreGroupsHeld: [],
      reviewConferencesHeld: [],
      childSeen: [],
      completed: { 'minutes-circulated-core-group-1': '2026-01-20' },
    });
  });
});
