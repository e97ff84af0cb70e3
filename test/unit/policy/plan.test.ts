import { LocalDate } from '../../../src/domain/calendar/local-date';
import { DomainError } from '../../../src/domain/errors';
import { catchError } from '../../support/catch-error';
import { builtInRegistry, CaseHistory, Obligation, planObligations } from '../../../src/domain/policy';

const plan = (profileId: string, history: CaseHistory, horizonReviews?: number) =>
  planObligations(builtInRegistry.inForce(profileId, history.icpc as LocalDate), history, horizonReviews ? { horizonReviews } : {});
const byId = (obligations: Obligation[], id: string): Obligation => {
  const found = obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${obligations.map((o) => o.id).join(', ')}`);
  return found;
};

describe('England', () => {
  const obligations = plan('england', { icpc: '2026-12-18' });

  it('puts the first core group 10 working days after an ICPC on Fri 18 Dec 2026, past Christmas and New Year', () => {
    const first = byId(obligations, 'core-group-1');
    expect(first.due).toBe('2027-01-06');
    expect(first.earliest).toBe('2026-12-21');
    expect(first.rule).toBe('england.core-group.first');
    expect(first.source.label).toBe('Core Groups: local procedure action table, action 1');
    expect(first.explanation).toContain('(day 0)');
    expect(first.explanation).toContain('25 Dec, 28 Dec and 1 Jan 2027 are bank holidays in England and Wales');
  });

  it('puts the second core group 6 weeks after the ICPC and later ones every 6 weeks', () => {
    expect(byId(obligations, 'core-group-2').due).toBe('2027-01-29');
    expect(byId(obligations, 'core-group-3').due).toBe('2027-03-12');
    expect(byId(obligations, 'core-group-3').explanation).toContain('every 6 weeks or thereabouts');
  });

  it('plans review conferences at 3 months, then 6 months, moving a weekend deadline back', () => {
    expect(byId(obligations, 'review-conference-1').due).toBe('2027-03-18');
    const second = byId(obligations, 'review-conference-2');
    expect(second.due).toBe('2027-09-17'); // 18 Sep 2027 is a Saturday
    expect(second.explanation).toContain('Sat 18 Sep 2027, not a working day in England and Wales (a weekend), so the deadline moves back to Fri 17 Sep 2027');
  });

  it('marks the last core group before each review conference as final', () => {
    const finals = obligations.filter((o) => o.finalBeforeReview).map((o) => o.id);
    expect(finals).toEqual(['core-group-3', 'core-group-7']);
  });

  it('plans the minutes: to the manager in 5 working days, signed off 3 later, circulated in 10', () => {
    expect(byId(obligations, 'minutes-to-manager-core-group-1').due).toBe('2027-01-13');
    expect(byId(obligations, 'minutes-signed-off-core-group-1').due).toBe('2027-01-18');
    expect(byId(obligations, 'minutes-circulated-core-group-1').due).toBe('2027-01-20');
  });

  it('counts sign-off from the day the minutes actually reached the manager', () => {
    const withSent = plan('england', { icpc: '2026-12-18', completed: { 'minutes-to-manager-core-group-1': '2027-01-08' } });
    expect(byId(withSent, 'minutes-to-manager-core-group-1').doneOn).toBe('2027-01-08');
    expect(byId(withSent, 'minutes-signed-off-core-group-1').due).toBe('2027-01-13');
  });

  it('asks for the plan to be signed at the second core group after each conference, and dates set at the first', () => {
    expect(obligations.filter((o) => o.kind === 'plan-signed').map((o) => o.meetingId)).toEqual(['core-group-2', 'core-group-5']);
    expect(obligations.filter((o) => o.kind === 'set-future-dates').map((o) => o.meetingId)).toEqual(['core-group-1', 'core-group-4']);
  });

  it('moves a 3-month review that lands on a bank holiday back past Christmas', () => {
    // 28 Sep 2026 + 3 months = Mon 28 Dec 2026, the substitute Boxing Day; 25–27 Dec are not working days either.
    const review = byId(plan('england', { icpc: '2026-09-28' }), 'review-conference-1');
    expect(review.due).toBe('2026-12-24');
    expect(review.explanation).toContain('25 Dec and 28 Dec are bank holidays in England and Wales');
  });

  it('clamps a review at month end: 30 Nov + 3 months is 28 Feb, a Sunday, so Friday 26 Feb', () => {
    const review = byId(plan('england', { icpc: '2026-11-30' }), 'review-conference-1');
    expect(review.due).toBe('2027-02-26');
    expect(review.explanation).toContain('the last day of the month');
  });

  it('plans up to the next two review conferences not yet held', () => {
    const reviews = plan('england', { icpc: '2026-12-18', reviewConferencesHeld: ['2027-03-16'] }).filter((o) => o.kind === 'review-conference');
    expect(reviews.map((o) => [o.id, o.due, o.doneOn])).toEqual([
      ['review-conference-1', '2027-03-18', '2027-03-16'],
      ['review-conference-2', '2027-09-16', undefined], // 6 months after the day it was held
      ['review-conference-3', '2028-03-16', undefined],
    ]);
  });
});

describe('cadence counts from the meeting actually held', () => {
  it('shifts the next West Midlands core group when the first is held late', () => {
    // Mon 4 Jan 2027 + 10 working days = Mon 18 Jan; held Wed 20 Jan; the next is 4 weeks after that.
    const onTime = plan('west-midlands', { icpc: '2027-01-04' });
    const late = plan('west-midlands', { icpc: '2027-01-04', coreGroupsHeld: ['2027-01-20'] });
    expect(byId(onTime, 'core-group-1').due).toBe('2027-01-18');
    expect(byId(onTime, 'core-group-2').due).toBe('2027-02-15');
    expect(byId(late, 'core-group-1').doneOn).toBe('2027-01-20');
    expect(byId(late, 'core-group-2').due).toBe('2027-02-17');
    expect(byId(late, 'core-group-2').explanation).toContain('core group 1, held on Wed 20 Jan 2027');
  });

  it('keeps a case on the profile version in force at its ICPC (Sefton: monthly in 2024, 4-weekly from 2025)', () => {
    expect(builtInRegistry.inForce('sefton', '2024-01-15' as LocalDate).version).toBe('2021-09-23');
    expect(builtInRegistry.inForce('sefton', '2025-03-03' as LocalDate).version).toBe('2025');
    // Monthly: a core group held on Wed 31 Jan 2024 puts the next on 29 Feb (leap year, month end clamped).
    const monthly = plan('sefton', { icpc: '2024-01-15', coreGroupsHeld: ['2024-01-31'] });
    expect(byId(monthly, 'core-group-2').due).toBe('2024-02-29');
    const fourWeekly = plan('sefton', { icpc: '2025-03-03', coreGroupsHeld: ['2025-03-12'] });
    expect(byId(fourWeekly, 'core-group-2').due).toBe('2025-04-09');
  });
});

describe('Sefton final core group', () => {
  it('asks every agency for a written report and a recommendation at the final core group before each review', () => {
    const obligations = plan('sefton', { icpc: '2025-03-03' });
    const final = obligations.find((o) => o.kind === 'core-group' && o.finalBeforeReview);
    expect(final).toBeDefined();
    expect(byId(obligations, `agency-reports-${final?.id}`).due).toBe(final?.due);
    expect(byId(obligations, `review-recommendation-${final?.id}`).rule).toBe('sefton.final-core-group.recommendation');
    expect(final && final.due < byId(obligations, 'review-conference-1').due).toBe(true);
  });
});

describe('Northern Ireland', () => {
  const obligations = plan('northern-ireland', { icpc: '2026-12-18' });

  it('holds the second core group 6 weeks after the ICPC, then two between reviews at about 2 and 4 months', () => {
    const groups = obligations.filter((o) => o.kind === 'core-group').map((o) => [o.id, o.due]);
    expect(groups.slice(0, 4)).toEqual([
      ['core-group-1', '2027-01-06'],
      ['core-group-2', '2027-01-29'],
      ['core-group-3', '2027-05-18'], // review 18 Mar 2027 + 2 months
      ['core-group-4', '2027-07-16'], // + 4 months = Sun 18 Jul, back to Fri 16 Jul
    ]);
  });

  it('circulates the typed record within 14 working days and sees the child every 4 weeks', () => {
    expect(byId(obligations, 'minutes-circulated-core-group-1').due).toBe('2027-01-26');
    expect(byId(obligations, 'child-seen-1').due).toBe('2027-01-15');
    expect(byId(obligations, 'child-seen-2').due).toBe('2027-02-12');
    const seen = plan('northern-ireland', { icpc: '2026-12-18', childSeen: ['2027-01-05'] });
    expect(byId(seen, 'child-seen-2').due).toBe('2027-02-02');
  });

  it('keeps a missed slot between reviews overdue rather than letting the next meeting hide it', () => {
    const held = plan('northern-ireland', {
      icpc: '2026-12-18',
      coreGroupsHeld: ['2027-01-05', '2027-01-28', '2027-07-01'],
      reviewConferencesHeld: ['2027-03-17'],
    });
    const groups = held.filter((o) => o.kind === 'core-group').map((o) => [o.id, o.due, o.doneOn]);
    // Only one core group was held between the review on 17 Mar and the next: it fills the first slot.
    expect(groups.slice(2, 4)).toEqual([
      ['core-group-3', '2027-05-17', '2027-07-01'],
      ['core-group-4', '2027-07-16', undefined],
    ]);
  });
});

describe('Scotland and Wales', () => {
  it('Scotland: first core group within 15 working days of the CPPM; a pre-birth plan is reviewed at 3 months, others at 6', () => {
    // Fri 12 Jun 2026: Mon 15 Jun is the one-off Scottish holiday, so 15 working days end on Mon 6 Jul.
    const obligations = plan('scotland', { icpc: '2026-06-12' });
    expect(byId(obligations, 'core-group-1').due).toBe('2026-07-06');
    expect(byId(obligations, 'core-group-1').explanation).toContain('15 Jun is a bank holiday in Scotland');
    expect(byId(obligations, 'review-conference-1').due).toBe('2026-12-11');
    expect(byId(plan('scotland', { icpc: '2026-06-12', preBirth: true }), 'review-conference-1').due).toBe('2026-09-11');
    expect(byId(obligations, 'conference-record-initial-conference').due).toBe('2026-06-29');
  });

  it('Wales: outline plan circulated within 5 working days of each conference; core groups no more than 6-weekly', () => {
    const obligations = plan('wales', { icpc: '2027-01-04', coreGroupsHeld: ['2027-01-14'] });
    expect(byId(obligations, 'conference-record-initial-conference').due).toBe('2027-01-11');
    expect(byId(obligations, 'core-group-2').due).toBe('2027-02-25');
    expect(byId(obligations, 'core-group-2').earliest).toBe('2027-02-11');
  });
});

describe('plan shape', () => {
  it('explains years beyond the GOV.UK list as computed by rule', () => {
    const first = byId(plan('england', { icpc: '2029-12-20' }), 'core-group-1');
    expect(first.explanation).toMatch(/Bank holidays for 2029 and 2030 are computed by rule/);
  });

  it('rejects a history with a core group before the ICPC, naming the field', () => {
    expect(() => plan('england', { icpc: '2026-12-18', coreGroupsHeld: ['2026-12-01'] })).toThrow(DomainError);
    const error = catchError(() => plan('england', { icpc: '2026-12-18', coreGroupsHeld: ['2027-01-05', '2026-12-01'] }));
    expect((error as DomainError).fields).toEqual([{ field: 'coreGroupsHeld.1', problem: 'must be after the ICPC (2026-12-18)' }]);
    expect(() => plan('england', { icpc: '2026-12-18', coreGroupsHeld: ['2027-02-30'] })).toThrow(/coreGroupsHeld.0: must be a real date/);
  });
});
