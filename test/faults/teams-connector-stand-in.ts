import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One card Teams accepted: posted (a new message in a chat) or an update of one posted before. */
export interface ConnectorCall {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  readonly activityId: string;
  readonly text: string;
}

/**
 * Teams' Bot Connector on loopback, for the fault tests: it takes every card the bot posts or
 * updates, numbers it as Teams would, and remembers it, so a test can count what each person was
 * sent. It answers slowly (`delayMs`) so that a process killed at a random moment is often killed
 * mid-send; `setDown` makes it fail every call as a connector outage would: 503, or ('no-answer')
 * the connection dropped without a word.
 */
export async function startTeamsConnector(options: { delayMs?: number } = {}) {
  const calls: ConnectorCall[] = [];
  let next = 0;
  let down: boolean | 'no-answer' | 'forbidden' = false;
  let refused = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body));
      };
      if (down === 'no-answer') {
        refused += 1;
        return void req.socket.destroy();
      }
      if (down === 'forbidden') {
        refused += 1;
        return answer(403, { error: { code: 'BotNotInConversationRoster', message: 'stand-in refusal' } });
      }
      if (down) {
        refused += 1;
        return answer(503, { error: { code: 'ServiceUnavailable', message: 'stand-in outage' } });
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
      setTimeout(() => {
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) return answer(200, { id: 'ignored' });
        const conversationId = decodeURIComponent(m[1] as string);
        const activityId = req.method === 'PUT' && m[2] ? decodeURIComponent(m[2]) : `activity-${(next += 1)}`;
        calls.push({ method: req.method, conversationId, activityId, text: Buffer.concat(chunks).toString('utf8') });
        answer(200, { id: activityId });
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    calls,
    posts: () => calls.filter((c) => c.method === 'POST'),
    updates: () => calls.filter((c) => c.method === 'PUT'),
    /** Whether Teams answers: true refuses every call with a 503, 'forbidden' with a 403 (not retried), 'no-answer' drops it, until set back to false. */
    setDown(value: boolean | 'no-answer' | 'forbidden') {
      down = value;
    },
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type TeamsConnector = Awaited<ReturnType<typeof startTeamsConnector>>;
