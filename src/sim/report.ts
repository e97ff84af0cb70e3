import { escapeHtml } from '../domain/html-text';
import { Figures, LATE_BUCKETS } from './figures';
import { StrategyName } from './run';
import { SimulationResult } from './simulate';

const NAMES: Record<StrategyName, string> = { baseline: 'Chair by hand', 'core-groups': 'Core Groups' };
const COLOURS: Record<StrategyName, string> = { baseline: '#9a6700', 'core-groups': '#0b6a5a' };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The figures as rows: what, then one column per strategy. */
export function rows(r: SimulationResult): [string, string, string][] {
  const b = r.strategies.baseline;
  const c = r.strategies['core-groups'];
  const both = (f: (x: Figures) => string): [string, string] => [f(b), f(c)];
  const lead = (x: Figures) =>
    x.noCompliantSlot.warnedAheadWorkingDays
      ? `${x.noCompliantSlot.warnedAheadWorkingDays.min}/${x.noCompliantSlot.warnedAheadWorkingDays.median}/${x.noCompliantSlot.warnedAheadWorkingDays.max}`
      : '—';
  return [
    ['Core groups due in the year', ...both((x) => String(x.coreGroups.due))],
    ['Held inside the window', ...both((x) => `${x.coreGroups.inWindow} (${pct(x.coreGroups.inWindowShare)})`)],
    ['Held late', ...both((x) => String(x.coreGroups.late))],
    ...LATE_BUCKETS.map((k): [string, string, string] => [
      `  ${k} working day${k === '1' ? '' : 's'} late`,
      ...both((x) => String(x.coreGroups.lateWorkingDays[k] ?? 0)),
    ]),
    ['  median working days late', ...both((x) => (x.coreGroups.lateMedianWorkingDays === null ? '—' : String(x.coreGroups.lateMedianWorkingDays)))],
    ['Never held (by the end of the run)', ...both((x) => String(x.coreGroups.neverHeld))],
    ['Late although a compliant time was seen', ...both((x) => String(x.coreGroups.lateAlthoughCompliantSlotSeen))],
    ['  lost on the day, no compliant time left', ...both((x) => String(x.coreGroups.lateAlthoughNoneLeftAfterLoss))],
    ['Bookings cancelled', ...both((x) => String(x.coreGroups.cancelled))],
    ['Vice chairs added, the chair out of office', ...both((x) => String(x.coreGroups.viceChairsAdded))],
    ['  offered on the card, there to chair it', ...both((x) => String(x.coreGroups.viceChairsOffered))],
    ['  held with the vice chair chairing', ...both((x) => String(x.coreGroups.chairedByViceChair))],
    ['Minutes of core groups held', ...both((x) => String(x.minutes.held))],
    ['Minutes circulated on time', ...both((x) => `${x.minutes.circulatedOnTime} (${pct(x.minutes.onTimeShare)})`)],
    ['  circulated late / not circulated', ...both((x) => `${x.minutes.circulatedLate} / ${x.minutes.notCirculated}`)],
    ['Agency updates in before the meeting', ...both((x) => `${x.updates.inBeforeMeeting} of ${x.updates.requested} (${pct(x.updates.share)})`)],
    ['No compliant time existed', ...both((x) => String(x.noCompliantSlot.times))],
    ['  chair and manager told ahead', ...both((x) => String(x.noCompliantSlot.warnedAhead))],
    ['  working days ahead (min/median/max)', ...both(lead)],
    ['Teams cards sent', ...both((x) => String(x.messages.teams))],
    ['Teams cards updated in place', ...both((x) => String(x.messages.cardsUpdated))],
    ['Teams activity-feed notifications', ...both((x) => String(x.messages.feed))],
    ['Mails sent (minutes to people outside Teams)', ...both((x) => String(x.messages.mail))],
    ['Calendar writes (Graph events)', ...both((x) => String(x.messages.calendar))],
    ['Graph/Teams messages per case', ...both((x) => String(x.messages.perCase))],
  ];
}

export function table(r: SimulationResult): string {
  const all: [string, string, string][] = [['', NAMES.baseline, NAMES['core-groups']], ...rows(r)];
  const w = [0, 1, 2].map((i) => Math.max(...all.map((row) => row[i as 0 | 1 | 2].length)));
  const line = (row: [string, string, string]) => `${row[0].padEnd(w[0] as number)}  ${row[1].padStart(w[1] as number)}  ${row[2].padStart(w[2] as number)}`;
  const p = r.params;
  return [
    `A simulated year: ${r.world.cases} cases from ${p.from} for ${p.days} days (seed ${p.seed}, profile ${p.profile}); ${r.world.socialWorkers} social workers, ${r.world.professionals} professionals.`,
    '',
    ...all.map(line),
    '',
    `Ran in ${r.seconds.baseline.toFixed(1)} s (by hand) and ${r.seconds['core-groups'].toFixed(1)} s (Core Groups). By hand the chair uses Outlook and mail: no Core Groups messages.`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Charts (inline SVG, no scripts)

/** Held-late distributions side by side: one group of bars per bucket, never held last. */
export function latenessChart(r: SimulationResult): string {
  const buckets = [...LATE_BUCKETS, 'never'];
  const value = (f: Figures, k: string) => (k === 'never' ? f.coreGroups.neverHeld : (f.coreGroups.lateWorkingDays[k] ?? 0));
  const max = Math.max(1, ...buckets.flatMap((k) => (['baseline', 'core-groups'] as const).map((s) => value(r.strategies[s], k))));
  const W = 640;
  const H = 260;
  const left = 48;
  const bottom = 40;
  const gw = (W - left - 10) / buckets.length;
  const bars = buckets.flatMap((k, i) =>
    (['baseline', 'core-groups'] as const).map((s, j) => {
      const v = value(r.strategies[s], k);
      const h = ((H - bottom - 20) * v) / max;
      const x = left + i * gw + 8 + j * ((gw - 16) / 2);
      return `<rect x="${x.toFixed(1)}" y="${(H - bottom - h).toFixed(1)}" width="${((gw - 16) / 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[s]}"><title>${NAMES[s]}: ${v}</title></rect><text x="${(x + (gw - 16) / 4).toFixed(1)}" y="${(H - bottom - h - 3).toFixed(1)}" font-size="10" text-anchor="middle">${v}</text>`;
    }),
  );
  const labels = buckets.map(
    (k, i) =>
      `<text x="${(left + i * gw + gw / 2).toFixed(1)}" y="${H - bottom + 16}" font-size="12" text-anchor="middle">${k === 'never' ? 'never' : k}</text>`,
  );
  return svg(W, H, 'Core groups held late, by working days late', [
    `<line x1="${left}" y1="${H - bottom}" x2="${W - 10}" y2="${H - bottom}" stroke="#555"/>`,
    ...bars,
    ...labels,
    `<text x="${left + (W - left) / 2}" y="${H - 6}" font-size="12" text-anchor="middle">working days late</text>`,
    legend(W - 220, 14),
  ]);
}

/** Share held inside the window by the month the deadline fell in, both strategies as lines. */
export function monthlyChart(r: SimulationResult): string {
  const months = [...new Set((['baseline', 'core-groups'] as const).flatMap((s) => r.strategies[s].byMonth.map((m) => m.month)))].sort();
  const W = 640;
  const H = 260;
  const left = 48;
  const bottom = 40;
  const x = (i: number) => left + ((W - left - 20) * i) / Math.max(1, months.length - 1);
  const y = (v: number) => 20 + (H - bottom - 20) * (1 - v);
  const lines = (['baseline', 'core-groups'] as const).map((s) => {
    const pts = months.map((mo, i) => {
      const m = r.strategies[s].byMonth.find((b) => b.month === mo);
      return m && m.due > 0 ? `${x(i).toFixed(1)},${y(m.inWindow / m.due).toFixed(1)}` : undefined;
    });
    return `<polyline fill="none" stroke="${COLOURS[s]}" stroke-width="2.5" points="${pts.filter(Boolean).join(' ')}"/>`;
  });
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (v) =>
      `<line x1="${left}" x2="${W - 20}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end">${v * 100}%</text>`,
  );
  const labels = months.map((mo, i) => `<text x="${x(i).toFixed(1)}" y="${H - bottom + 16}" font-size="10" text-anchor="middle">${mo.slice(2)}</text>`);
  return svg(W, H, 'Share of core groups held inside the window, by month due', [...grid, ...lines, ...labels, legend(W - 220, 14)]);
}

/** The headline measures as paired bars (shares). */
export function sideBySideChart(r: SimulationResult): string {
  const measures: [string, (f: Figures) => number][] = [
    ['held in window', (f) => f.coreGroups.inWindowShare],
    ['minutes on time', (f) => f.minutes.onTimeShare],
    ['updates before', (f) => f.updates.share],
    ['no-slot warned', (f) => (f.noCompliantSlot.times ? f.noCompliantSlot.warnedAhead / f.noCompliantSlot.times : 1)],
  ];
  const W = 640;
  const H = 240;
  const left = 130;
  const rowH = (H - 40) / measures.length;
  const items = measures.flatMap(([label, f], i) => [
    `<text x="${left - 8}" y="${(30 + i * rowH + rowH / 2).toFixed(1)}" font-size="12" text-anchor="end">${label}</text>`,
    ...(['baseline', 'core-groups'] as const).map((s, j) => {
      const v = f(r.strategies[s]);
      const yy = 24 + i * rowH + j * (rowH / 2 - 2);
      const w = (W - left - 60) * v;
      return `<rect x="${left}" y="${yy.toFixed(1)}" width="${w.toFixed(1)}" height="${(rowH / 2 - 4).toFixed(1)}" fill="${COLOURS[s]}"/><text x="${(left + w + 4).toFixed(1)}" y="${(yy + rowH / 4 + 2).toFixed(1)}" font-size="11">${pct(v)}</text>`;
    }),
  ]);
  return svg(W, H, 'The two strategies side by side', [...items, legend(W - 220, 10)]);
}

function legend(x: number, y: number): string {
  return (['baseline', 'core-groups'] as const)
    .map(
      (s, i) =>
        `<rect x="${x + i * 110}" y="${y - 9}" width="10" height="10" fill="${COLOURS[s]}"/><text x="${x + i * 110 + 14}" y="${y}" font-size="11">${NAMES[s]}</text>`,
    )
    .join('');
}

function svg(w: number, h: number, title: string, body: readonly string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif"><title>${escapeHtml(title)}</title><rect width="${w}" height="${h}" fill="#fff"/>${body.join('')}</svg>`;
}

/** A self-contained page: the table, the charts and the JSON, nothing fetched. */
export function htmlReport(r: SimulationResult): string {
  const head = `<tr><th></th><th>${NAMES.baseline}</th><th>${NAMES['core-groups']}</th></tr>`;
  const body = rows(r)
    .map(([a, b, c]) => `<tr><td>${escapeHtml(a)}</td><td>${escapeHtml(b)}</td><td>${escapeHtml(c)}</td></tr>`)
    .join('');
  const p = r.params;
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Core Groups: a simulated year</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse}td,th{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:right}td:first-child{text-align:left}figure{margin:1.5rem 0}pre{background:#f6f6f6;padding:1rem;overflow:auto;font-size:12px}</style>
<h1>A simulated year of core groups</h1>
<p>${r.world.cases} cases starting from ${p.from} over ${p.days} days (seed ${p.seed}, profile ${escapeHtml(p.profile)}), ${r.world.socialWorkers} social workers and ${r.world.professionals} professionals. The same world twice: a careful chair by hand, and the chair with Core Groups.</p>
<table>${head}${body}</table>
<figure>${sideBySideChart(r)}</figure>
<figure>${latenessChart(r)}</figure>
<figure>${monthlyChart(r)}</figure>
<h2>The figures as JSON</h2>
<pre>${escapeHtml(JSON.stringify(r, null, 2))}</pre>
</html>
`;
}
