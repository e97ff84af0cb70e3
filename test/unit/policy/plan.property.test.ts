import fc from 'fast-check';
import { addDays, fromEpochDay, LocalDate, toEpochDay } from '../../../src/domain/calendar/local-date';
import { REGIONS } from '../../../src/domain/calendar/region';
import { workingCalendar } from '../../../src/domain/calendar/working-days';
import { BUILT_IN_PROFILES, calendarFor, compareObligations, planObligations } from '../../../src/domain/policy';

// Days from 2019 to 2034: inside the GOV.UK snapshot and beyond it, where rules take over.
const day = fc.integer({ min: toEpochDay('2019-01-01' as LocalDate), max: toEpochDay('2034-12-31' as LocalDate) }).map(fromEpochDay);
const profile = fc.constantFrom(...BUILT_IN_PROFILES);
const history = fc.record({
  icpc: day,
  // Meetings held a few working days either side of when they fall due, expressed as gaps.
  gaps: fc.array(fc.integer({ min: 5, max: 40 }), { maxLength: 6 }),
  preBirth: fc.boolean(),
});

describe('working-day properties', () => {
  it('adding N working days and counting back gives N, and lands on a working day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REGIONS), day, fc.integer({ min: 0, max: 60 }), (region, from, n) => {
        const cal = workingCalendar({ region });
        const to = cal.addWorkingDays(from, n);
        expect(cal.workingDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(cal.isWorkingDay(to)).toBe(true);
        expect(cal.subtractWorkingDays(to, n) <= from).toBe(true);
      }),
    );
  });
});

describe('plan properties', () => {
  it('every deadline is a working day, plans are in date order, nothing falls before the ICPC, and earliest ≤ due', () => {
    fc.assert(
      fc.property(profile, history, (p, h) => {
        const cal = calendarFor(p);
        // Held meetings on working days after the ICPC, each a gap after the last.
        const held: LocalDate[] = [];
        let last = h.icpc;
        for (const gap of h.gaps) {
          last = cal.onOrAfter(addDays(last, gap));
          held.push(last);
        }
        const obligations = planObligations(p, { icpc: h.icpc, coreGroupsHeld: held, preBirth: h.preBirth });
        expect([...obligations].sort(compareObligations)).toEqual(obligations);
        for (const o of obligations) {
          expect(o.due > h.icpc).toBe(true);
          expect(cal.isWorkingDay(o.due)).toBe(true);
          if (o.earliest) expect(o.earliest <= o.due && o.earliest > h.icpc).toBe(true);
          expect(o.explanation.length).toBeGreaterThan(20);
        }
        const ids = obligations.map((o) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(obligations.filter((o) => o.kind === 'review-conference' && !o.doneOn)).toHaveLength(2);
      }),
      { numRuns: 300 },
    );
  });
});
