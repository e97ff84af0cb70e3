const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Wed 6 Jan 2027" from an ISO day, without the browser's time zone getting a say. */
export function day(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** A meeting time as people in the UK read it. */
export function when(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
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
