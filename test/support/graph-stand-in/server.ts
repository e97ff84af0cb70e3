import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CsdlModel, loadCsdl } from './csdl-model';
import { validateAction, validateAgainst } from './validate';

/** A fault to inject into the next matching request, as Graph sends them under load. */
export type Fault = { readonly status: 429 | 503; readonly retryAfterSeconds?: number } | { readonly timeout: true };

export interface StandInOptions {
  readonly latencyMs?: number;
  /** Decides per request whether to fail it; called before anything else happens. */
  readonly fault?: (method: string, path: string) => Fault | undefined;
  /** Permissions the app has not been granted: requests needing them get 403 as Graph would. */
  readonly deniedPermission?: 'Calendars.ReadWrite' | 'Mail.Send' | 'Mail.ReadWrite' | 'User.Read.All' | 'TeamsActivity.Send';
  /** The tenant's people, with who manages whom. */
  readonly users?: readonly { readonly id: string; readonly displayName: string; readonly mail: string; readonly managerId?: string }[];
}

interface StoredEvent {
  readonly id: string;
  readonly mailbox: string;
  transactionId?: string;
  body: Record<string, unknown>;
  cancelled: boolean;
}

export interface StoredSubscription {
  readonly id: string;
  readonly body: Record<string, unknown>;
  expirationDateTime: string;
}

export interface GraphStandIn {
  /** Where to point the Graph client (it adds /v1.0 itself). */
  readonly origin: string;
  readonly baseUrl: string;
  readonly subscriptions: StoredSubscription[];
  /** Users the app was installed for. */
  readonly installs: string[];
  /** What Outlook does when someone drags an event: the change is notified to every subscription on that mailbox. */
  moveEvent(eventId: string, start: string, end: string): Promise<void>;
  /** Every request that reached the stand-in (method, path, the bearer token it carried), faults included. */
  readonly requests: { method: string; path: string; status: number; token?: string }[];
  readonly events: StoredEvent[];
  readonly mail: { mailbox: string; body: Record<string, unknown> }[];
  /** Activity-feed notifications, by recipient (Entra object id). */
  readonly activities: { userId: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const MAX_SCHEDULES = 20;
/** Outlook event subscriptions last at most 10,080 minutes (7 days). */
const MAX_SUBSCRIPTION_MINUTES = 10_080;
const MAX_BATCH = 20;

/**
 * A strict Microsoft Graph stand-in on loopback for the endpoints Core Groups uses. Request bodies
 * are validated against the official v1.0 metadata (metadata/, carried in the repository), the documented limits are
 * enforced, and 429/503/timeouts can be injected. The production Graph adapter runs against it
 * unchanged; only the base URL differs.
 */
export async function startGraphStandIn(options: StandInOptions = {}, model: CsdlModel = loadCsdl()): Promise<GraphStandIn> {
  const requests: GraphStandIn['requests'] = [];
  const events: StoredEvent[] = [];
  const mail: GraphStandIn['mail'] = [];
  const activities: GraphStandIn['activities'] = [];
  const messages: { id: string; mailbox: string; body: Record<string, unknown>; isDraft: boolean }[] = [];
  const subscriptions: StoredSubscription[] = [];
  const installs: string[] = [];
  /** Changes since a delta token: each token is an index into this log. */
  const changeLog: { mailbox: string; eventId: string }[] = [];

  const bad = (message: string) => ({ status: 400, body: { error: { code: 'BadRequest', message } } });
  const denied = (permission: string) => ({
    status: 403,
    body: { error: { code: 'ErrorAccessDenied', message: `Access is denied. Check credentials and try again. (missing ${permission})` } },
  });

  function route(method: string, url: string, body: unknown): { status: number; body?: unknown; headers?: Record<string, string> } {
    const path = url.split('?')[0] as string;
    const query = new URLSearchParams(url.split('?')[1] ?? '');
    let m: RegExpExecArray | null;
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/calendar\/getSchedule$/.exec(path))) {
      if (options.deniedPermission === 'Calendars.ReadWrite') return denied('Calendars.ReadWrite');
      const problems = validateAction(model, 'microsoft.graph.calendar/microsoft.graph.getSchedule', body);
      if (problems.length) return bad(problems.join('; '));
      const b = body as { schedules: string[]; startTime: { dateTime: string }; endTime: { dateTime: string }; availabilityViewInterval?: number };
      if (b.schedules.length > MAX_SCHEDULES) return bad(`getSchedule takes at most ${MAX_SCHEDULES} schedules; got ${b.schedules.length}`);
      if (b.availabilityViewInterval !== undefined && (b.availabilityViewInterval < 5 || b.availabilityViewInterval > 1440))
        return bad('availabilityViewInterval must be between 5 and 1440');
      return {
        status: 200,
        body: {
          value: b.schedules.map((s) => ({
            scheduleId: s,
            availabilityView: '',
            scheduleItems: events
              .filter(
                (e) =>
                  !e.cancelled &&
                  (e.mailbox === s ||
                    ((e.body.attendees as { emailAddress: { address: string } }[] | undefined) ?? []).some((a) => a.emailAddress.address === s)),
              )
              // As Outlook shows an event (showAs): busy unless marked otherwise, out of office ('oof') for leave or sickness.
              .filter((e) => e.body.showAs !== 'free')
              .map((e) => ({ status: typeof e.body.showAs === 'string' ? e.body.showAs : 'busy', start: e.body.start, end: e.body.end })),
          })),
        },
      };
    }
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/events$/.exec(path))) {
      if (options.deniedPermission === 'Calendars.ReadWrite') return denied('Calendars.ReadWrite');
      const problems = validateAgainst(model, 'microsoft.graph.event', body);
      if (problems.length) return bad(problems.join('; '));
      const mailbox = decodeURIComponent(m[1] as string);
      const b = body as Record<string, unknown>;
      // Outlook's transactionId: the same id from the same client returns the event already made.
      const existing = typeof b.transactionId === 'string' ? events.find((e) => e.mailbox === mailbox && e.transactionId === b.transactionId) : undefined;
      if (existing) return { status: 201, body: { id: existing.id, ...existing.body } };
      const event: StoredEvent = {
        id: randomUUID(),
        mailbox,
        ...(typeof b.transactionId === 'string' ? { transactionId: b.transactionId } : {}),
        body: b,
        cancelled: false,
      };
      events.push(event);
      changeLog.push({ mailbox, eventId: event.id });
      return {
        status: 201,
        body: { id: event.id, ...b, ...(b.isOnlineMeeting ? { onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/${event.id}` } } : {}) },
      };
    }
    if ((m = /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)(\/cancel)?$/.exec(path))) {
      const event = events.find((e) => e.id === m?.[2]);
      if (!event) return { status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } } };
      if (method === 'PATCH' && !m[3]) {
        const problems = validateAgainst(model, 'microsoft.graph.event', body);
        if (problems.length) return bad(problems.join('; '));
        event.body = { ...event.body, ...(body as Record<string, unknown>) };
        changeLog.push({ mailbox: event.mailbox, eventId: event.id });
        return { status: 200, body: { id: event.id, ...event.body } };
      }
      if (method === 'POST' && m[3]) {
        const problems = validateAction(model, 'microsoft.graph.event/microsoft.graph.cancel', body);
        if (problems.length) return bad(problems.join('; '));
        event.cancelled = true;
        changeLog.push({ mailbox: event.mailbox, eventId: event.id });
        return { status: 202 };
      }
    }
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path))) {
      const problems = validateAgainst(model, 'microsoft.graph.userScopeTeamsAppInstallation', body);
      const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
      if (typeof bind !== 'string' || !/\/appCatalogs\/teamsApps\/[^/]+$/.test(bind))
        problems.push('teamsApp@odata.bind: must reference appCatalogs/teamsApps/{id}');
      if (problems.length) return bad(problems.join('; '));
      const user = decodeURIComponent(m[1] as string);
      if (installs.includes(user)) return { status: 409, body: { error: { code: 'Conflict', message: 'App is already installed.' } } };
      installs.push(user);
      return { status: 201, body: { id: randomUUID() } };
    }
    if (method === 'GET' && (m = /^\/v1\.0\/users\/([^/]+)(\/manager)?$/.exec(path))) {
      if (options.deniedPermission === 'User.Read.All') return denied('User.Read.All');
      const key = decodeURIComponent(m[1] as string).toLowerCase();
      const user = (options.users ?? []).find((u) => u.id === key || u.mail.toLowerCase() === key);
      const target = m[2] ? (options.users ?? []).find((u) => u.id === user?.managerId) : user;
      if (!target) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${key}' does not exist.` } } };
      return { status: 200, body: { id: target.id, displayName: target.displayName, mail: target.mail, userPrincipalName: target.mail } };
    }
    if (method === 'GET' && (m = /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      const event = events.find((e) => e.id === m?.[2]);
      if (!event) return { status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } } };
      return { status: 200, body: { id: event.id, ...event.body, isCancelled: event.cancelled } };
    }
    if (method === 'GET' && (m = /^\/v1\.0\/users\/([^/]+)\/calendarView\/delta$/.exec(path))) {
      const mailbox = decodeURIComponent(m[1] as string);
      const query = new URLSearchParams(url.split('?')[1] ?? '');
      const token = query.get('$deltatoken');
      if (!token && (!query.get('startDateTime') || !query.get('endDateTime')))
        return bad('startDateTime and endDateTime are required on the first delta request');
      const from = token ? Number(token) : 0;
      const changedIds = token
        ? [
            ...new Set(
              changeLog
                .slice(from)
                .filter((c) => c.mailbox === mailbox)
                .map((c) => c.eventId),
            ),
          ]
        : events.filter((e) => e.mailbox === mailbox).map((e) => e.id);
      const value = changedIds.flatMap((id) => {
        const e = events.find((x) => x.id === id);
        return e ? [{ id: e.id, ...e.body, isCancelled: e.cancelled }] : [];
      });
      return {
        status: 200,
        body: { value, '@odata.deltaLink': `${origin()}/v1.0/users/${encodeURIComponent(mailbox)}/calendarView/delta?$deltatoken=${changeLog.length}` },
      };
    }
    if ((m = /^\/v1\.0\/subscriptions(?:\/([^/]+))?$/.exec(path))) {
      if (method === 'POST' && !m[1]) {
        const problems = validateAgainst(model, 'microsoft.graph.subscription', body);
        if (problems.length) return bad(problems.join('; '));
        const b = body as { expirationDateTime: string; notificationUrl: string; resource: string; changeType: string };
        const minutes = (Date.parse(b.expirationDateTime) - Date.now()) / 60_000;
        if (!(minutes > 0) || minutes > MAX_SUBSCRIPTION_MINUTES) return bad(`expirationDateTime must be within ${MAX_SUBSCRIPTION_MINUTES} minutes from now`);
        if (!/^https:\/\//.test(b.notificationUrl) && !/^http:\/\/127\.0\.0\.1[:/]/.test(b.notificationUrl)) return bad('notificationUrl must be HTTPS');
        return { status: 201, body: { pending: b } };
      }
      const sub = subscriptions.find((x) => x.id === m?.[1]);
      if (!sub) return { status: 404, body: { error: { code: 'ResourceNotFound', message: 'No such subscription' } } };
      if (method === 'PATCH') {
        const problems = validateAgainst(model, 'microsoft.graph.subscription', body);
        if (problems.length) return bad(problems.join('; '));
        const next = (body as { expirationDateTime?: string }).expirationDateTime;
        if (!next || (Date.parse(next) - Date.now()) / 60_000 > MAX_SUBSCRIPTION_MINUTES)
          return bad(`expirationDateTime must be within ${MAX_SUBSCRIPTION_MINUTES} minutes from now`);
        sub.expirationDateTime = next;
        return { status: 200, body: { id: sub.id, ...sub.body, expirationDateTime: next } };
      }
      if (method === 'DELETE') {
        subscriptions.splice(subscriptions.indexOf(sub), 1);
        return { status: 204 };
      }
    }
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/sendActivityNotification$/.exec(path))) {
      if (options.deniedPermission === 'TeamsActivity.Send') return denied('TeamsActivity.Send');
      const problems = validateAction(model, 'microsoft.graph.userTeamwork/microsoft.graph.sendActivityNotification', body);
      const b = body as { topic?: { source?: string; webUrl?: string } };
      // Documented: a text topic needs a webUrl, and it must be a Teams deep link.
      if (b.topic?.source === 'text' && !/^https:\/\/teams\.microsoft\.com\/l\//.test(b.topic.webUrl ?? ''))
        problems.push('topic.webUrl: a text topic needs a Teams deep link');
      if (problems.length) return bad(problems.join('; '));
      activities.push({ userId: decodeURIComponent(m[1] as string), body: body as Record<string, unknown> });
      return { status: 204 };
    }
    // Drafts, looked up by an extended property, then sent: how the mailer sends exactly once.
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/messages$/.exec(path))) {
      if (options.deniedPermission === 'Mail.ReadWrite') return denied('Mail.ReadWrite');
      const problems = validateAgainst(model, 'microsoft.graph.message', body);
      if (problems.length) return bad(problems.join('; '));
      const stored = { id: randomUUID(), mailbox: decodeURIComponent(m[1] as string), body: body as Record<string, unknown>, isDraft: true };
      messages.push(stored);
      return { status: 201, body: { id: stored.id, isDraft: true } };
    }
    if (method === 'GET' && (m = /^\/v1\.0\/users\/([^/]+)\/messages$/.exec(path))) {
      if (options.deniedPermission === 'Mail.ReadWrite') return denied('Mail.ReadWrite');
      const filter = query.get('$filter') ?? '';
      // OData string literals double their quotes.
      const parsed = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '((?:[^']|'')+)' and ep\/value eq '((?:[^']|'')*)'\)$/.exec(filter);
      if (!parsed) return bad(`the stand-in answers only a filter on one extended property, got: ${filter}`);
      const wanted = parsed.map((s) => s.replace(/''/g, "'"));
      const mailbox = decodeURIComponent(m[1] as string);
      const found = messages.filter(
        (x) =>
          x.mailbox === mailbox &&
          ((x.body.singleValueExtendedProperties as { id: string; value: string }[] | undefined) ?? []).some(
            (p) => p.id === wanted[1] && p.value === wanted[2],
          ),
      );
      return { status: 200, body: { value: found.map((x) => ({ id: x.id, isDraft: x.isDraft })) } };
    }
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/messages\/([^/]+)\/send$/.exec(path))) {
      if (options.deniedPermission === 'Mail.Send') return denied('Mail.Send');
      const stored = messages.find((x) => x.id === decodeURIComponent(m![2] as string));
      if (!stored) return { status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } } };
      if (!stored.isDraft) return bad('the message has already been sent');
      stored.isDraft = false;
      mail.push({ mailbox: stored.mailbox, body: { message: stored.body } });
      return { status: 202 };
    }
    if (method === 'POST' && (m = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(path))) {
      if (options.deniedPermission === 'Mail.Send') return denied('Mail.Send');
      const problems = validateAction(model, 'microsoft.graph.user/microsoft.graph.sendMail', body);
      if (problems.length) return bad(problems.join('; '));
      mail.push({ mailbox: decodeURIComponent(m[1] as string), body: body as Record<string, unknown> });
      return { status: 202 };
    }
    if (method === 'POST' && path === '/v1.0/$batch') {
      const b = body as { requests?: { id: string; method: string; url: string; body?: unknown }[] };
      if (!Array.isArray(b.requests)) return bad('requests: expected an array');
      if (b.requests.length > MAX_BATCH) return bad(`a batch holds at most ${MAX_BATCH} requests; got ${b.requests.length}`);
      return {
        status: 200,
        body: {
          responses: b.requests.map((r) => {
            const fault = options.fault?.(r.method, `/v1.0${r.url}`);
            if (fault && 'status' in fault)
              return {
                id: r.id,
                status: fault.status,
                headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
                body: { error: { code: 'TooManyRequests', message: 'Throttled' } },
              };
            const res = route(r.method, `/v1.0${r.url}`, r.body);
            return { id: r.id, status: res.status, body: res.body ?? {} };
          }),
        },
      };
    }
    return { status: 404, body: { error: { code: 'ResourceNotFound', message: `No such endpoint in the stand-in: ${method} ${path}` } } };
  }

  async function handshake(b: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const token = randomUUID();
    try {
      const res = await fetch(
        `${b.notificationUrl as string}${(b.notificationUrl as string).includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`,
        { method: 'POST', signal: AbortSignal.timeout(10_000) },
      );
      const text = await res.text();
      if (res.status !== 200 || text !== token)
        return bad(`Subscription validation request failed: the notification endpoint must respond 200 with the validation token (got ${res.status})`);
    } catch (e) {
      return bad(`Subscription validation request failed: ${(e as Error).message}`);
    }
    const sub: StoredSubscription = { id: randomUUID(), body: b, expirationDateTime: b.expirationDateTime as string };
    subscriptions.push(sub);
    return { status: 201, body: { id: sub.id, ...b } };
  }

  async function moveEvent(eventId: string, start: string, end: string): Promise<void> {
    const event = events.find((e) => e.id === eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    const utc = (iso: string) => ({ dateTime: new Date(iso).toISOString().replace(/\.\d{3}Z$/, ''), timeZone: 'UTC' });
    event.body = { ...event.body, start: utc(start), end: utc(end) };
    changeLog.push({ mailbox: event.mailbox, eventId });
    for (const sub of subscriptions.filter((x) => String(x.body.resource).toLowerCase().includes(`users/${event.mailbox.toLowerCase()}/events`))) {
      await fetch(sub.body.notificationUrl as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          value: [
            {
              subscriptionId: sub.id,
              clientState: sub.body.clientState,
              changeType: 'updated',
              resource: `Users/${event.mailbox}/Events/${eventId}`,
              resourceData: { id: eventId, '@odata.type': '#Microsoft.Graph.Event' },
              tenantId: 'stand-in',
            },
          ],
        }),
      });
    }
  }

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      // Recorded, not required: the Graph client sends tokens only over https, and this is plain http.
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const respond = () => {
        const fault = options.fault?.(method, url.split('?')[0] as string);
        if (fault && 'timeout' in fault) {
          requests.push({ method, path: url, status: 0 });
          return; // never answers: the client's timeout must fire
        }
        if (fault) {
          requests.push({ method, path: url, status: fault.status });
          res.writeHead(fault.status, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds ?? 1) });
          return void res.end(JSON.stringify({ error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', message: 'Injected fault' } }));
        }
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          requests.push({ method, path: url, status: 400 });
          res.writeHead(400, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ error: { code: 'BadRequest', message: 'Invalid JSON' } }));
        }
        const routed = route(method, url, body);
        const pending = (routed.body as { pending?: Record<string, unknown> } | undefined)?.pending;
        if (pending) {
          // Graph's validation handshake: it POSTs ?validationToken=… and expects the token back as text within 10 s.
          void handshake(pending).then((out) => {
            requests.push({ method, path: url, status: out.status });
            res.writeHead(out.status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(out.body));
          });
          return;
        }
        const out = routed;
        requests.push({ method, path: url, status: out.status, ...(token ? { token } : {}) });
        // 202 Accepted (cancel, sendMail) has no body, and so no content type, as Graph sends it.
        res.writeHead(out.status, out.body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(out.body === undefined ? '' : JSON.stringify(out.body));
      };
      if (options.latencyMs) setTimeout(respond, options.latencyMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    subscriptions,
    installs,
    moveEvent,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`,
    requests,
    events,
    mail,
    activities,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
