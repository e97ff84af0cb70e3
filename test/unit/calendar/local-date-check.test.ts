import fc from 'fast-check';
import { isLocalDate, LOCAL_DATE_PATTERN } from '../../../src/domain/calendar/local-date';

/** isLocalDate checks the pattern by hand, for speed; this holds it to the pattern and the calendar. */
const byPattern = (s: string): boolean => {
  const m = LOCAL_DATE_PATTERN.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return mo >= 1 && mo <= 12 && d >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

describe('isLocalDate', () => {
  it('agrees with the pattern and the calendar on near-dates and noise (property)', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
    const nearDate = fc
      .tuple(digits(4), fc.constantFrom('-', '/', ''), digits(2), fc.constantFrom('-', '-', 'x'), digits(2), fc.constantFrom('', '', '\n', ' '))
      .map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(nearDate, fc.string({ maxLength: 12 })), (s) => expect(isLocalDate(s)).toBe(byPattern(s))),
      { numRuns: 5000 },
    );
  });

  it.each(['2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (s) => expect(isLocalDate(s)).toBe(true));
  it.each(['2027-02-29', '1900-02-29', '2026-00-10', '2026-01-00', '２０２６-01-01', '2026-01-01\n', '+026-01-01'])('refuses %j', (s) =>
    expect(isLocalDate(s)).toBe(false),
  );
});
