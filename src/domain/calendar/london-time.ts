import { LocalDate } from './local-date';

// Intl with a fixed zone: the same answer on every server, whatever its own zone.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A format that keeps its latest answers. Intl takes microseconds an instant, and the same instants
 * come back again and again (a core group's start on each of its cards, a day's candidate slots in
 * each search), so most calls are answered from here. Bounded: emptied when full.
 */
function remembering(format: (iso: string) => string, most = 4096): (iso: string) => string {
  const kept = new Map<string, string>();
  return (iso) => {
    let answer = kept.get(iso);
    if (answer === undefined) {
      answer = format(iso);
      if (kept.size >= most) kept.clear();
      kept.set(iso, answer);
    }
    return answer;
  };
}

const dayOf = remembering((iso) => DAY.format(new Date(iso)));

/** The day an instant falls on in the UK (Europe/London). */
export const londonDay = (iso: string): LocalDate => dayOf(iso) as LocalDate;

/** The UK wall-clock time of an instant, "HH:mm". */
export const londonTimeOfDay = remembering((iso) => TIME.format(new Date(iso)));
