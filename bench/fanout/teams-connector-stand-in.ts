import http from 'node:http';
import { AddressInfo } from 'node:net';
import { nextAllowedAt, PER_CONVERSATION, PER_TENANT } from '../../src/domain/delivery/rate-limits';

export interface ConnectorStandIn {
  readonly url: string;
  /** Cards accepted, by the text that names the outbox message they carry. */
  readonly accepted: Map<string, number>;
  /** Requests answered 429 (and of those, for a conversation's limit rather than the tenant's), and the time of the last card accepted. */
  readonly refused: () => number;
  readonly refusedForConversation: () => number;
  readonly lastAcceptedAt: () => number;
  close(): Promise<void>;
}

/**
 * The Bot Connector as Teams runs it, for sending cards: it accepts a post (and a card's update)
 * while the sends to that conversation and to the tenant stay within Teams' documented limits
 * (src/domain/delivery/rate-limits.ts: per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an
 * hour; per app per tenant 50 a second), and answers anything over them 429 with Retry-After: 1.
 * Every accepted card is counted by its text, so a card sent twice is seen.
 */
export async function startTeamsConnectorStandIn(tenant = 'tenant'): Promise<ConnectorStandIn> {
  const sends = new Map<string, number[]>();
  const accepted = new Map<string, number>();
  let refused = 0;
  let refusedConversation = 0;
  let lastAcceptedAt = 0;
  let activity = 0;
  const history = (key: string, now: number) => {
    const kept = (sends.get(key) ?? []).filter((t) => t > now - 3_600_000);
    sends.set(key, kept);
    return kept;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const conversation = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1];
      res.setHeader('content-type', 'application/json');
      if (!conversation) return void res.end(JSON.stringify({ id: `activity-${++activity}` }));
      const now = Date.now();
      const byConversation = history(`c:${decodeURIComponent(conversation)}`, now);
      const byTenant = history(`t:${tenant}`, now);
      const overConversation = nextAllowedAt(byConversation, now, PER_CONVERSATION) > now;
      if (overConversation || nextAllowedAt(byTenant, now, PER_TENANT) > now) {
        refused += 1;
        if (overConversation) refusedConversation += 1;
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
        return void res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests' } }));
      }
      byConversation.push(now);
      byTenant.push(now);
      lastAcceptedAt = now;
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { summary?: string; speak?: string; text?: string };
      const what = body.summary ?? body.speak ?? body.text ?? '';
      if (req.method === 'POST') accepted.set(what, (accepted.get(what) ?? 0) + 1);
      res.end(JSON.stringify({ id: `activity-${++activity}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    accepted,
    refused: () => refused,
    refusedForConversation: () => refusedConversation,
    lastAcceptedAt: () => lastAcceptedAt,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
