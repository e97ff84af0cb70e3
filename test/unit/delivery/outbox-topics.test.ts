import { DeliveryMap, dispatch } from '../../../src/ports/outbox-topics';

/**
 * The delivery maps are typed so a topic without a delivery does not compile: `npm run typecheck`
 * checks the `@ts-expect-error` lines below, which would themselves fail if the check ever stopped.
 */
describe('outbox topics and their deliveries', () => {
  it('will not compile a delivery map that leaves a topic out, nor a message of an unknown topic', async () => {
    const done: string[] = [];
    // @ts-expect-error calendar.create-series has no delivery here.
    const incomplete: DeliveryMap<'calendar'> = {
      'calendar.create-event': async (m) => void done.push(m.payload.meetingId),
      'calendar.update-event': async (m) => void done.push(m.payload.meetingId),
      'calendar.cancel-event': async (m) => void done.push(m.payload.reason),
    };
    await dispatch(incomplete, {
      id: '1',
      attempts: 1,
      queuedAt: '2027-01-04T09:00:00.000Z',
      kind: 'calendar',
      topic: 'calendar.cancel-event',
      payload: { meetingId: 'm1', reason: 'Family in hospital' },
      idempotencyKey: 'k',
    });
    expect(done).toEqual(['Family in hospital']);
    // At run time a topic nobody delivers is reported, not silently dropped (the worker dead-letters it).
    expect(
      dispatch(incomplete, {
        id: '2',
        attempts: 1,
        queuedAt: '2027-01-04T09:00:00.000Z',
        kind: 'calendar',
        topic: 'calendar.create-series',
        payload: { meetingIds: [] },
        idempotencyKey: 'k2',
      }),
    ).toBeUndefined();
    // One line, so the one expected error covers the whole message (prettier would split it).
    // prettier-ignore
    // @ts-expect-error a topic that does not exist cannot be queued or delivered.
    const unknown: Parameters<typeof dispatch>[1] = { id: '3', attempts: 1, queuedAt: '2027-01-04T09:00:00.000Z', kind: 'card', topic: 'plan.discussed', payload: {}, idempotencyKey: 'k3' };
    expect(unknown.topic).toBe('plan.discussed');
  });
});
