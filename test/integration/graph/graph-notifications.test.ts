import http from 'node:http';
import { listStaff } from '../../fixtures/staff';
import { AddressInfo } from 'node:net';
import express from 'express';
import { calendarDeliveries } from '../../../src/app/calendar-sync';
import { AppContext } from '../../../src/app/context';
import { createCase } from '../../../src/app/create-case';
import { bookMeeting, bookSeries } from '../../../src/app/meetings';
import { deliverBatch } from '../../../src/app/outbox-worker';
import { GraphCalendar, GraphCalendarChanges } from '../../../src/adapters/graph/graph-calendar';
import { graphClient } from '../../../src/adapters/graph/graph-client';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';
import { DeliveryError } from '../../../src/ports/messenger';
import { Store } from '../../../src/ports/store';
import { graphNotificationsHandler } from '../../../src/server/graph-notifications';
import { keepGraphSubscriptions } from '../../../src/server/graph-subscriptions';
import { aCase, actor, aMember, PEOPLE } from '../../fixtures/builders';
import { GraphStandIn, startGraphStandIn } from '../../support/graph-stand-in/server';
import { loadCsdl } from '../../support/graph-stand-in/csdl-model';

/** Moves made in Outlook reach the app through Graph change notifications, or the delta query. */
describe('Outlook changes through Microsoft Graph', () => {
  // Parsing Graph's 3 MB metadata takes seconds on a loaded machine: once, before the first test's hooks time it.
  beforeAll(() => void loadCsdl(), 60_000);
  let store: Store;
  let standIn: GraphStandIn;
  let server: http.Server;
  let notificationUrl: string;
  let changes: GraphCalendarChanges;
  let ctx: AppContext;
  let caseId: string;
  let eventId: string;
  const clock = fixedClock('2026-12-21T09:00:00.000Z');

  beforeEach(async () => {
    clock.set('2026-12-21T09:00:00.000Z');
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
    ctx = { store, clock, profiles: builtInRegistry };
    standIn = await startGraphStandIn();
    const client = graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 });
    changes = new GraphCalendarChanges(client);
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    caseId = (await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv')] }))).id;
    const first = (await store.transaction((tx) => tx.meetings.forCase(caseId)))[0]!;
    await bookMeeting(ctx, actor('sam'), {
      meetingId: first.id,
      expectedVersion: first.version,
      startsAt: '2027-01-05T10:00:00Z',
      endsAt: '2027-01-05T11:30:00Z',
      venue: 'online',
    });
    await deliverBatch({
      store,
      clock,
      deliver: calendarDeliveries(ctx, new GraphCalendar(client, 'scheduling@anytown.gov.uk')),
      kinds: ['calendar'],
      workerId: 'w',
    });
    eventId = (await store.transaction((tx) => tx.meetings.byId(first.id)))!.calendarEventId!;
    const app = express();
    app.use(express.json());
    app.post(
      '/api/graph/notifications',
      graphNotificationsHandler(ctx, changes, 'our-client-state-secret', () => undefined),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    notificationUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/graph/notifications`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await standIn.close();
    await store.close();
  });

  const meeting = () => store.transaction(async (tx) => (await tx.meetings.forCase(caseId))[0]!);

  it('booked the meeting in the chair’s Outlook calendar with a Teams link', async () => {
    expect(standIn.events[0]!.mailbox).toBe(PEOPLE.sam.email);
    expect((await meeting()).joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
  });

  it('books the rest of the series up to the review in one $batch, each meeting getting its event', async () => {
    const planned = (await store.transaction((tx) => tx.meetings.forCase(caseId))).filter((m) => m.status === 'planned' && m.number <= 3);
    const results = await bookSeries(ctx, actor('sam'), {
      caseId,
      bookings: planned.map((m, i) => ({
        meetingId: m.id,
        expectedVersion: m.version,
        startsAt: `2027-0${2 + i}-0${2 + i}T10:00:00Z`,
        endsAt: `2027-0${2 + i}-0${2 + i}T11:30:00Z`,
        venue: 'office' as const,
        lateReason: 'The family is away until then.',
      })),
    });
    expect(results.map((r) => r.meeting.status)).toEqual(['booked', 'booked']);
    const before = standIn.requests.length;
    await deliverBatch({
      store,
      clock,
      deliver: calendarDeliveries(ctx, new GraphCalendar(graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin }), 's@x')),
      kinds: ['calendar'],
      workerId: 'w',
    });
    expect(standIn.requests.slice(before).map((r) => r.path)).toEqual(['/v1.0/$batch']);
    const booked = (await store.transaction((tx) => tx.meetings.forCase(caseId))).filter((m) => m.number <= 3);
    expect(booked.every((m) => m.calendarEventId)).toBe(true);
    expect(standIn.events).toHaveLength(3);
  });

  it('subscribes (passing Graph’s validation handshake), hears of a move, and alerts when it breaks the deadline', async () => {
    const sub = await changes.subscribe(PEOPLE.sam.email, notificationUrl, 'our-client-state-secret', new Date(Date.now() + 3 * 86_400_000));
    expect(standIn.subscriptions.map((s) => s.id)).toEqual([sub.id]);
    await standIn.moveEvent(eventId, '2027-01-08T10:00:00Z', '2027-01-08T11:30:00Z');
    expect((await meeting()).startsAt).toBe('2027-01-08T10:00:00.000Z');
    const outbox = await store.transaction((tx) => tx.outbox.forCase(caseId));
    expect(outbox.find((o) => o.topic === 'compliance.meeting-late')?.payload).toMatchObject({ due: '2027-01-06', day: '2027-01-08' });
  });

  it('ignores a notification without our clientState (anyone can post to a public URL)', async () => {
    standIn.events[0]!.body = { ...standIn.events[0]!.body, start: { dateTime: '2027-01-09T10:00:00', timeZone: 'UTC' } };
    const res = await fetch(notificationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: [{ clientState: 'guess', resource: `Users/${PEOPLE.sam.email}/Events/${eventId}` }] }),
    });
    expect(res.status).toBe(202);
    expect((await meeting()).startsAt).toBe('2027-01-05T10:00:00.000Z');
  });

  it('refuses a subscription longer than Outlook allows (7 days), and renews within it', async () => {
    const tooLong = await changes.subscribe(PEOPLE.sam.email, notificationUrl, 's', new Date(Date.now() + 8 * 86_400_000)).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(DeliveryError);
    const sub = await changes.subscribe(PEOPLE.sam.email, notificationUrl, 's', new Date(Date.now() + 86_400_000));
    const renewed = new Date(Date.now() + 6 * 86_400_000);
    await changes.renew(sub.id, renewed);
    expect(standIn.subscriptions[0]!.expirationDateTime).toBe(renewed.toISOString());
  });

  it('keeps one subscription per chair across runs and instances, and applies moves found by delta', async () => {
    const subscriptions = store.graphSubscriptions;
    // Subscription lifetimes are checked against the stand-in's real clock.
    clock.set(new Date().toISOString());
    const fail = (m: string, e?: unknown) => {
      throw new Error(`${m}: ${String(e)}`);
    };
    await keepGraphSubscriptions(ctx, changes, notificationUrl, 'our-client-state-secret', fail);
    await keepGraphSubscriptions(ctx, changes, notificationUrl, 'our-client-state-secret', fail);
    expect(standIn.subscriptions).toHaveLength(1);
    // Moved in Outlook while notifications were not reaching us: the next run's delta query finds it.
    standIn.subscriptions.length = 0;
    await standIn.moveEvent(eventId, '2027-01-04T14:00:00Z', '2027-01-04T15:30:00Z');
    await subscriptions.renewed(PEOPLE.sam.email, new Date(Date.now() + 3_600_000).toISOString(), clock.now());
    standIn.subscriptions.push({ id: (await subscriptions.byMailbox(PEOPLE.sam.email))!.subscriptionId!, body: {}, expirationDateTime: '' });
    await keepGraphSubscriptions(ctx, changes, notificationUrl, 'our-client-state-secret', fail);
    expect((await meeting()).startsAt).toBe('2027-01-04T14:00:00.000Z');
    expect(Date.parse(standIn.subscriptions[0]!.expirationDateTime) - Date.now()).toBeGreaterThan(2 * 86_400_000);
  });

  it('finds changes by delta query when notifications were missed', async () => {
    const first = await changes.delta(PEOPLE.sam.email, { start: '2027-01-01T00:00:00Z', end: '2027-02-01T00:00:00Z' });
    expect(first.changes.map((c) => c.eventId)).toEqual([eventId]);
    const nothing = await changes.delta(PEOPLE.sam.email, { deltaLink: first.deltaLink });
    expect(nothing.changes).toEqual([]);
    await standIn.moveEvent(eventId, '2027-01-04T14:00:00Z', '2027-01-04T15:30:00Z');
    const moved = await changes.delta(PEOPLE.sam.email, { deltaLink: first.deltaLink });
    expect(moved.changes).toEqual([{ eventId, start: '2027-01-04T14:00:00.000Z', end: '2027-01-04T15:30:00.000Z', isCancelled: false }]);
  });
});
