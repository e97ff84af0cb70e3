import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { start } from '../../../src/server/main';

/** `npm start` in miniature: local mode on a fresh data folder, demo data, every surface answering. */
describe('the server in local mode', () => {
  let dataDir: string;
  let running: Awaited<ReturnType<typeof start>>;
  let base: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-start-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    running = await start({ DATA_DIR: dataDir, PORT: '0' });
    base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  }, 30_000);
  // stop() waits for the cards in flight. Once the bot test below has stored a chat at
  // 127.0.0.1:1 (nothing listens there), the demo's cards try to open chats through it, and the Bot
  // Framework SDK retries a refused connection for several seconds before the outbox records the failure.
  afterAll(async () => {
    await running.stop();
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('migrates the embedded store, seeds the demo cases and answers health checks', async () => {
    expect(running.config.mode).toBe('local');
    expect(fs.existsSync(path.join(dataDir, 'core-groups.sqlite'))).toBe(true);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('offers dev sign-in as the demo people, and shows the social worker all six demo cases', async () => {
    const users = (await (await fetch(`${base}/api/dev/users`)).json()) as { people: { id: string; displayName: string }[] };
    expect(users.people.map((p) => p.displayName)).toEqual(expect.arrayContaining(['Sam Okafor', 'Maria Lindqvist', 'Priya Desai']));
    const work = (await (await fetch(`${base}/api/me/work`, { headers: { 'x-dev-user': 'demo-sam' } })).json()) as { cases: { reference: string }[] };
    expect(work.cases.map((c) => c.reference).sort()).toEqual(['CP-DEMO-001', 'CP-DEMO-002', 'CP-DEMO-003', 'CP-DEMO-004', 'CP-DEMO-005', 'CP-DEMO-006']);
  });

  it("serves each person's calendar feed at a secret address, and refuses a forged one", async () => {
    const { url } = (await (await fetch(`${base}/api/me/calendar-feed`, { headers: { 'x-dev-user': 'demo-sam' } })).json()) as { url: string };
    const token = url.split('/calendar/')[1] as string;
    const feed = await fetch(`${base}/calendar/${token}`);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect((await fetch(`${base}/calendar/${token.replace(/\.[^.]+\.ics$/, '.forged.ics')}`)).status).toBe(404);
  });

  it('lets someone be marked out of office, as Outlook would, and the schedule then shows them away', async () => {
    const away = (body: unknown) =>
      fetch(`${base}/api/dev/calendar/away`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const now = Date.now();
    const leave = { start: new Date(now).toISOString(), end: new Date(now + 200 * 86_400_000).toISOString() };
    const refused = await away({ email: 'sam', start: leave.end, end: leave.start });
    expect(refused.status).toBe(400);
    const problems = ((await refused.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    expect(problems).toEqual(expect.arrayContaining(['email', 'end']));
    expect((await away({ email: 'nobody@anytown.example', ...leave })).status).toBe(404);
    expect((await away({ email: 'sam.okafor@anytown.example', ...leave })).status).toBe(201);
    // Sam chairs every demo case: a core group still to book can be offered no time while he is away.
    const sam = { headers: { 'x-dev-user': 'demo-sam' } };
    const work = (await (await fetch(`${base}/api/me/work`, sam)).json()) as { cases: { caseId: string; reference: string }[] };
    const caseId = work.cases.find((c) => c.reference === 'CP-DEMO-003')!.caseId;
    const detail = (await (await fetch(`${base}/api/cases/${caseId}`, sam)).json()) as { meetings: { id: string; status: string }[] };
    const planned = detail.meetings.find((m) => m.status === 'planned')!;
    const schedule = (await (await fetch(`${base}/api/meetings/${planned.id}/schedule`, sam)).json()) as { warning?: string; slots: unknown[] };
    expect(schedule.slots).toEqual([]);
    expect(schedule.warning).toContain('Sam Okafor is out of office');
    // Dev, on the staff list and on no case, is named as someone who could chair it.
    expect(schedule.warning).toContain('Dev Patel');
  });

  it('accepts bot traffic without a token in local mode', async () => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: '1',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:1/',
        from: { id: '29:x', aadObjectId: '0d000000-0000-4000-8000-000000000002' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:1', conversationType: 'personal' },
        value: { action: { type: 'Action.Execute', verb: 'minutes.refresh', data: { minutesId: 'none' } } },
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { statusCode: number; value: { code: string } }).value.code).toBe('MINUTES.NOT_FOUND');
  });
});
