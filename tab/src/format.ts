import { count } from './words';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Wed 6 Jan 2027" from an ISO day, without the browser's time zone getting a say. */
export function day(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** A meeting time as people in the UK read it. */
export function when(iso: string): string {
  const wall = londonWall(iso);
  return `${day(wall.slice(0, 10))}, ${wall.slice(11)}`;
}

/** "core-group-3" → "Core group 3"; "minutes-circulated-core-group-3" → "Minutes circulated (core group 3)". */
export function obligationName(id: string): string {
  const m = /^(.*?)-?(core-group-\d+|review-conference-\d+|initial-conference)?$/.exec(id);
  const what = (m?.[1] ?? id).replace(/-/g, ' ');
  const of = m?.[2]?.replace(/-/g, ' ');
  if (!what) return capital(of ?? id);
  return of ? `${capital(what)} (${of})` : capital(what);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as UK wall-clock "YYYY-MM-DD HH:mm" (sortable, comparable as text). */
export function londonWall(iso: string): string {
  const parts = Object.fromEntries(LONDON.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A UK wall-clock day and time ("2027-01-05", "10:00") as an instant, in GMT or BST as the day has it. */
export function londonToIso(dayIso: string, time: string): string {
  const guess = Date.parse(`${dayIso}T${time}:00Z`);
  // London is UTC or UTC+1: whichever offset maps back to the wall clock asked for.
  for (const offsetHours of [0, 1]) {
    const at = new Date(guess - offsetHours * 3_600_000).toISOString();
    if (londonWall(at) === `${dayIso} ${time}`) return at;
  }
  return new Date(guess).toISOString();
}

/** "10:00–11:30" in UK time. */
export function timeRange(start: string, end: string): string {
  return `${londonWall(start).slice(11)}–${londonWall(end).slice(11)}`;
}

/** "HH:mm" plus minutes. */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Calendar days from one ISO day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / 86_400_000);
}

/** "waiting 3 days", "waiting since today". */
export function waiting(today: string, submittedAt: string): string {
  // Days as people in the UK count them: the day it was submitted, in UK time, to today.
  const days = daysBetween(londonWall(submittedAt).slice(0, 10), today);
  return days <= 0 ? 'waiting since today' : `waiting ${count(days, 'day')}`;
}
