import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import WebSocket from 'ws';
import { DEMO_PEOPLE, DemoPerson } from '../../src/server/demo-data';

const PLAYGROUND = require.resolve('@microsoft/m365agentsplayground/cli.js');
// The same tenant and bot as the committed .m365agentsplayground.yml.
const TENANT_ID = '0d000000-0000-4000-8000-0000000000aa';
export const BOT_ID = '0d000000-0000-4000-8000-0000000000bb';
/** The Playground people: the demo people who are in the tenant (the parent is not). */
export const TEAMS_PEOPLE = ['sam', 'maria', 'priya', 'tom', 'jo', 'ruth'] as const satisfies readonly DemoPerson[];
export type TeamsPerson = (typeof TEAMS_PEOPLE)[number];
export const GROUP_CHAT = 'group-chat-cp-demo-001';
/** Each other person's group chat; the school's is a mixed one, where someone from outside the case (OUTSIDER) reads along. */
export const groupChatOf = (who: TeamsPerson): string => `group-chat-of-${who}`;
/** Someone in the tenant who is on no case (a colleague from another team), in the school's group chat. */
export const OUTSIDER = {
  id: '0d000000-0000-4000-8000-0000000000cc',
  name: 'Casey Morgan',
  userPrincipleName: 'casey.morgan@anytown.example',
  aadObjectId: '0d000000-0000-4000-8000-0000000000cc',
  givenName: 'Casey',
  surname: 'Morgan',
  email: 'casey.morgan@anytown.example',
};

export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}
export interface Received {
  conversationId: string;
  message: PlaygroundMessage;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const userOf = (who: TeamsPerson) => {
  const p = DEMO_PEOPLE[who];
  const [givenName, surname] = p.displayName.split(' ');
  // Teams ids here are the Entra object ids: Teams accepts either when the bot opens a 1:1 chat, and
  // the Playground knows people only by the id in its config.
  return { id: p.entraObjectId, name: p.displayName, userPrincipleName: p.email, aadObjectId: p.entraObjectId, givenName, surname, email: p.email };
};

/** A Playground config (YAML is a superset of JSON) in which `who` is the person at the keyboard. */
function configFor(who: TeamsPerson): string {
  return JSON.stringify({
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: { id: BOT_ID, name: 'Core Groups' },
    currentUser: userOf(who),
    // Five others at most (this Playground did not start with six). In the school's Teams, Casey stands
    // in for Maria, who has a Playground of her own: the bot reaches Jo and Ruth (who have none) through
    // whichever Playground it heard from last, so each must still know them.
    users:
      who === 'tom' ? [...TEAMS_PEOPLE.filter((p) => p !== who && p !== 'maria').map(userOf), OUTSIDER] : TEAMS_PEOPLE.filter((p) => p !== who).map(userOf),
    personalChat: { id: `personal-chat-${who}` },
    groupChat: { id: who === 'sam' ? GROUP_CHAT : groupChatOf(who), name: 'Core group CP-DEMO-001' },
    team: {
      id: `team-of-${who}`,
      name: "Children's Services",
      aadGroupId: '0d000000-0000-4000-8000-000000000031',
      channels: [{ id: `channel-of-${who}`, name: 'Core groups' }],
    },
  });
}

/**
 * One person's Teams: a Microsoft 365 Agents Playground whose current user is them, talking to the
 * bot, driven through its HTTP interface, with what the bot sends read from its WebSocket. Each
 * person has their own (as each has their own Teams client); the bot keeps each one's chats apart.
 */
export class PersonalPlayground {
  readonly received: Received[] = [];
  /** What this person read and pressed, in words, written to test-artifacts/playground/<who>.txt to read after a run. */
  private readonly transcript: string[] = [];
  private process?: ChildProcess;
  private socket?: WebSocket;
  private base = '';
  private dir = '';
  private output = '';
  private exited?: string;
  /** `context` adds what else a failure should show (the server's errors, say). */
  constructor(
    readonly who: TeamsPerson,
    private readonly context: () => string = () => '',
  ) {}

  get chat(): string {
    return `personal-chat-${this.who}`;
  }
  get userId(): string {
    return DEMO_PEOPLE[this.who].entraObjectId;
  }

  async start(botUrl: string): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `cg-playground-${this.who}-`));
    fs.writeFileSync(path.join(this.dir, '.m365agentsplayground.yml'), configFor(this.who));
    const port = await freePort();
    this.process = spawn(process.execPath, [PLAYGROUND, '-e', botUrl, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
      cwd: this.dir,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The Playground exits on any uncaught error: keep the end of what it printed, to say why.
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4_000));
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.process.on('exit', (code, signal) => (this.exited ??= `${this.who}'s Playground exited (${signal ?? code})`));
    this.base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      // Ask who it plays: on a port another process took, a different Playground could answer.
      const config = await fetch(`${this.base}/_internal/v1/config`).then(
        (r) => (r.ok ? (r.json() as Promise<{ config?: { currentUser?: { id?: string } } }>) : undefined),
        () => undefined,
      );
      if (config?.config?.currentUser?.id === this.userId) break;
      if (this.exited || i === 150) throw new Error(`${this.who}'s Playground did not start on port ${port}: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    this.socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as { action?: string; actionConversationId?: string; message?: PlaygroundMessage };
      if (event.action === 'createMessage' && event.message) {
        this.received.push({ conversationId: event.actionConversationId ?? '', message: event.message });
        this.transcript.push(`— in ${event.actionConversationId ?? '?'}:\n${readable(event.message.attachments?.[0]?.content ?? event.message.text ?? '')}`);
      }
    });
    await new Promise((resolve) => this.socket?.once('open', resolve));
  }

  async stop(): Promise<void> {
    if (this.transcript.length) {
      fs.mkdirSync(TRANSCRIPTS, { recursive: true });
      fs.writeFileSync(path.join(TRANSCRIPTS, `${this.who}.txt`), `${this.transcript.join('\n\n')}\n`);
    }
    this.exited ??= 'stopped';
    this.socket?.close();
    this.process?.kill();
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Why this person's Teams cannot answer (it crashed), with what the Playground and the server said. */
  private failure(what: string): Error {
    const why = this.exited ? `${this.exited}; it printed: ${this.output.slice(-1_500)}` : '';
    return new Error([what, why, this.context()].filter(Boolean).join('\n'));
  }

  /** A request to this person's Playground; one that cannot reach it says why. */
  private async post(route: string, body: unknown): Promise<Response> {
    if (this.exited) throw this.failure(`cannot reach ${this.who}'s Playground`);
    try {
      return await fetch(`${this.base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (e) {
      throw this.failure(`cannot reach ${this.who}'s Playground: ${(e as Error).message}`);
    }
  }

  /** Types a message; in a group chat it @mentions the bot, as Teams requires. */
  async say(text: string, conversationId = this.chat): Promise<void> {
    const mention = '<at>Core Groups</at>';
    const body =
      conversationId === this.chat
        ? { from: { id: this.userId }, text, textFormat: 'plain' }
        : { from: { id: this.userId }, text: `${mention} ${text}`, textFormat: 'plain', mentions: [{ mentioned: { id: BOT_ID }, text: mention }] };
    this.transcript.push(`» said "${text}" in ${conversationId}`);
    const res = await this.post(`/_conversation/v1/conversations/${conversationId}/messages`, body);
    if (res.status !== 200) throw this.failure(`the Playground refused ${this.who}'s message: ${res.status} ${await res.text()}`);
  }

  /**
   * Presses an Action.Execute button on a card the bot sent (with the card's inputs as filled in).
   * The Playground hands back the bot's answer without its statusCode: the type says what it is.
   */
  async press(received: Received, verb: string, inputs: Record<string, unknown> = {}): Promise<{ type: string; value: unknown }> {
    const action = findAction(received.message.attachments?.[0]?.content, verb);
    if (!action) throw new Error(`the card has no ${verb} button`);
    const res = await this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...action.data, ...inputs } }, trigger: 'manual' },
      from: { id: this.userId },
      conversation: { id: received.conversationId },
      replyToId: received.message.messageId,
    });
    if (res.status !== 200) throw this.failure(`the Playground refused ${this.who}'s ${verb}: ${res.status} ${await res.text()}`);
    const answer = (await res.json()) as { type: string; value: unknown };
    this.transcript.push(
      `» pressed ${verb}${Object.keys(inputs).length ? ` with ${JSON.stringify(inputs)}` : ''}; the bot answered:\n${readable(answer.value)}`,
    );
    return answer;
  }

  /** Waits for a message the bot sent this person that passes `test`. */
  async waitFor(test: (m: Received) => boolean, what: string, timeoutMs = 20_000): Promise<Received> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && !this.exited) {
      const found = this.received.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const found = this.received.find(test);
    if (found) return found;
    throw this.failure(`${this.who} received no ${what} in ${timeoutMs / 1000} s; got ${this.received.map((r) => cardText(r).slice(0, 80)).join(' | ')}`);
  }
}

/** Asks `probe` every 200 ms until it answers (or 20 s pass); its last answer, which may be undefined. */
export async function eventually<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  let answer = probe();
  while (answer === undefined && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    answer = probe();
  }
  return answer;
}

const TRANSCRIPTS = path.resolve(__dirname, '../../test-artifacts/playground');

/**
 * A card as a person reads it: its words, facts, inputs and buttons, one per line (a refusal's
 * message too), without the JSON around them.
 */
export function readable(node: unknown, depth = 0): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node))
    return node
      .map((n) => readable(n, depth))
      .filter(Boolean)
      .join('\n');
  if (!node || typeof node !== 'object') return '';
  const r = node as Record<string, unknown>;
  const pad = '  '.repeat(Math.min(depth, 3));
  switch (r.type) {
    case 'TextBlock':
      return `${pad}${String(r.text)}`;
    case 'FactSet':
      return (r.facts as { title: string; value: string }[]).map((f) => `${pad}${f.title}: ${f.value}`).join('\n');
    case 'Action.Execute':
    case 'Action.OpenUrl':
    case 'Action.Submit':
      return `${pad}[${String(r.title)}]`;
    case 'Input.Text':
    case 'Input.Number':
    case 'Input.Date':
    case 'Input.Toggle':
      return `${pad}<${String(r.label ?? r.title ?? r.placeholder ?? 'input')}${r.value !== undefined ? ` = ${String(r.value)}` : ''}>`;
    case 'Input.ChoiceSet':
      return `${pad}<${String(r.label ?? 'choose')}: ${(r.choices as { title: string }[]).map((c) => c.title).join(' | ')}${r.value !== undefined ? ` = ${String(r.value)}` : ''}>`;
  }
  const parts = ['body', 'items', 'columns', 'actions', 'card', 'value', 'attachments', 'content', 'message']
    .filter((k) => k in r)
    .map((k) => readable(r[k], r.type === 'AdaptiveCard' ? depth : depth + (r.type ? 1 : 0)));
  return parts.filter(Boolean).join('\n');
}

/** The ids of a card's inputs, in order (to answer each as a person would). */
export function inputIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(inputIds);
  if (!node || typeof node !== 'object') return [];
  const r = node as Record<string, unknown>;
  const own = typeof r.type === 'string' && r.type.startsWith('Input.') && typeof r.id === 'string' ? [r.id] : [];
  return [...own, ...Object.values(r).flatMap(inputIds)];
}

/** The text of a message's card, to search. */
export const cardText = (m: Received): string => JSON.stringify(m.message.attachments?.[0]?.content ?? m.message.text ?? '');

/** The Action.Execute with this verb, wherever it sits in the card. */
export function findAction(node: unknown, verb: string): { verb: string; data: Record<string, unknown> } | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findAction(n, verb);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.type === 'Action.Execute' && record.verb === verb) return { verb, data: (record.data ?? {}) as Record<string, unknown> };
  for (const value of Object.values(record)) {
    const found = findAction(value, verb);
    if (found) return found;
  }
  return undefined;
}
