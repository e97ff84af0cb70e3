import { remembering } from '../remembering';
import { formatLong, LocalDate } from './local-date';

// Intl with a fixed zone: the same answer on every server, whatever its own zone.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

// Intl takes microseconds an instant, and the same instants come back again and again (a core
// group's start on each of its cards, a day's candidate slots in each search): the latest are kept.
const KEPT = 4096;

const dayOf = remembering((iso) => DAY.format(new Date(iso)), KEPT);

/** The day an instant falls on in the UK (Europe/London). */
export const londonDay = (iso: string): LocalDate => dayOf(iso) as LocalDate;

/** The UK wall-clock time of an instant, "HH:mm". */
export const londonTimeOfDay = remembering((iso) => TIME.format(new Date(iso)), KEPT);

/**
 * An instant as a person in the UK reads it: "Tue 5 Jan 2027, 10:00". From the fixed-zone Intl
 * formats above rather than a TZDate and date-fns' format, which cost four times as much on every card.
 */
export const londonTime = (iso: string): string => `${formatLong(londonDay(iso))}, ${londonTimeOfDay(iso)}`;
