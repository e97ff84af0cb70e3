import { londonDay, londonTimeOfDay } from '../../../src/domain/calendar/london-time';

describe('UK time of an instant', () => {
  // One line a case, around the clocks going forward (28 March 2027) and back (31 October 2027).
  const cases: [string, string, string][] = [
    ['2027-03-28T00:59:00.000Z', '2027-03-28', '00:59'],
    ['2027-03-28T01:00:00.000Z', '2027-03-28', '02:00'],
    ['2027-10-30T23:30:00.000Z', '2027-10-31', '00:30'],
    ['2027-10-31T00:59:00.000Z', '2027-10-31', '01:59'],
    ['2027-10-31T01:00:00.000Z', '2027-10-31', '01:00'],
    ['2027-12-31T23:59:00.000Z', '2027-12-31', '23:59'],
  ];
  it.each(cases)('%s is %s at %s in the UK', (iso, day, time) => {
    expect(londonDay(iso)).toBe(day);
    expect(londonTimeOfDay(iso)).toBe(time);
    // Asked again (answered from what was kept): the same.
    expect([londonDay(iso), londonTimeOfDay(iso)]).toEqual([day, time]);
  });

  it('gives Intl’s answer for every quarter hour of a year, asked twice, past the bound of what it keeps', () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const start = Date.parse('2027-01-01T00:00:00.000Z');
    const wrong: string[] = [];
    for (const pass of [1, 2]) {
      for (let at = start; at < start + 365 * 86_400_000; at += 15 * 60_000) {
        const iso = new Date(at).toISOString();
        const expected = `${day.format(at)} ${time.format(at)}`;
        if (`${londonDay(iso)} ${londonTimeOfDay(iso)}` !== expected) wrong.push(`${iso} (pass ${pass})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
