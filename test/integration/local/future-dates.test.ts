import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookSeries } from '../../../src/app/meetings';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { aCase, actor, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';

/** Setting the dates up to the review (England: at the first core group) is done by booking them. */
describe('the future dates, set by booking the series', () => {
  let store: Store;
  let ctx: AppContext;
  let caseId: string;
  const clock = fixedClock('2026-12-21T09:00:00.000Z');

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase())).id;
  });
  afterEach(() => store.close());

  const planned = async () =>
    (await store.transaction((tx) => tx.meetings.forCase(caseId))).filter((m) => m.status === 'planned').sort((a, b) => a.number - b.number);
  const futureDates = async () => (await store.transaction((tx) => tx.obligations.forCase(caseId))).find((o) => o.kind === 'set-future-dates');
  const book = async (meetings: Awaited<ReturnType<typeof planned>>) =>
    bookSeries(ctx, actor('sam'), {
      caseId,
      bookings: meetings.map((m) => ({
        meetingId: m.id,
        expectedVersion: m.version,
        startsAt: `${m.due}T10:00:00Z`,
        endsAt: `${m.due}T11:30:00Z`,
        venue: 'office' as const,
      })),
    });

  it('is done on the day every core group up to the final one before the review is booked', async () => {
    const series = await planned();
    const final = series.findIndex((m) => m.finalBeforeReview);
    expect(final).toBeGreaterThan(0);
    expect((await futureDates())?.doneOn).toBeUndefined();
    await book(series.slice(0, final + 1));
    expect(await futureDates()).toMatchObject({ obligationId: 'set-future-dates-core-group-1', doneOn: '2026-12-21' });
    const audit = await store.transaction((tx) => tx.audit.forCase(caseId));
    expect(audit.some((a) => a.action === 'obligation.done')).toBe(true);
  });

  it('stays open when the series stops short of the final core group', async () => {
    const series = await planned();
    await book(series.slice(0, 1));
    expect((await futureDates())?.doneOn).toBeUndefined();
  });
});
