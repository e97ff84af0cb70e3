import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BotCore } from '../../bot/core/bot-core';
import { ActionRunner } from '../../bot/core/deps';
import { Where } from '../../bot/core/turn';
import { VERBS } from '../../bot/verbs';
import { AppContext } from '../../src/app/context';
import { createCase } from '../../src/app/create-case';
import { readReport } from '../../src/app/reports';
import { openStore, StoreSettings } from '../../src/adapters/store/open-store';
import { builtInRegistry } from '../../src/domain/policy';
import { fixedClock } from '../../src/ports/clock';
import { Store } from '../../src/ports/store';
import { CARD_ACTION_THREAD_ENTRY, CardActionThread } from '../../src/server/card-action-thread';
import { DEMO_PEOPLE } from '../../src/server/demo-data';
import { start } from '../../src/server/main';
import { tabLinks } from '../../src/server/tab-links';
import { bookFirstCoreGroupAndAskForUpdates } from '../fixtures/core-group';
import { listStaff } from '../fixtures/staff';
import { cardActionInvoke } from '../support/activities';
import { dropSchema, storeKinds } from '../support/stores';
import { aCase, actor, aMember, PEOPLE } from '../fixtures/builders';

// A worker thread runs JavaScript: the thread runs the build's entry (`npm run build` comes first),
// while this test drives it from the sources, as the server does when it runs from them.
jest.setTimeout(60_000);

describe.each(storeKinds())('card actions in a thread of their own (CARD_ACTION_THREAD=on), on %s', (kind) => {
  let dir: string;
  let settings: StoreSettings;
  let store: Store;
  let ctx: AppContext;
  let reportId: string;
  let thread: CardActionThread | undefined;
  const clock = fixedClock('2026-12-21T08:00:00.000Z');
  const publicBaseUrl = 'http://127.0.0.1:3978';
  const links = tabLinks(publicBaseUrl);
  const where: Where = {
    conversationId: 'a:personal-hv',
    kind: 'personal',
    activityId: 'activity-1',
    reference: { serviceUrl: 'https://example.invalid/' },
    roster: async () => [],
  };
  const hv = { entraObjectId: PEOPLE.hv.entraObjectId };
  const update = (whatHasChanged: string) => ({
    verb: VERBS.reportSubmit,
    data: {
      reportId,
      attendance: 'attending',
      whatHasChanged,
      workingWell: 'Group',
      worries: 'Visitors',
      needsToHappen: 'Police to share',
      safetyScale: '6',
    },
  });
  const startThread = async (entry?: string) => (thread = await CardActionThread.start({ store: settings, publicBaseUrl }, clock, entry ? { entry } : {}));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-action-thread-'));
    // A file (an in-memory database is the one connection's alone), or a schema of its own.
    settings =
      kind === 'sqlite'
        ? { kind: 'sqlite', file: path.join(dir, 'core-groups.sqlite') }
        : { kind: 'postgres', url: process.env.TEST_DATABASE_URL as string, schema: `test_${randomBytes(6).toString('hex')}`, poolSize: 4 };
    store = await openStore(settings);
    ctx = { store, clock, profiles: builtInRegistry };
    await store.transaction((tx) => tx.people.insert({ id: 'sam', ...PEOPLE.sam }));
    await listStaff(ctx);
    const c = await createCase(ctx, actor('sam'), aCase({ members: [aMember('sam'), aMember('maria'), aMember('hv')] }));
    // Someone the server knows who is not on this case.
    await createCase(ctx, actor('sam'), aCase({ reference: 'CP-2026-0099', members: [aMember('sam'), aMember('maria'), aMember('school')] }));
    // The update asked of the health visitor, the case's one professional.
    const { reportOf } = await bookFirstCoreGroupAndAskForUpdates(ctx, c.id);
    reportId = reportOf((await store.transaction((tx) => tx.people.byEmail(PEOPLE.hv.email)))!.id);
  });

  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    await store.close();
    if (settings.kind === 'postgres') await dropSchema(settings.url, settings.schema as string);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs an update submitted from its card in the thread: the same card as in the server thread, written to the same store', async () => {
    const run = await startThread();
    const inThread = new BotCore({ ctx, links, actionRunner: run.run });
    const here = new BotCore({ ctx, links });

    const answer = await inThread.cardAction(hv, where, update('Warmer flat'));
    expect(answer.kind).toBe('card');
    expect(JSON.stringify(answer)).toContain('Update submitted');
    const saved = await store.transaction((tx) => tx.reports.byId(reportId));
    expect(saved).toMatchObject({ status: 'submitted', version: 1 });
    const trail = await store.transaction(async (tx) => tx.audit.forCase(saved!.caseId));
    expect(trail.map((a) => a.action)).toContain('report.submitted');

    // The server's own thread sees the thread's write: the same update again is already recorded.
    const again = await here.cardAction(hv, where, update('Warmer flat'));
    expect(JSON.stringify(again)).toContain('Already recorded');
    // And reading the card back gives what the server's thread gives.
    const edit = { verb: VERBS.reportEdit, data: { reportId } };
    expect(await inThread.cardAction(hv, where, edit)).toEqual(await here.cardAction(hv, where, edit));
  });

  it('gives a refusal in the thread back as the same refusal, audited by the server', async () => {
    const run = await startThread();
    const inThread = new BotCore({ ctx, links, actionRunner: run.run });
    const here = new BotCore({ ctx, links });
    const school = { entraObjectId: PEOPLE.school.entraObjectId };
    const edit = { verb: VERBS.reportEdit, data: { reportId } };

    const rows = async () => (await store.transaction((tx) => tx.audit.verify())).rows;
    const before = await rows();
    const refused = await inThread.cardAction(school, { ...where, conversationId: 'a:personal-school' }, edit);
    expect(refused).toMatchObject({ kind: 'error', status: 404 });
    // First contact in the chat, then the refusal, each audited in the server's thread.
    const audited = (await rows()) - before;
    expect(audited).toBeGreaterThan(0);
    expect(await here.cardAction(school, { ...where, conversationId: 'a:personal-school' }, edit)).toEqual(refused);
    // The same press in the server's thread: its refusal audited too (the chat is known by now).
    expect((await rows()) - before).toBe(audited + 1);
    // A form the card could not have sent: the form again, each problem beside its field, as here.
    const outOfScale = { verb: VERBS.reportSubmit, data: { ...update('x').data, safetyScale: '11' } };
    expect(await inThread.cardAction(hv, where, outOfScale)).toEqual(await here.cardAction(hv, where, outOfScale));
    expect((await store.transaction((tx) => tx.reports.byId(reportId)))?.version).toBe(0);
  });

  it('keeps the calendar’s verbs in the server thread', async () => {
    const sent: string[] = [];
    const runner: ActionRunner = async (verb) => {
      sent.push(verb);
      throw new Error('not here');
    };
    const core = new BotCore({ ctx, links, actionRunner: runner });
    const sam = { entraObjectId: PEOPLE.sam.entraObjectId };
    const meeting = (await store.transaction(async (tx) => tx.meetings.forCase((await tx.cases.byReference('CP-2026-0042'))!.id)))[0]!;
    // No calendar here: the server thread's own answer, not the runner's.
    expect(await core.cardAction(sam, where, { verb: VERBS.scheduleOpen, data: { meetingId: meeting.id } })).toMatchObject({
      kind: 'error',
      code: 'SCHEDULE.UNAVAILABLE',
    });
    expect(sent).toEqual([]);
    expect(await core.cardAction(sam, where, { verb: VERBS.reportOpen, data: { meetingId: meeting.id } })).toMatchObject({ kind: 'error', status: 500 });
    expect(sent).toEqual([VERBS.reportOpen]);
  });

  it('answers many submits in the thread while the server thread writes, with nothing refused and the audit chain whole', async () => {
    const run = await startThread();
    const inThread = new BotCore({ ctx, links, actionRunner: run.run });
    const author = actor((await store.transaction((tx) => tx.people.byEmail(PEOPLE.hv.email)))!.id);
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => inThread.cardAction(hv, where, update(`Visit ${i}`))),
      // Each an audited read, written by the server's own connection meanwhile.
      ...Array.from({ length: 40 }, () => readReport(ctx, author, reportId).then(() => ({ kind: 'read' }))),
    ]);
    expect(answers.filter((a) => a.kind === 'card')).toHaveLength(40);
    expect(answers.filter((a) => a.kind === 'read')).toHaveLength(40);
    expect((await store.transaction((tx) => tx.reports.byId(reportId)))?.version).toBe(40);
    const check = await store.transaction((tx) => tx.audit.verify());
    expect(check.broken).toBeUndefined();
    expect(check.rows).toBeGreaterThanOrEqual(80);
  });

  it('fails only the actions waiting on a thread that stops, and starts another for the next', async () => {
    // The real entry, plus a listener that ends the thread when a card carries `crash`.
    const crashing = path.join(dir, 'crashing-entry.js');
    fs.writeFileSync(
      crashing,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (call) => { if (call.data && call.data.crash) process.exit(3); });
require(${JSON.stringify(CARD_ACTION_THREAD_ENTRY)});`,
    );
    const logged: string[] = [];
    thread = await CardActionThread.start({ store: settings, publicBaseUrl }, clock, { entry: crashing, log: (m) => logged.push(m) });
    const core = new BotCore({ ctx, links, actionRunner: thread.run });
    const crash = await core.cardAction(hv, where, { verb: VERBS.reportEdit, data: { reportId, crash: true } });
    expect(crash).toMatchObject({ kind: 'error', status: 500 });
    expect(logged).toContain('the card-action thread stopped; the next card action starts another');
    expect(thread.inFlight).toBe(0);
    expect(await core.cardAction(hv, where, update('After the crash'))).toMatchObject({ kind: 'card' });
  });

  it('does not start when the thread cannot open the store', async () => {
    const blocked = path.join(dir, 'a-file');
    fs.writeFileSync(blocked, '');
    await expect(CardActionThread.start({ store: { kind: 'sqlite', file: path.join(blocked, 'core-groups.sqlite') }, publicBaseUrl }, clock)).rejects.toThrow(
      /the card-action thread could not start/,
    );
  });
});

describe('a card-action thread that cannot start, in a process of its own', () => {
  it('fails start-up there too, rather than letting the process end with start-up neither done nor failed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-action-thread-process-'));
    try {
      const entry = path.join(dir, 'throws.js');
      fs.writeFileSync(entry, "throw new Error('no database here');");
      const script = `require(${JSON.stringify(path.resolve(__dirname, '../../dist/src/server/card-action-thread.js'))}).CardActionThread.start(
        { store: { kind: 'sqlite', file: ':memory:' }, publicBaseUrl: 'http://127.0.0.1:3978' }, { now: () => new Date().toISOString() }, { entry: ${JSON.stringify(entry)} },
      ).then(() => console.log('started'), (e) => { console.log('refused: ' + e.message); process.exitCode = 1; });`;
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
      expect(run.stdout.trim()).toBe('refused: the card-action thread could not start: no database here');
      expect(run.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the server with CARD_ACTION_THREAD=on', () => {
  it('answers a card pressed in Teams from the thread, through the bot endpoint', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-thread-start-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const clock = fixedClock('2026-12-01T09:00:00.000Z');
    // What the server hands its card-action thread: without the thread, the same answers would come
    // from the server's own thread, and only this tells the two apart.
    const handedOver = jest.spyOn(Worker.prototype, 'postMessage');
    const running = await start({ DATA_DIR: dataDir, PORT: '0', CARD_ACTION_THREAD: 'on' }, { clock });
    const peek = await openStore(running.config.store, { migrate: false });
    try {
      const base = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
      // A core group of the demo's that Priya (health visitor) sits on, booked and not yet held.
      const meetingId = await peek.transaction(async (tx) => {
        const priya = (await tx.people.byEmail(DEMO_PEOPLE.priya.email))!;
        for (const reference of ['CP-DEMO-001', 'CP-DEMO-002', 'CP-DEMO-003', 'CP-DEMO-004', 'CP-DEMO-005', 'CP-DEMO-006']) {
          const c = (await tx.cases.byReference(reference))!;
          if (!(await tx.members.forCase(c.id)).some((m) => m.personId === priya.id && m.role === 'professional')) continue;
          const booked = (await tx.meetings.forCase(c.id)).find((m) => m.status === 'booked' && m.startsAt && m.startsAt > clock.now());
          if (booked) return booked.id;
        }
        throw new Error('the demo has no booked core group for Priya');
      });
      const press = async (verb: string, data: Record<string, unknown>) => {
        const res = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // Nothing listens at this service address: the welcome queued for the chat goes nowhere.
          body: JSON.stringify({
            ...cardActionInvoke(verb, data, { id: '29:priya', aadObjectId: DEMO_PEOPLE.priya.entraObjectId }, 'a:priya'),
            serviceUrl: 'http://127.0.0.1:1/',
          }),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as { statusCode: number; value: { body?: { text?: string }[]; actions?: { verb?: string; data?: { reportId?: string } }[] } };
      };
      // The agenda's "Submit my update": her update form, from the thread.
      const form = await press(VERBS.reportOpen, { meetingId });
      expect(form.statusCode).toBe(200);
      const submit = form.value.actions?.find((a) => a.verb === VERBS.reportSubmit);
      expect(submit?.data?.reportId).toEqual(expect.any(String));
      const done = await press(VERBS.reportSubmit, {
        reportId: submit!.data!.reportId,
        attendance: 'attending',
        whatHasChanged: 'Visited on Monday; the flat is warmer.',
        workingWell: 'Nursery four days a week.',
        worries: 'Late visitors.',
        needsToHappen: 'Housing to fix the boiler.',
        safetyScale: '6',
      });
      expect(done.statusCode).toBe(200);
      expect(JSON.stringify(done.value)).toContain('Update submitted');
      expect(await peek.transaction((tx) => tx.reports.byId(submit!.data!.reportId!))).toMatchObject({ status: 'submitted', version: 1 });
      expect(handedOver.mock.calls.map(([call]) => (call as { verb?: string }).verb)).toEqual([VERBS.reportOpen, VERBS.reportSubmit]);
    } finally {
      handedOver.mockRestore();
      await peek.close();
      await running.stop();
      log.mockRestore();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
