import { GraphCalendar } from '../../src/adapters/graph/graph-calendar';
import { graphClient } from '../../src/adapters/graph/graph-client';
import { CalendarEventInput } from '../../src/ports/calendar';
import { startGraphStandIn } from '../../test/support/graph-stand-in/server';
import { ms, seededRandom } from '../stats';

const BOOKINGS = 1_000;
const MEMBERS = 12;
const LATENCY_MS = 20;
const THROTTLE_RATE = 0.05;
const CONCURRENCY = 20;

/**
 * Books 1,000 core groups of 12 members against the strict Graph stand-in with 20 ms latency and 5%
 * of requests throttled (429, Retry-After 1 s): Graph requests per booking (aim: 2, one getSchedule
 * and one create, plus retries), wall time, and duplicate events (must be 0).
 */
export async function runGraphBench(): Promise<void> {
  const random = seededRandom(42);
  const standIn = await startGraphStandIn({
    latencyMs: LATENCY_MS,
    fault: () => (random() < THROTTLE_RATE ? { status: 429, retryAfterSeconds: 1 } : undefined),
  });
  try {
    const calendar = new GraphCalendar(
      graphClient({ authProvider: { getAccessToken: async () => 'bench-token' }, baseUrl: standIn.origin, maxRetries: 5 }),
      'scheduling@anytown.gov.uk',
    );
    const booking = (i: number): CalendarEventInput => ({
      meetingId: `mt-${i}`,
      organizer: { personId: `sw-${i % 50}`, email: `sw${i % 50}@anytown.gov.uk`, inTenant: true, displayName: `Social worker ${i % 50}` },
      subject: `Core group 1 — CP-${100000 + i} (AB)`,
      bodyHtml: '<p>Agenda</p>',
      start: new Date(Date.UTC(2027, 0, 4 + (i % 20), 10)).toISOString(),
      end: new Date(Date.UTC(2027, 0, 4 + (i % 20), 11, 30)).toISOString(),
      attendees: Array.from({ length: MEMBERS - 1 }, (_, k) => ({
        personId: `p-${i}-${k}`,
        email: `member${(i * 7 + k) % 400}@anytown.gov.uk`,
        inTenant: true,
        displayName: `Member ${k}`,
        type: 'required' as const,
      })),
      location: 'Microsoft Teams meeting',
      online: true,
      category: 'Core group',
      idempotencyKey: `core-group-mt-${i}`,
    });
    // Baseline: the same number of round trips to the stand-in doing nothing (an unknown endpoint).
    const baselineStart = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; i < BOOKINGS; i += CONCURRENCY) await fetch(`${standIn.origin}/v1.0/nothing`).then((r) => r.text());
      }),
    );
    const baselineMs = Number(process.hrtime.bigint() - baselineStart) / 1e6;
    standIn.requests.length = 0;

    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        for (let i = w; i < BOOKINGS; i += CONCURRENCY) {
          const input = booking(i);
          await calendar.freeBusy([input.organizer, ...input.attendees], { start: '2027-01-04T00:00:00.000Z', end: '2027-01-30T00:00:00.000Z' });
          await calendar.createEvent(input);
        }
      }),
    );
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const requests = standIn.requests.length;
    const throttled = standIn.requests.filter((r) => r.status === 429).length;
    const created = standIn.events.length;
    const duplicates = created - new Set(standIn.events.map((e) => e.transactionId)).size;
    console.log(
      `graph: book ${BOOKINGS.toLocaleString('en-GB')} core groups of ${MEMBERS} members; stand-in latency ${LATENCY_MS} ms, ${THROTTLE_RATE * 100}% throttled; ${CONCURRENCY} at a time`,
    );
    console.log(
      `  Graph requests per booking: ${(requests / BOOKINGS).toFixed(2)} (${requests} requests, of which ${throttled} were 429s retried; aim: 2 plus retries)`,
    );
    console.log(
      `  wall time: ${ms(wallMs)} (${(BOOKINGS / (wallMs / 1000)).toFixed(0)} bookings/s); baseline, ${BOOKINGS} bare round trips: ${ms(baselineMs)}`,
    );
    console.log(`  events created: ${created}; duplicates: ${duplicates} (must be 0); missing: ${BOOKINGS - created}`);
  } finally {
    await standIn.close();
  }
}
