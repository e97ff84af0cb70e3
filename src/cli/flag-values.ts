import { isLocalDate, LocalDate } from '../domain/calendar/local-date';
import { isSupportedDay, SUPPORTED_DAYS } from '../domain/calendar/supported-days';
import { MAX_HISTORY_ITEMS } from '../domain/policy/history';
import { UsageError } from './cli-error';
import { quote } from './flags';

/** The checks on what a flag holds, each refusing with the flag's name and what it must be. */

function day(value: string, where: string): LocalDate {
  if (!isLocalDate(value)) throw new UsageError(`${where} ${quote(value)} is not a date in the form YYYY-MM-DD`);
  if (!isSupportedDay(value)) throw new UsageError(`${where} ${quote(value)} must be a date from ${SUPPORTED_DAYS.first} to ${SUPPORTED_DAYS.last}`);
  return value;
}

export function dateFlag(value: string | undefined, flag: string): LocalDate | undefined {
  return value === undefined ? undefined : day(value, `--${flag}:`);
}

function items(value: string, flag: string): string[] {
  const list = value.split(',').map((v) => v.trim());
  if (list.length > MAX_HISTORY_ITEMS)
    throw new UsageError(`--${flag}: ${list.length} items; at most ${MAX_HISTORY_ITEMS} (a core group every two weeks for twenty years)`);
  return list;
}

export function datesFlag(value: string | undefined, flag: string): LocalDate[] {
  if (value === undefined || value === '') return [];
  return items(value, flag).map((d, i) => day(d, `--${flag}: item ${i + 1}`));
}

/** A whole number from `min` to `max`; `what` says what it counts ("review conferences"). */
export function countFlag(
  value: string | undefined,
  flag: string,
  bounds: { readonly min: number; readonly max: number; readonly what: string },
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= bounds.min && n <= bounds.max))
    throw new UsageError(`--${flag}: ${quote(value)} must be a whole number of ${bounds.what} from ${bounds.min} to ${bounds.max}`);
  return n;
}

export interface Done {
  readonly id: string;
  /** Absent: done on time (see the plan command). */
  readonly on?: LocalDate;
}

/** What has its own flag, because it moves the plan on from the day it happened. */
const OWN_FLAG: readonly [RegExp, string][] = [
  [/^core-group-\d+$/, 'a core group: give the day it was held with --held'],
  [/^review-conference-\d+$/, 'a review conference: give the day it was held with --reviews-held'],
  [/^child-seen-\d+$/, 'a visit: give the day the child was seen with --child-seen'],
];

/** `--done ID[=DATE],…`: obligation ids as the plan prints them, each with the day it was done. */
export function doneFlag(value: string | undefined): Done[] {
  if (value === undefined || value === '') return [];
  const seen = new Set<string>();
  return items(value, 'done').map((item, i) => {
    const [id = '', on, ...rest] = item.split('=');
    const where = `--done: item ${i + 1}`;
    if (!/^[a-z0-9-]+$/.test(id) || rest.length)
      throw new UsageError(`${where} ${quote(item)} must be an obligation id, optionally =YYYY-MM-DD (e.g. minutes-circulated-core-group-1=2027-01-20)`);
    const own = OWN_FLAG.find(([pattern]) => pattern.test(id));
    if (own) throw new UsageError(`${where} ${id} is ${own[1]}`);
    if (seen.has(id)) throw new UsageError(`${where} ${id} is given twice`);
    seen.add(id);
    return on === undefined ? { id } : { id, on: day(on, `${where} ${id}:`) };
  });
}
