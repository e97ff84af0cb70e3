/**
 * Results a machine can read: with `--json` (`npm run bench -- NAME --json`) every measure is also
 * printed as one JSON object on a line of its own, beside the readable lines. Each measure keeps its
 * baseline from the same run, so the ratio means something on a loaded machine.
 */
export interface Measure {
  readonly bench: string;
  readonly measure: string;
  readonly value: number;
  readonly unit: string;
  /** The same thing's cheapest form, measured in the same run (an echo bot, select 1, a bare loop). */
  readonly baseline: number | null;
  /** value / baseline, or null without a baseline. */
  readonly ratio: number | null;
  /** The aim in words, as the issue states it ("value < 1000 ms"). */
  readonly aim: string;
  readonly met: boolean | null;
}

const json = process.argv.includes('--json');
const measures: Measure[] = [];

const round = (n: number): number => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);

export function report(m: Omit<Measure, 'ratio'> & { readonly ratio?: number | null }): Measure {
  const ratio = m.ratio !== undefined ? m.ratio : m.baseline ? m.value / m.baseline : null;
  const measure: Measure = {
    ...m,
    value: round(m.value),
    baseline: m.baseline === null ? null : round(m.baseline),
    ratio: ratio === null ? null : round(ratio),
  };
  measures.push(measure);
  if (json) console.log(JSON.stringify(measure));
  return measure;
}

export const reported = (): readonly Measure[] => measures;

/** The median of a few runs: the figure reported on a shared, noisy machine. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
