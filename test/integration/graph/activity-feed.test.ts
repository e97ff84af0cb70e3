import { activityDeliveries } from '../../../src/app/activity-deliveries';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, recordMeetingHeld } from '../../../src/app/meetings';
import { decideMinutes, draftMinutes, editMinutes, submitMinutes } from '../../../src/app/minutes';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { graphActivityFeed } from '../../../src/adapters/graph/graph-activity-feed';
import { graphClient } from '../../../src/adapters/graph/graph-client';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { Store } from '../../../src/ports/store';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { listStaff } from '../../fixtures/staff';
import { GraphStandIn, startGraphStandIn } from '../../support/graph-stand-in/server';
import { loadCsdl } from '../../support/graph-stand-in/csdl-model';

const TEAMS_APP_ID = '44444444-4444-4444-8444-444444444444';

/**
 * Activity-feed notifications through the outbox, the production Graph adapter and the strict
 * stand-in (bodies checked against Graph's metadata): to the right person only, never twice.
 */
describe('Teams activity-feed notifications', () => {
  // Parsing Graph's 3 MB metadata takes seconds on a loaded machine: once, before the first test's hooks time it.
  beforeAll(() => void loadCsdl(), 60_000);
  let store: Store;
  let ctx: AppContext;
  let standIn: GraphStandIn;
  let deliver: ReturnType<typeof activityDeliveries>;
  let caseId: string;
  const clock = fixedClock('2026-12-21T09:00:00.000Z');
  const feedOf = (who: keyof typeof PEOPLE) => standIn.activities.filter((a) => a.userId === (PEOPLE[who] as { entraObjectId?: string }).entraObjectId);
  const drain = () => deliverBatch({ store, clock, deliver, kinds: ['activity'], workerId: 'feed' });

  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    clock.set('2026-12-21T09:00:00.000Z');
    ctx = { store, clock, profiles: builtInRegistry };
    standIn = await startGraphStandIn();
    deliver = activityDeliveries(
      ctx,
      graphActivityFeed(graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 }), TEAMS_APP_ID),
    );
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv'), aMember('parent')] }))).id;
  });
  afterEach(async () => {
    await standIn.close();
    await store.close();
  });

  async function submittedMinutes(): Promise<string> {
    const meeting = (await store.transaction((tx) => tx.meetings.forCase(caseId)))[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2026-12-22T10:00:00Z',
      endsAt: '2026-12-22T11:30:00Z',
      venue: 'office',
    });
    clock.set('2026-12-22T15:00:00.000Z');
    await recordMeetingHeld(ctx, actor('sam'), { meetingId: meeting.id, heldOn: '2026-12-22', attendance: [] });
    const draft = await draftMinutes(ctx, actor('sam'), { meetingId: meeting.id });
    const sections = {
      attendance: 'All',
      agencyUpdates: 'Given',
      childsVoice: 'Happy',
      childsVoiceHowGathered: 'Seen alone',
      parentsViews: 'Agrees',
      parentsViewsHowGathered: 'At the meeting',
      planReview: 'On track',
      nextMeeting: 'January',
    };
    const edited = await editMinutes(ctx, actor('sam'), { minutesId: draft.id, expectedVersion: draft.version, sections });
    await submitMinutes(ctx, actor('sam'), { minutesId: draft.id, expectedVersion: edited.version });
    return draft.id;
  }

  it("puts minutes waiting for approval in the manager's feed only, opening them in the tab, once", async () => {
    const minutesId = await submittedMinutes();
    // The first attempt's notification reaches Graph, then the worker dies before recording the message delivered.
    const [claimed] = await store.outbox.claim('dies', clock.now(), 10, 60_000, ['activity']);
    await deliver(claimed!);
    clock.set('2026-12-22T15:10:00.000Z');
    expect(await drain()).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(standIn.activities).toHaveLength(1);
    const [n] = feedOf('maria');
    expect(n?.body).toMatchObject({
      activityType: 'minutesAwaitingApproval',
      templateParameters: [
        { name: 'caseRef', value: 'CP-2026-0042' },
        { name: 'number', value: '1' },
      ],
      previewText: { content: 'CP-2026-0042: minutes to approve' },
    });
    const webUrl = (n!.body.topic as { webUrl: string }).webUrl;
    expect(webUrl.startsWith(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/my-work?context=`)).toBe(true);
    expect(decodeURIComponent(webUrl)).toContain(`"subEntityId":"minutes/${minutesId}"`);
    expect(JSON.stringify(standIn.activities)).not.toContain('Lily');
  });

  it('tells the writer when minutes are returned, and does not announce minutes already decided', async () => {
    const minutesId = await submittedMinutes();
    await decideMinutes(ctx, actor((await store.transaction((tx) => tx.people.byEmail(PEOPLE.maria.email)))!.id), {
      minutesId,
      decision: 'return',
      comments: 'Say how the child was seen.',
    });
    expect(await drain()).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    // The approval request was no longer true when it was delivered: the manager's feed stays empty.
    expect(feedOf('maria')).toEqual([]);
    expect(feedOf('sam').map((a) => a.body.activityType)).toEqual(['minutesReturned']);
  });

  it('tells the chair and the manager when a core group is booked after its deadline', async () => {
    const meeting = (await store.transaction((tx) => tx.meetings.forCase(caseId)))[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: meeting.id,
      expectedVersion: meeting.version,
      startsAt: '2027-01-11T10:00:00Z',
      endsAt: '2027-01-11T11:30:00Z',
      venue: 'office',
      lateReason: 'Health visitor on leave',
    });
    await drain();
    for (const who of ['sam', 'maria'] as const) {
      expect(feedOf(who).map((a) => a.body.templateParameters)).toEqual([
        [
          { name: 'caseRef', value: 'CP-2026-0042' },
          { name: 'number', value: '1' },
          { name: 'date', value: 'Mon 11 Jan 2027' },
          { name: 'due', value: 'Wed 6 Jan 2027' },
        ],
      ]);
    }
    expect(feedOf('hv')).toEqual([]);
  });

  it('refuses a body Graph would refuse, so the stand-in is as strict as Graph', async () => {
    const client = graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 });
    await expect(
      client.api('/users/x/teamwork/sendActivityNotification').post({
        topic: { source: 'text', value: 'Core Groups', webUrl: 'https://example.org/' },
        activityType: 'minutesReturned',
        previewText: { content: 'x' },
        recipient: {},
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
