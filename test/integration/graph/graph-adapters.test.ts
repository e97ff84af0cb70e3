import { GraphCalendar } from '../../../src/adapters/graph/graph-calendar';
import { graphClient } from '../../../src/adapters/graph/graph-client';
import { graphDirectory } from '../../../src/adapters/graph/graph-directory';
import { graphMailer } from '../../../src/adapters/graph/graph-mailer';
import { CalendarEventInput } from '../../../src/ports/calendar';
import { DeliveryError } from '../../../src/ports/messenger';
import { Fault, GraphStandIn, startGraphStandIn, StandInOptions } from '../../support/graph-stand-in/server';
import { loadCsdl } from '../../support/graph-stand-in/csdl-model';

const CHAIR = { personId: 'sam', email: 'sam.okafor@anytown.gov.uk', inTenant: true, displayName: 'Sam Okafor' };
const event = (over: Partial<CalendarEventInput> = {}): CalendarEventInput => ({
  meetingId: 'mt-2',
  organizer: CHAIR,
  subject: 'Core group 2 — CP-2026-0042 (LRE)',
  bodyHtml: '<p>Agenda</p>',
  start: '2027-01-26T10:00:00.000Z',
  end: '2027-01-26T11:30:00.000Z',
  attendees: [{ personId: 'hv', email: 'priya.desai@nhs.example', inTenant: true, displayName: 'Priya Desai', type: 'required' }],
  location: 'Microsoft Teams meeting',
  online: true,
  category: 'Core group',
  idempotencyKey: 'core-group-mt-2',
  ...over,
});

/** The production Graph adapters, unchanged, against the strict stand-in. */
describe('Microsoft Graph adapters against the stand-in', () => {
  // Parsing Graph's 3 MB metadata takes seconds on a loaded machine: once, before the first test's hooks time it.
  beforeAll(() => void loadCsdl(), 60_000);
  let standIn: GraphStandIn;
  const open = async (options: StandInOptions = {}, client: { timeoutMs?: number } = {}) => {
    standIn = await startGraphStandIn(options);
    const c = graphClient({
      authProvider: { getAccessToken: async () => 'test-token' },
      baseUrl: standIn.origin,
      retryDelaySeconds: 0,
      maxRetries: 3,
      ...client,
    });
    return { calendar: new GraphCalendar(c, 'scheduling@anytown.gov.uk'), mailer: graphMailer(c), client: c };
  };
  afterEach(() => standIn.close());

  it('creates an event the strict stand-in accepts, with a Teams link, and never twice for one idempotency key', async () => {
    const { calendar } = await open();
    const first = await calendar.createEvent(event());
    const again = await calendar.createEvent(event());
    expect(first.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(again.eventId).toBe(first.eventId);
    expect(standIn.events).toHaveLength(1);
    expect(JSON.stringify(standIn.events[0]!.body)).not.toMatch(/Lily/);
  });

  it('asks for free/busy of 45 people in 3 getSchedule calls, and treats people outside the tenant as unknown', async () => {
    const { calendar } = await open();
    await calendar.createEvent(event());
    const people = Array.from({ length: 45 }, (_, i) => ({
      personId: `p${i}`,
      email: i === 0 ? 'priya.desai@nhs.example' : `person${i}@anytown.gov.uk`,
      inTenant: true,
    }));
    const result = await calendar.freeBusy([...people, { personId: 'parent', email: 'alex@mail.example', inTenant: false }], {
      start: '2027-01-25T00:00:00.000Z',
      end: '2027-01-30T00:00:00.000Z',
    });
    expect(standIn.requests.filter((r) => r.path.endsWith('/getSchedule'))).toHaveLength(3);
    expect(result.find((r) => r.personId === 'p0')?.busy).toEqual([{ start: '2027-01-26T10:00:00.000Z', end: '2027-01-26T11:30:00.000Z' }]);
    expect(result.find((r) => r.personId === 'p1')?.busy).toEqual([]);
    expect(result.find((r) => r.personId === 'parent')?.busy).toBe('unknown');
  });

  it('marks time someone is out of office (Outlook shows it as oof) as away, not merely busy', async () => {
    const { calendar } = await open();
    const created = await calendar.createEvent(event());
    // Priya marks the week off sick in Outlook: her own event, shown as out of office.
    standIn.events.push({
      id: 'sick',
      mailbox: 'priya.desai@nhs.example',
      cancelled: false,
      body: {
        subject: 'Off sick',
        showAs: 'oof',
        start: { dateTime: '2027-01-25T00:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2027-01-30T00:00:00.0000000', timeZone: 'UTC' },
      },
    });
    const [priya] = await calendar.freeBusy([{ personId: 'p0', email: 'priya.desai@nhs.example', inTenant: true }], {
      start: '2027-01-25T00:00:00.000Z',
      end: '2027-01-30T00:00:00.000Z',
    });
    expect(created.eventId).toBeTruthy();
    expect(priya?.busy).toEqual([
      { start: '2027-01-26T10:00:00.000Z', end: '2027-01-26T11:30:00.000Z' },
      { start: '2027-01-25T00:00:00.000Z', end: '2027-01-30T00:00:00.000Z', away: true },
    ]);
  });

  it('rides out 429s with Retry-After through the client’s retry handler, creating the event exactly once', async () => {
    let throttled = 2;
    const { calendar } = await open({
      fault: (method, path) =>
        method === 'POST' && path.endsWith('/events') && throttled-- > 0 ? ({ status: 429, retryAfterSeconds: 0 } as Fault) : undefined,
    });
    await calendar.createEvent(event());
    expect(standIn.requests.filter((r) => r.path.endsWith('/events')).map((r) => r.status)).toEqual([429, 429, 201]);
    expect(standIn.events).toHaveLength(1);
  });

  it('hands a lasting 503 to the outbox as retryable, a timeout too, and never hangs', async () => {
    const { calendar } = await open({ fault: () => ({ status: 503, retryAfterSeconds: 0 }) });
    const failure = (await calendar.createEvent(event()).catch((e: unknown) => e)) as DeliveryError;
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ status: 503, permanent: false });
    await standIn.close();
    const slow = await open({ fault: () => ({ timeout: true }) }, { timeoutMs: 300 });
    const timedOut = (await slow.calendar.createEvent(event()).catch((e: unknown) => e)) as DeliveryError;
    expect(timedOut).toBeInstanceOf(DeliveryError);
    expect(timedOut.permanent).toBe(false);
  });

  it('turns 403 into an error naming the permission to grant', async () => {
    const { calendar } = await open({ deniedPermission: 'Calendars.ReadWrite' });
    const failure = (await calendar.createEvent(event()).catch((e: unknown) => e)) as DeliveryError;
    expect(failure).toMatchObject({ status: 403, permanent: true });
    expect(failure.message).toContain('grant the app Calendars.ReadWrite');
  });

  it('moves and cancels the event, and sends mail with an attachment, all through validated bodies', async () => {
    const { calendar, mailer } = await open();
    const { eventId } = await calendar.createEvent(event());
    await calendar.updateEvent(eventId, CHAIR, { start: '2027-01-27T10:00:00.000Z', end: '2027-01-27T11:30:00.000Z' });
    // Someone who joined since: the attendee list replaced, in a body Graph's schema accepts.
    const joined = { personId: 'dev', email: 'dev.patel@anytown.gov.uk', inTenant: true, displayName: 'Dev Patel', type: 'required' as const };
    await calendar.updateEvent(eventId, CHAIR, { start: '2027-01-27T10:00:00.000Z', end: '2027-01-27T11:30:00.000Z', attendees: [joined] });
    expect(standIn.events[0]!.body.attendees).toEqual([{ emailAddress: { address: 'dev.patel@anytown.gov.uk', name: 'Dev Patel' }, type: 'required' }]);
    await calendar.cancelEvent(eventId, CHAIR, 'Cancelled: the family is in hospital; a new date follows.');
    expect(standIn.events[0]!.cancelled).toBe(true);
    await mailer.send({
      from: 'core-groups@anytown.gov.uk',
      to: [{ name: 'Alex Reed', address: 'alex@mail.example' }],
      subject: 'Core group 2 — CP-2026-0042 (LRE): minutes',
      html: '<p>Attached.</p>',
      attachments: [{ filename: 'minutes.html', contentType: 'text/html; charset=utf-8', content: '<h1>Minutes</h1>' }],
      classification: 'OFFICIAL-SENSITIVE',
      idempotencyKey: 'k',
    });
    expect(standIn.mail).toHaveLength(1);
    // The header the council's mail-flow rule matches to encrypt it for a recipient outside the organisation, valid against Graph's schema.
    expect(JSON.stringify(standIn.mail[0]!.body)).toContain('"internetMessageHeaders":[{"name":"X-Core-Groups-Classification","value":"OFFICIAL-SENSITIVE"}]');
    expect(standIn.requests.every((r) => r.status < 400)).toBe(true);
  });

  it('sends mail exactly once: a retry finds the sent message by its key, and sends a draft a crash left behind', async () => {
    const minutes = {
      from: 'core-groups@anytown.gov.uk',
      to: [{ name: 'Alex Reed', address: 'alex@mail.example' }],
      subject: 'Minutes',
      html: '<p>Minutes</p>',
      idempotencyKey: "minutes:m1:circulate:alex's",
    };
    // More failures than the Graph client retries by itself (3), so the send fails back to the outbox.
    let failSend = 4;
    const { mailer } = await open({
      fault: (method, path) => (method === 'POST' && path.endsWith('/send') && failSend-- > 0 ? { status: 503, retryAfterSeconds: 0 } : undefined),
    });
    // The draft is made, then Graph fails the send: the outbox will retry.
    const first = await mailer.send(minutes).catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 503 });
    expect(standIn.mail).toHaveLength(0);
    await mailer.send(minutes);
    await mailer.send(minutes);
    expect(standIn.mail).toHaveLength(1);
    expect(standIn.requests.filter((r) => r.method === 'POST' && /\/messages$/.test(r.path))).toHaveLength(1);
  });

  it('books a series of 45 in $batch requests of 20, retrying throttled parts itself, with no duplicates', async () => {
    let throttleBudget = 4;
    const { calendar } = await open({
      fault: (method, path) => (method === 'POST' && path.endsWith('/events') && throttleBudget-- > 0 ? { status: 429, retryAfterSeconds: 0 } : undefined),
    });
    const series = Array.from({ length: 45 }, (_, i) => event({ meetingId: `mt-${i}`, idempotencyKey: `core-group-mt-${i}` }));
    const results = await calendar.createEvents(series);
    expect(results.every((r) => 'eventId' in r)).toBe(true);
    expect(standIn.events).toHaveLength(45);
    expect(new Set(standIn.events.map((e) => e.transactionId)).size).toBe(45);
    // 3 batches for 45, then one more round for the 4 parts that were throttled.
    expect(standIn.requests.filter((r) => r.path === '/v1.0/$batch')).toHaveLength(4);
  });

  it('finds people in the tenant and their manager, and treats anyone else as outside it', async () => {
    standIn = await startGraphStandIn({
      users: [
        { id: 'oid-sam', displayName: 'Sam Okafor', mail: 'Sam.Okafor@anytown.gov.uk', managerId: 'oid-maria' },
        { id: 'oid-maria', displayName: 'Maria Lindqvist', mail: 'maria.lindqvist@anytown.gov.uk' },
      ],
    });
    const directory = graphDirectory(graphClient({ authProvider: { getAccessToken: async () => 't' }, baseUrl: standIn.origin, retryDelaySeconds: 0 }));
    expect(await directory.findByEmail('sam.okafor@anytown.gov.uk')).toEqual({
      entraObjectId: 'oid-sam',
      displayName: 'Sam Okafor',
      email: 'sam.okafor@anytown.gov.uk',
    });
    expect(await directory.managerOf('oid-sam')).toMatchObject({ entraObjectId: 'oid-maria', displayName: 'Maria Lindqvist' });
    expect(await directory.findByEmail('alex@mail.example')).toBeUndefined();
    expect(await directory.managerOf('oid-maria')).toBeUndefined();
  });

  it('is strict: a body Graph would refuse is refused, and the adapter reports it as a permanent failure', async () => {
    const { client } = await open();
    const refused = await client
      .api('/users/sam@anytown.gov.uk/events')
      .post({ ...GraphCalendar.eventBody(event()), childName: 'Lily Rose' })
      .catch((e: unknown) => e);
    expect((refused as { statusCode: number }).statusCode).toBe(400);
    expect((refused as { message: string }).message).toContain("'childName' is not a property of microsoft.graph.event");
  });
});
