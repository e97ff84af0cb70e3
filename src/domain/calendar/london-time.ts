import { LocalDate } from './local-date';

// Intl with a fixed zone: the same answer on every server, whatever its own zone.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The day an instant falls on in the UK (Europe/London). */
export const londonDay = (iso: string): LocalDate => DAY.format(new Date(iso)) as LocalDate;

/** The UK wall-clock time of an instant, "HH:mm". */
export const londonTimeOfDay = (iso: string): string => TIME.format(new Date(iso));
