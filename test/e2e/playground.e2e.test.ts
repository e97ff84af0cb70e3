import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { Clock } from '../../src/ports/clock';
import { start } from '../../src/server/main';
import { cardText, eventually, GROUP_CHAT, groupChatOf, PersonalPlayground, Received, TeamsPerson, inputIds } from './playground-harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Monday 23 November 2026, 09:00 in London. CP-DEMO-001's initial conference was on Friday 20th,
// and the demo books its first core group for Friday 27th at 10:00.
const T0 = Date.parse('2026-11-23T09:00:00.000Z');

/**
 * A clock pinned to T0 that then runs with real time (the Playground, the outbox and timeouts all
 * need time to pass), and that the test moves on by whole days to reach the dates that matter.
 */
function steppedClock(): Clock & { advance(ms: number): void } {
  const realStart = Date.now();
  let offset = 0;
  return { now: () => new Date(T0 + (Date.now() - realStart) + offset).toISOString(), advance: (ms) => (offset += ms) };
}

/**
 * The whole core group, every role in their own Teams: the real server in local mode, and one
 * Microsoft 365 Agents Playground per person, each driven through its HTTP interface with what the
 * bot sends read from its WebSocket. The chair links the group chat and the agenda is posted there;
 * a health visitor submits her update from the form her digest offered, then asks to discuss the plan
 * and the chair is told; the school asks for the case's status in a chat with an outsider and gets
 * it privately; the day before the meeting the school, still missing, is chased and she is not; the
 * chair, off sick the next day, is covered by a colleague the manager makes vice chair from her card; the
 * chair writes the minutes in the tab; the manager approves them on the card; the minutes then reach
 * the members and, by mail, the parent.
 */

/**
 * A card queued for the person before they first reached the bot: the digest they got then offers it
 * ("Open my update form", "Open the plan"), and its button answers with the card, which can be acted
 * on as the card itself. The card never also comes on its own (see `neverSentAlone`).
 */
async function fromDigest(
  person: PersonalPlayground,
  wanted: (m: Received) => boolean,
  what: string,
  open: { verb: string; data: Record<string, unknown> },
): Promise<Received> {
  const button = `"verb":"${open.verb}","data":${JSON.stringify(open.data)}`;
  const digest = await person.waitFor(
    (m) => m.conversationId === person.chat && cardText(m).includes('What is waiting for you') && cardText(m).includes(button),
    `the digest offering the ${what}`,
  );
  const opened = await person.press(digest, open.verb, open.data);
  const asCard: Received = {
    conversationId: digest.conversationId,
    message: { ...digest.message, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: opened.value as Record<string, unknown> }] },
  };
  if (!wanted(asCard)) throw new Error(`${what}: the digest's ${open.verb} button answered ${JSON.stringify(opened.value).slice(0, 300)}`);
  return asCard;
}

describe('a core group through the Microsoft 365 Agents Playground, every role in their own Teams', () => {
  const clock = steppedClock();
  let running: Awaited<ReturnType<typeof start>>;
  let dataDir: string;
  let api: string;
  const teams = {} as Record<TeamsPerson, PersonalPlayground>;
  // What the server logged as errors, kept to explain a failure rather than printed as it happens.
  const serverErrors: string[] = [];
  const lastErrors = () => (serverErrors.length ? `the server's last errors:\n${serverErrors.slice(-6).join('\n')}` : '');

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-playground-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      serverErrors.push(
        args
          .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a)))
          .join(' ')
          .slice(0, 400),
      );
    });
    running = await start({ DATA_DIR: dataDir, PORT: '0' }, { clock });
    const port = (running.server.address() as AddressInfo).port;
    api = `http://127.0.0.1:${port}/api`;
    for (const who of ['sam', 'maria', 'priya', 'tom'] as const) teams[who] = new PersonalPlayground(who, lastErrors);
    await Promise.all(Object.values(teams).map((t) => t.start(`http://127.0.0.1:${port}/api/messages`)));
  }, 90_000);
  afterAll(async () => {
    // The server first, so no turn of the bot's is left answering a Playground that has gone.
    await running?.stop();
    await Promise.all(Object.values(teams).map((t) => t.stop()));
    jest.restoreAllMocks();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const inbox = (who: TeamsPerson, test: (m: Received) => boolean) => teams[who].received.filter((m) => m.conversationId === teams[who].chat && test(m));
  const asSam = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${api}${route}`, {
      method,
      headers: { 'x-dev-user': 'demo-sam', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };

  it('each person opens Core Groups in their Teams and sees their own core groups', async () => {
    for (const who of ['sam', 'maria', 'priya', 'tom'] as const) await teams[who].say('my core groups');
    const sams = await teams.sam.waitFor((m) => cardText(m).includes('Your core groups'), 'my-core-groups card');
    expect(cardText(sams)).toContain('CP-DEMO-001 (EMC)');
    expect(cardText(sams)).not.toContain('Ellie May Carter');
    // Maria manages the demo cases: minutes from the older ones are waiting for her.
    const marias = await teams.maria.waitFor((m) => cardText(m).includes('Your core groups'), 'my-core-groups card');
    expect(cardText(marias)).toContain('Minutes to approve');
    // Each case opens in the tab, and what waits for the person has its button: the minutes open on their card.
    expect(cardText(sams)).toContain('Open CP-DEMO-001');
    const minutes = await teams.maria.press(marias, 'minutes.refresh');
    expect(JSON.stringify(minutes.value)).toContain('minutes.approve');
  }, 30_000);

  it('the chair books a core group from the schedule card, and its agenda follows', async () => {
    await teams.sam.say('schedule CP-DEMO-002');
    const schedule = await teams.sam.waitFor((m) => cardText(m).includes('schedule.pick'), 'schedule card');
    const booked = await teams.sam.press(schedule, 'schedule.pick', { venue: 'online' });
    expect(JSON.stringify(booked.value)).toContain('booked');
    // CP-DEMO-002 has no core group chat: the agenda reaches Sam 1:1.
    const agenda = await teams.sam.waitFor(
      (m) => m.conversationId === teams.sam.chat && cardText(m).includes('CP-DEMO-002') && cardText(m).includes(': agenda'),
      'agenda card',
    );
    expect(cardText(agenda)).toContain('Online (Teams)');
  }, 30_000);

  it('the chair makes the group chat the core group chat, and the agenda is posted there', async () => {
    await teams.sam.say('link CP-DEMO-001', GROUP_CHAT);
    const linked = await teams.sam.waitFor(
      (m) => m.conversationId === GROUP_CHAT && cardText(m).includes('This is now the core group chat'),
      'link confirmation',
    );
    expect(cardText(linked)).toContain('CP-DEMO-001 (EMC)');
    const agenda = await teams.sam.waitFor((m) => m.conversationId === GROUP_CHAT && cardText(m).includes(': agenda'), 'agenda in the group chat');
    expect(cardText(agenda)).toContain('Fri 27 Nov 2026, 10:00');
    expect(cardText(agenda)).not.toContain('Ellie');
    // Everyone in the chat sees the same card: no update buttons on it, only where updates are asked
    // for. Teams fetches each reader's own view through its refresh: the chair's has no buttons (no
    // update is asked of him), the health visitor's has hers.
    expect(cardText(agenda)).not.toContain('report.open');
    expect(cardText(agenda)).toContain('agenda.refresh');
    const chairs = await teams.sam.press(agenda, 'agenda.refresh');
    expect(JSON.stringify(chairs.value)).not.toContain('report.open');
    // Her own Playground has no group chat, so her refresh of the chat's card is sent from her 1:1
    // chat: the bot answers by who asks, not where, so it is the same request Teams would send.
    const hers = await teams.priya.waitFor((m) => m.conversationId === teams.priya.chat, 'a message in her 1:1 chat');
    const priyas = await teams.priya.press({ ...hers, message: { ...hers.message, attachments: agenda.message.attachments } }, 'agenda.refresh');
    expect(JSON.stringify(priyas.value)).toContain('Submit my update');
  }, 30_000);

  /**
   * Once the outbox has dealt with the cards queued for the person that `which` picks (a condition on
   * the outbox row `o`), none of them reached the person on their own: the digest gave them.
   */
  const neverSentAlone = async (who: TeamsPerson, which: string, card: (m: Received) => boolean) => {
    const db = new Database(path.join(dataDir, 'core-groups.sqlite'), { readonly: true });
    try {
      const statuses = db.prepare(`select o.status from outbox o where ${which}`);
      const settled = await eventually(() => {
        const rows = statuses.all() as { status: string }[];
        return rows.length > 0 && rows.every((r) => r.status === 'delivered') ? rows.length : undefined;
      });
      expect(settled).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(inbox(who, card)).toEqual([]);
  };

  it('the health visitor submits her update from the form the digest offered her', async () => {
    // The update requests were queued when the demo booked the meeting, before anyone had opened
    // the app; the outbox retries them a quarter of an hour later, and finds the digest gave them.
    clock.advance(20 * MINUTE);
    const db0 = new Database(path.join(dataDir, 'core-groups.sqlite'), { readonly: true });
    const reportId = (
      db0
        .prepare(
          `select r.id from reports r join members mb on mb.id = r.member_id join people p on p.id = mb.person_id join cases c on c.id = r.case_id where c.reference = 'CP-DEMO-001' and p.email like 'priya.%' order by r.rowid desc`,
        )
        .get() as { id: string }
    ).id;
    db0.close();
    const isForm = (m: Received) => cardText(m).includes('report.submit') && cardText(m).includes('CP-DEMO-001');
    const form = await fromDigest(teams.priya, isForm, 'update form for CP-DEMO-001', { verb: 'report.edit', data: { reportId } });
    await neverSentAlone('priya', `o.topic = 'report.request' and json_extract(o.payload, '$.reportId') = '${reportId}'`, isForm);
    const answer = await teams.priya.press(form, 'report.submit', {
      attendance: 'attending',
      whatHasChanged: 'Heating repaired; home warmer.',
      workingWell: 'Attends the baby clinic weekly.',
      worries: 'Missed one visit.',
      needsToHappen: 'Visits to continue weekly.',
      safetyScale: '6',
      // How each plan action her agency owns is going: the form chooses nothing for her.
      ...Object.fromEntries(
        inputIds(form.message.attachments?.[0]?.content)
          .filter((id) => id.endsWith('.progress'))
          .map((id) => [id, 'on-track']),
      ),
    });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain('Update submitted');
    // Someone who never opened the app still hears from the bot: it opens a chat with them, using
    // the id the group chat's roster gave for them (Ruth, the IRO, has no Playground here), and
    // posts first the welcome and one digest, which lists the agenda, in place of the cards waiting.
    const db = new Database(path.join(dataDir, 'core-groups.sqlite'), { readonly: true });
    const ruthsDigest = db.prepare(
      `select count(*) as n from sent_cards where key like 'welcome:%:digest|person:' || (select id from people where email = 'ruth.bannerman@anytown.example')`,
    );
    const ruthsAgenda = db.prepare(
      `select o.status from outbox o join meetings m on m.id = json_extract(o.payload, '$.meetingId') join cases c on c.id = m.case_id join people p on p.id = json_extract(o.payload, '$.personId') where o.topic = 'agenda.send' and c.reference = 'CP-DEMO-001' and p.email = 'ruth.bannerman@anytown.example'`,
    );
    try {
      const delivered = await eventually(() => ((ruthsAgenda.get() as { status: string } | undefined)?.status === 'delivered' ? 'delivered' : undefined));
      expect(delivered).toBe('delivered');
      expect(await eventually(() => ((ruthsDigest.get() as { n: number }).n === 1 ? 'posted' : undefined))).toBe('posted');
    } finally {
      db.close();
    }
  }, 40_000);

  it('the health visitor wants to discuss the plan, and the chair is really told', async () => {
    // The plan's agreement cards were queued with the demo, before anyone opened the app.
    const before = teams.sam.received.length;
    const db0 = new Database(path.join(dataDir, 'core-groups.sqlite'), { readonly: true });
    const caseId = (db0.prepare(`select id from cases where reference = 'CP-DEMO-001'`).get() as { id: string }).id;
    db0.close();
    const isPlan = (m: Received) => cardText(m).includes('plan.discuss') && cardText(m).includes('CP-DEMO-001');
    const plan = await fromDigest(teams.priya, isPlan, 'plan agreement card for CP-DEMO-001', { verb: 'plan.open', data: { caseId } });
    const priya = `(select id from people where email like 'priya.%')`;
    await neverSentAlone('priya', `o.topic = 'plan.agreement-send' and o.case_id = '${caseId}' and json_extract(o.payload, '$.personId') = ${priya}`, isPlan);
    const answer = await teams.priya.press(plan, 'plan.discuss', { comment: 'Weekly visits are too much for mum while the baby is unwell.' });
    expect(JSON.stringify(answer.value)).toContain('the chair has been told');
    const told = await teams.sam.waitFor(
      (m) =>
        teams.sam.received.indexOf(m) >= before &&
        m.conversationId === teams.sam.chat &&
        cardText(m).includes('Priya Desai wants to discuss the plan') &&
        cardText(m).includes('CP-DEMO-001'),
      "the chair's notice that Priya wants to discuss the plan",
    );
    expect(cardText(told)).toContain('put the plan on the next core group');
    expect(cardText(told)).not.toContain('Ellie');
  }, 40_000);

  it('asked for a case status in a chat with someone not on the case, the bot answers privately and says so in the chat', async () => {
    const mixed = groupChatOf('tom');
    const before = teams.tom.received.length;
    const since = (m: Received) => teams.tom.received.indexOf(m) >= before;
    await teams.tom.say('status CP-DEMO-001', mixed);
    const said = await teams.tom.waitFor(
      (m) => since(m) && m.conversationId === mixed && (m.message.text ?? '').includes('sent that to you privately'),
      'the note in the mixed chat',
    );
    expect(cardText(said)).not.toContain('CP-DEMO-001');
    const status = await teams.tom.waitFor(
      (m) => since(m) && m.conversationId === teams.tom.chat && cardText(m).includes('status of CP-DEMO-001'),
      'the status in his 1:1 chat',
    );
    expect(cardText(status)).toContain('CP-DEMO-001 (EMC)');
    expect(cardText(status)).not.toContain('Ellie');
    // Nothing about the case reached the chat Casey reads.
    expect(teams.tom.received.filter((m) => m.conversationId === mixed && cardText(m).includes('CP-DEMO-001'))).toEqual([]);
  }, 40_000);

  it('the day before the meeting, the school is chased and the health visitor is not; the chair sees who is missing', async () => {
    clock.advance(3 * DAY); // Thursday 26 November: one working day before the core group.
    // The chair's digest, on his first message, said who was missing then: the summary is a card of its own.
    const before = teams.sam.received.length;
    await running.scan();
    const chaser = await teams.tom.waitFor(
      (m) => cardText(m).includes('Reminder: core group 1 is in 1 working day') && cardText(m).includes('CP-DEMO-001'),
      'chaser for CP-DEMO-001',
    );
    expect(chaser.conversationId).toBe(teams.tom.chat);
    const missing = await teams.sam.waitFor(
      (m) => teams.sam.received.indexOf(m) >= before && cardText(m).includes('Updates still missing') && cardText(m).includes('CP-DEMO-001'),
      'missing-updates summary for CP-DEMO-001',
    );
    expect(cardText(missing)).toContain('Tom Farrell');
    expect(cardText(missing)).not.toContain('Priya Desai');
    expect(inbox('priya', (m) => cardText(m).includes('Reminder:') && cardText(m).includes('CP-DEMO-001'))).toEqual([]);
  }, 40_000);

  it('the chair is off sick tomorrow: the manager is offered a colleague free then, and one press makes him vice chair', async () => {
    // Still Thursday 26 November. Sam marks Friday out of office (in Outlook; here, local mode's calendar).
    const away = await fetch(`${api}/dev/calendar/away`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'sam.okafor@anytown.example', start: '2026-11-27T00:00:00Z', end: '2026-11-28T00:00:00Z' }),
    });
    expect(away.status).toBe(201);
    await running.scan();
    const card = await teams.maria.waitFor(
      (m) => m.conversationId === teams.maria.chat && cardText(m).includes('nobody to chair it') && cardText(m).includes('CP-DEMO-001'),
      'the card saying nobody can chair CP-DEMO-001',
    );
    // Dev (on the staff list, free on Friday morning) is offered; Maria herself is busy then, and Sam is the one away.
    expect(cardText(card)).toContain('Make Dev Patel vice chair');
    expect(cardText(card)).not.toContain('Chair it yourself');
    expect(cardText(card)).not.toContain('Ellie May Carter');
    const answer = await teams.maria.press(card, 'chair.cover');
    expect(JSON.stringify(answer.value)).toContain('Dev Patel chairs core group 1');
    // Pressed again (a double tap): nothing changes.
    expect(JSON.stringify((await teams.maria.press(card, 'chair.cover')).value)).toContain('Already recorded');
    const work = (await asSam('GET', '/me/work')) as { cases: { caseId: string; reference: string }[] };
    const caseId = work.cases.find((c) => c.reference === 'CP-DEMO-001')!.caseId;
    const detail = (await asSam('GET', `/cases/${caseId}`)) as { members: { displayName: string; role: string }[] };
    expect(detail.members.filter((m) => m.displayName === 'Dev Patel')).toEqual([expect.objectContaining({ role: 'vice-chair' })]);
    // And he is invited: the meeting's invitation, updated, is mailed to him (a .eml in local mode).
    const outbox = path.join(dataDir, 'outbox');
    const invitation = () =>
      fs
        .readdirSync(outbox)
        .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
        .find((t) => t.includes('dev.patel@anytown.example') && t.includes('method=REQUEST'));
    expect(await eventually(invitation)).toBeDefined();
  }, 40_000);

  it('the chair writes and submits the minutes; the manager approves them on the card; the members and the parent receive them', async () => {
    clock.advance(DAY + 5 * 60 * MINUTE); // Friday 27 November, 14:00: the core group has been held.
    const work = (await asSam('GET', '/me/work')) as { cases: { caseId: string; reference: string }[] };
    const caseId = work.cases.find((c) => c.reference === 'CP-DEMO-001')!.caseId;
    const detail = (await asSam('GET', `/cases/${caseId}`)) as { meetings: { id: string; number: number }[] };
    const meeting = detail.meetings.find((m) => m.number === 1)!;
    await asSam('POST', `/meetings/${meeting.id}/held`, { heldOn: '2026-11-27', attendance: [] });
    const draft = (await asSam('POST', `/meetings/${meeting.id}/minutes`)) as { id: string; version: number };
    const edited = (await asSam('PUT', `/minutes/${draft.id}`, {
      expectedVersion: draft.version,
      sections: {
        attendance: 'All but school',
        agencyUpdates: 'Health visiting update received in writing.',
        childsVoice: 'Likes her new bedroom.',
        childsVoiceHowGathered: 'Home visit.',
        parentsViews: 'Agrees with the plan.',
        parentsViewsHowGathered: 'At the meeting.',
        planReview: 'On track.',
        nextMeeting: 'Within 20 working days',
      },
    })) as { version: number };
    await asSam('POST', `/minutes/${draft.id}/submission`, { expectedVersion: edited.version });

    const approval = await teams.maria.waitFor(
      (m) => m.conversationId === teams.maria.chat && cardText(m).includes(draft.id) && cardText(m).includes('minutes.approve'),
      'approval card',
    );
    expect(cardText(approval)).toContain('CP-DEMO-001');
    const decided = await teams.maria.press(approval, 'minutes.approve');
    expect(decided.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(decided.value)).toContain('Approved by Maria Lindqvist');
    // Pressing again (a double click, a retry) changes nothing.
    expect(JSON.stringify((await teams.maria.press(approval, 'minutes.approve')).value)).toContain('Approved by Maria Lindqvist');

    await teams.sam.waitFor((m) => cardText(m).includes('Minutes of core group 1 were approved') && cardText(m).includes('CP-DEMO-001'), 'decision notice');
    for (const who of ['priya', 'tom', 'maria'] as const) {
      const minutes = await teams[who].waitFor(
        (m) => m.conversationId === teams[who].chat && cardText(m).includes('Minutes of core group 1') && cardText(m).includes('CP-DEMO-001'),
        'minutes card',
      );
      expect(cardText(minutes)).toContain(draft.id);
    }
    // The parent is outside the tenant: the minutes go to them by mail (a .eml in local mode).
    const outbox = path.join(dataDir, 'outbox');
    const minutesMail = () =>
      fs
        .readdirSync(outbox)
        .map((f) => fs.readFileSync(path.join(outbox, f), 'utf8'))
        .find((t) => t.includes('alex.reed@mail.example') && t.includes('CP-DEMO-001') && /minutes/i.test(t));
    expect(await eventually(minutesMail)).toBeDefined();
  }, 60_000);
});
