import fc from 'fast-check';
import { fromEpochDay, LocalDate, toEpochDay, weekdayOf } from '../../../src/domain/calendar/local-date';
import { REGIONS } from '../../../src/domain/calendar/region';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { BUILT_IN_PROFILES, builtInRegistry, CaseHistory, deadlineAfter, Obligation, planObligations } from '../../../src/domain/policy';

const day = (d: string) => d as LocalDate;
const plan = (id: string, history: CaseHistory) => planObligations(builtInRegistry.inForce(id, day(history.icpc)), history);
const byId = (obligations: Obligation[], id: string): Obligation => {
  const found = obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id}`);
  return found;
};
const ew = workingCalendar({ region: 'england-and-wales' });
const explainWorkingDays = (from: string, n: number) => deadlineAfter(ew, { date: day(from), label: () => 'the meeting' }, { workingDays: n }).reasoning();

describe('working-day explanations name only the days actually skipped', () => {
  it('says nothing was skipped when no weekend or holiday falls in the count', () => {
    // Mon 2 Mar 2026 + 3 working days: the sign-off case, where "Not counted: weekends." was wrong.
    expect(explainWorkingDays('2026-03-02', 3)).toBe('3 working days after the meeting (day 0) is Thu 5 Mar 2026.');
  });

  it('counts the weekends it crossed', () => {
    expect(explainWorkingDays('2026-03-06', 3)).toBe('3 working days after the meeting (day 0) is Wed 11 Mar 2026. Not counted: a weekend.');
    expect(explainWorkingDays('2026-12-18', 10)).toBe(
      '10 working days after the meeting (day 0) is Wed 6 Jan 2027. Not counted: 3 weekends; 25 Dec, 28 Dec and 1 Jan 2027 are bank holidays in England and Wales (Christmas Day, Boxing Day, New Year’s Day).',
    );
  });

  it('names a weekend exactly when the count skipped a Saturday or a Sunday, and how many (property)', () => {
    const from = fc.integer({ min: toEpochDay(day('2019-01-01')), max: toEpochDay(day('2034-12-31')) }).map(fromEpochDay);
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), from, fc.integer({ min: 1, max: 40 }), (region, start, n) => {
        const calendar = workingCalendar({ region });
        const { due, reasoning } = deadlineAfter(calendar, { date: start, label: () => 'x' }, { workingDays: n });
        const weekendDays = calendar.skippedBetween(start, due).filter((s) => s.reason.kind === 'weekend');
        // A weekend is a Saturday in the range, or a Sunday whose Saturday is before it.
        const weekends = weekendDays.filter((s, i) => weekdayOf(s.date) === 'Saturday' || i === 0).length;
        const said = /Not counted: (a weekend|(\d+) weekends)/.exec(reasoning());
        expect(said ? (said[2] ? Number(said[2]) : 1) : 0).toBe(weekends);
      }),
      { numRuns: 500 },
    );
  });
});

describe('holiday names read the same whichever source gave them', () => {
  const holidayNames = (o: Obligation) => /bank holidays? in [^(]+\(([^)]*(?:\([^)]*\))?[^)]*)\)/.exec(o.explanation)?.[1];

  it.each([
    ['England and Wales, Christmas to New Year', 'england', '2027-12-20', '2029-12-20', 'core-group-1', 'Christmas Day, Boxing Day, New Year’s Day'],
    ['Scotland, New Year when 1 January is a Saturday', 'scotland', '2027-12-29', '2032-12-29', 'core-group-1', 'New Year’s Day, 2nd January'],
    ['Northern Ireland, St Patrick’s Day on a substitute Monday', 'northern-ireland', '2024-03-12', '2029-03-12', 'core-group-1', 'St Patrick’s Day'],
  ])('%s: the GOV.UK year and the rule-based year use one form', (_what, id, snapshotIcpc, ruleIcpc, obligation, names) => {
    const fromSnapshot = byId(plan(id, { icpc: snapshotIcpc }), obligation);
    const fromRules = byId(plan(id, { icpc: ruleIcpc }), obligation);
    expect(fromSnapshot.explanation).not.toMatch(/computed by rule/);
    expect(fromRules.explanation).toMatch(/computed by rule/);
    expect(holidayNames(fromSnapshot)).toBe(names);
    expect(holidayNames(fromRules)).toBe(names);
  });

  it('never uses a straight apostrophe, "January 2nd" or "(substitute day)" in any rule-based year', () => {
    for (const profile of BUILT_IN_PROFILES) {
      for (const icpc of ['2030-12-16', '2031-03-10', '2033-06-27', '2034-12-18']) {
        for (const o of planObligations(profile, { icpc })) expect(o.explanation).not.toMatch(/'|January 2nd|substitute day/);
      }
    }
  });
});

describe('the note on rule-based years', () => {
  it('gives the GOV.UK list’s years and the day it last changed, so the date is not read as coverage', () => {
    const first = byId(plan('england', { icpc: '2029-12-20' }), 'core-group-1');
    expect(first.explanation).toContain(
      'Bank holidays for 2029 and 2030 are computed by rule, because the GOV.UK list shipped with Core Groups covers 2019 to 2028 (it last changed on 25 Feb 2026).',
    );
    expect(first.explanation).not.toContain('(2026-02-25)');
  });
});

describe('a core group on the same day as a review conference', () => {
  // Core group 2 held Fri 29 Jan 2027 puts core group 3 due 6 weeks later, Fri 12 Mar, the day review 1 was held.
  const history = { icpc: '2026-12-18', coreGroupsHeld: ['2027-01-06', '2027-01-29'], reviewConferencesHeld: ['2027-03-12'] };

  it('counts as the first core group after the conference, and its explanation says so', () => {
    const obligations = plan('england', history);
    expect(byId(obligations, 'core-group-2').finalBeforeReview).toBe(true);
    expect(byId(obligations, 'core-group-3').finalBeforeReview).toBeUndefined();
    expect(byId(obligations, 'set-future-dates-core-group-3').explanation).toContain(
      'first core group after review child protection conference 1 (Fri 12 Mar 2027)',
    );
    expect(byId(obligations, 'core-group-3').explanation).toContain(
      'It is due on the same day as review child protection conference 1 (Fri 12 Mar 2027), so it counts as the first core group after that conference, not the final one before it: the conference sits first, and the core group carries forward the plan it agreed.',
    );
  });

  it('says "held" of a core group held that day', () => {
    const held = plan('england', { ...history, coreGroupsHeld: [...history.coreGroupsHeld, '2027-03-12'] });
    expect(byId(held, 'core-group-3').explanation).toContain('It is held on the same day as review child protection conference 1');
  });

  it('says nothing of the kind about core groups on other days', () => {
    const sameDay = plan('england', { icpc: '2026-12-18' }).filter((o) => o.explanation.includes('same day as'));
    expect(sameDay).toEqual([]);
  });

  it('is written in every built-in profile’s notes, in its own words for the conference', () => {
    for (const p of BUILT_IN_PROFILES) {
      expect(p.notes).toContainEqual(
        `A core group held or due on the same day as a ${p.conferenceName.review} counts as the first core group after that conference, not the final one before it: the conference sits first, and the core group carries forward the plan it agreed.`,
      );
    }
  });
});
