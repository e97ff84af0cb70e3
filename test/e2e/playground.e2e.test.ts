import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import WebSocket from 'ws';
import { start } from '../../src/server/main';

const ROOT = path.resolve(__dirname, '../..');
const PLAYGROUND = require.resolve('@microsoft/m365agentsplayground/cli.js');
const CHAT = 'personal-chat-core-groups'; // .m365agentsplayground.yml: the current user is Sam, the chair

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

/**
 * The real server in local mode and the Microsoft 365 Agents Playground, driven through the
 * Playground's own HTTP interface, with the bot's replies read from its WebSocket: a chat command, a
 * card action (Action.Execute) that books a core group, and the agenda card the outbox then delivers.
 */
describe('the bot through the Microsoft 365 Agents Playground', () => {
  let running: Awaited<ReturnType<typeof start>>;
  let playground: ChildProcess;
  let base: string;
  let socket: WebSocket;
  const received: PlaygroundMessage[] = [];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-playground-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    running = await start({ DATA_DIR: dataDir, PORT: '0' });
    const botPort = (running.server.address() as AddressInfo).port;
    const port = await freePort();
    playground = spawn(process.execPath, [PLAYGROUND, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      cwd: ROOT,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    playground.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    playground.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${base}/_internal/v1/config`).then((r) => r.ok, () => false);
      if (ok) break;
      if (playground.exitCode !== null || i === 99) throw new Error(`the Playground did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { action?: string; message?: PlaygroundMessage };
      if (event.action === 'createMessage' && event.message) received.push(event.message);
    });
    await new Promise((resolve) => socket.once('open', resolve));
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    playground?.kill();
    await running?.stop();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (text: string) => {
    const res = await fetch(`${base}/_conversation/v1/conversations/${CHAT}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { id: 'user-sam' }, text, textFormat: 'plain' }) });
    expect(res.status).toBe(200);
  };
  const waitFor = async (test: (m: PlaygroundMessage) => boolean, what: string): Promise<PlaygroundMessage> => {
    for (let i = 0; i < 150; i++) {
      const found = received.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${what} arrived; got ${received.length} messages`);
  };
  const cardText = (m: PlaygroundMessage) => JSON.stringify(m.attachments?.[0]?.content ?? {});

  it('answers "my core groups" with a card of the chair’s cases', async () => {
    await send('my core groups');
    const reply = await waitFor((m) => cardText(m).includes('Your core groups'), 'my-core-groups card');
    expect(cardText(reply)).toContain('CP-DEMO-001 (EMC)');
    expect(cardText(reply)).not.toContain('Ellie May Carter');
  }, 30_000);

  it('books a core group from the schedule card, and the agenda card then arrives', async () => {
    await send('schedule CP-DEMO-002');
    const scheduleCard = await waitFor((m) => cardText(m).includes('schedule.pick'), 'schedule card');
    const pick = (scheduleCard.attachments?.[0]?.content.actions as { verb: string; data: Record<string, unknown> }[]).find((a) => a.verb === 'schedule.pick');
    expect(pick).toBeDefined();
    const res = await fetch(`${base}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'schedule.pick', data: { ...pick?.data, venue: 'online' } }, trigger: 'manual' }, from: { id: 'user-sam' }, conversation: { id: CHAT }, replyToId: scheduleCard.messageId }),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('booked');
    // The outbox worker delivers the agenda to each member it can reach: here, Sam's chat.
    const agenda = await waitFor((m) => cardText(m).includes(': agenda'), 'agenda card');
    expect(cardText(agenda)).toContain('CP-DEMO-002');
  }, 30_000);
});
