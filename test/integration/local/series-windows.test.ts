import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, bookSeries } from '../../../src/app/meetings';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { aCase, actor, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';

/** England counts each core group's window from the one before as held: moving one moves the rest. */
describe('a booked series after one of its meetings moves', () => {
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
    // Core groups 1 to 3 booked on their last compliant days (29 January and 12 March for 2 and 3).
    const [one, two, three] = (await meetings()).filter((m) => m.status === 'planned');
    await bookSeries(ctx, actor('sam'), {
      caseId,
      bookings: [one!, two!, three!].map((m) => ({
        meetingId: m.id,
        expectedVersion: m.version,
        startsAt: `${m.due}T10:00:00Z`,
        endsAt: `${m.due}T11:30:00Z`,
        venue: 'office' as const,
      })),
    });
  });
  afterEach(() => store.close());

  const meetings = async () => (await store.transaction((tx) => tx.meetings.forCase(caseId))).sort((a, b) => a.number - b.number);
  const alerts = async () => (await store.transaction((tx) => tx.outbox.forCase(caseId))).filter((m) => m.topic === 'compliance.booking-outside-window');

  it('tells the chair and manager when moving core group 2 two weeks earlier leaves core group 3 booked after its new deadline', async () => {
    expect(await alerts()).toEqual([]);
    const [, two, three] = await meetings();
    expect([two!.due, three!.due]).toEqual(['2027-01-29', '2027-03-12']);
    // Core group 3 is due six weeks after core group 2 is held: 26 February once 2 moves to 15 January.
    await bookMeeting(ctx, actor('sam'), {
      meetingId: two!.id,
      expectedVersion: two!.version,
      startsAt: '2027-01-15T10:00:00Z',
      endsAt: '2027-01-15T11:30:00Z',
      venue: 'office',
    });
    const found = await alerts();
    expect(found.map((a) => a.payload)).toEqual([
      { meetingId: three!.id, obligationId: 'core-group-3', due: '2027-02-26', earliest: expect.any(String), day: '2027-03-12' },
    ]);
  });

  it('says nothing when the move leaves the rest of the series inside its windows', async () => {
    // Core group 2 counts from the conference, not from core group 1: moving 1 changes no window.
    const [one] = await meetings();
    await bookMeeting(ctx, actor('sam'), {
      meetingId: one!.id,
      expectedVersion: one!.version,
      startsAt: '2026-12-23T10:00:00Z',
      endsAt: '2026-12-23T11:30:00Z',
      venue: 'office',
    });
    expect(await alerts()).toEqual([]);
  });
});
