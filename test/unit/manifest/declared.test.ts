import fs from 'node:fs';
import path from 'node:path';
import { Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { CoreGroupsBot } from '../../../bot/core-groups-bot';
import { AppContext } from '../../../src/app/context';
import { buildManifest } from '../../../manifest/build-manifest';
import { ACTIVITY_TYPES, activityNotification, BOT_COMMANDS, EXTENSION_ACTION_IDS, PAGES, TAB_ENTITY_IDS } from '../../../manifest/declared';
import { SETTINGS } from './fixture';
import { openStore } from '../../../src/adapters/store/open-store';
import { builtInRegistry } from '../../../src/domain/policy';
import { fixedClock } from '../../../src/ports/clock';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = buildManifest(SETTINGS);
const declaredWords = BOT_COMMANDS.flatMap((c) => [c.title, ...('aliases' in c ? c.aliases : [])]);

/**
 * The commands the bot parses: the keys of its core's typed command records (every key has a
 * handler, or the core does not compile), read from a constructed bot.
 */
function parsedByTheBot(): { caseCommands: string[]; exactWords: string[] } {
  const bot = new CoreGroupsBot({ ctx: {} as AppContext, links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` } });
  return { caseCommands: Object.keys(bot.core.caseCommands), exactWords: Object.keys(bot.core.wordCommands) };
}

/** What the bot answers when `text` is said to it 1:1 by someone Teams did not name (an empty store: they are on no case). */
async function reply(text: string): Promise<string> {
  const ctx: AppContext = {
    store: await openStore({ kind: 'sqlite', file: ':memory:' }),
    clock: fixedClock('2027-01-04T09:00:00.000Z'),
    profiles: builtInRegistry,
  };
  const bot = new CoreGroupsBot({ ctx, links: { caseUrl: (id) => `#/cases/${id}`, minutesUrl: (id) => `#/minutes/${id}` } });
  const adapter = new TestAdapter((c) => bot.run(c));
  await adapter.processActivity({
    type: ActivityTypes.Message,
    text,
    from: { id: '29:x', name: 'Someone' },
    conversation: { id: 'a:1', name: '', isGroup: false, conversationType: 'personal' },
  } as Partial<Activity>);
  await ctx.store.close();
  // A first message is welcomed first; the answer is the last reply.
  const last = adapter.activeQueue.at(-1);
  return last ? `${last.text ?? ''} ${JSON.stringify(last.attachments ?? [])}` : '';
}
const NOT_UNDERSTOOD = 'I did not understand';

describe('the bot commands the manifest declares', () => {
  it('include every command the bot parses, and nothing else', () => {
    const { caseCommands, exactWords } = parsedByTheBot();
    // Both readings found something (today: status, concern, link, schedule; help, my core groups, my work).
    expect(caseCommands).toContain('status');
    expect(exactWords).toContain('help');
    expect([...caseCommands, ...exactWords].sort()).toEqual([...declaredWords].sort());
    // The case commands are declared as taking a case reference, the others as not.
    for (const c of BOT_COMMANDS) expect(c.usage).toBe(caseCommands.includes(c.title) ? `${c.title} CASE-REF` : c.title);
  });

  it('are each answered by the bot, not met with "I did not understand"', async () => {
    expect(await reply('frobnicate CP-1')).toContain(NOT_UNDERSTOOD);
    for (const c of BOT_COMMANDS) {
      for (const word of [c.title, ...('aliases' in c ? c.aliases : [])]) {
        const said = c.usage.replace(c.title, word).replace('CASE-REF', 'CP-2026-0042');
        expect([said, await reply(said)]).toEqual([said, expect.not.stringContaining(NOT_UNDERSTOOD)]);
      }
    }
  });

  it('are in the command list of each scope they are offered in, and only there', () => {
    const lists = manifest.bots?.[0]?.commandLists ?? [];
    for (const scope of ['personal', 'groupChat'] as const) {
      const listed = lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
      expect(listed).toEqual(BOT_COMMANDS.filter((c) => (c.scopes as readonly string[]).includes(scope)).map((c) => c.title));
    }
    expect(lists.flatMap((l) => l.commands.map((c) => c.title)).sort()).toEqual(expect.arrayContaining(BOT_COMMANDS.map((c) => c.title)));
    // link is refused outside a group chat; a caseload and a concern are not for a whole chat to read.
    expect(BOT_COMMANDS.find((c) => c.title === 'link')?.scopes).toEqual(['groupChat']);
    for (const title of ['my core groups', 'concern']) expect(BOT_COMMANDS.find((c) => c.title === title)?.scopes).toEqual(['personal']);
  });
});

describe('the other ids the manifest declares', () => {
  it('has a tab for each tab entity id', () => {
    expect([...(manifest.staticTabs ?? []).map((t) => t.entityId), ...(manifest.configurableTabs ?? []).map((t) => t.id)].sort()).toEqual(
      Object.values(TAB_ENTITY_IDS).sort(),
    );
  });

  it('has each Outlook action id in a runtime, and every button and event points at one', () => {
    const ext = manifest.extensions?.[0];
    const actions = (ext?.runtimes ?? []).flatMap((r) => (r.actions ?? []).map((a) => a.id));
    expect(actions.sort()).toEqual(Object.values(EXTENSION_ACTION_IDS).sort());
    const used = [
      ...(ext?.ribbons ?? []).flatMap((r) => r.tabs.flatMap((t) => (t.groups ?? []).flatMap((g) => (g.controls ?? []).map((c) => c.actionId)))),
      ...(ext?.autoRunEvents ?? []).flatMap((e) => e.events.map((ev) => ev.actionId)),
    ];
    expect(used.every((id) => id !== undefined && actions.includes(id))).toBe(true);
    expect(JSON.stringify(ext)).toContain(`${SETTINGS.baseUrl}${PAGES.outlookPane}`);
  });

  it('has each activity type, its template naming exactly the parameters a notification carries', () => {
    expect(manifest.activities?.activityTypes?.map((a) => a.type)).toEqual(Object.values(ACTIVITY_TYPES).map((a) => a.type));
    for (const a of Object.values(ACTIVITY_TYPES)) {
      expect([...a.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1])).toEqual([...a.templateParameters]);
      expect(a.templateText.length).toBeLessThanOrEqual(128);
    }
    expect(ACTIVITY_TYPES.minutesAwaitingApproval.templateText).toBe('Minutes of {caseRef} core group {number} are waiting for your approval');
    expect(activityNotification('minutesAwaitingApproval', { caseRef: 'CP-2026-0042', number: '2' })).toEqual({
      activityType: 'minutesAwaitingApproval',
      templateParameters: [
        { name: 'caseRef', value: 'CP-2026-0042' },
        { name: 'number', value: '2' },
      ],
    });
  });
});

/**
 * Ids the code refers to by literal, wherever it is: an Outlook handler registered with
 * Office.actions.associate, an activity type sent to Graph, a tab deep link. None may be undeclared.
 */
describe('the ids the code uses', () => {
  const FOLDERS = ['src', 'bot', 'tab'];
  function* files(dir: string): Generator<string> {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist'].includes(entry.name)) yield* files(full);
      } else if (/\.(ts|tsx|js|mjs|html)$/.test(entry.name)) yield full;
    }
  }
  const PATTERNS = {
    action: /Office\.actions\.associate\(\s*['"`]([^'"`]+)['"`]/g,
    activityType: /activityType['"]?\s*:\s*['"`]([^'"`]+)['"`]/g,
    entity: /\/l\/entity\/[^/'"`\s]+\/([A-Za-z0-9_-]+)/g,
  };
  const find = (text: string) =>
    Object.fromEntries(Object.entries(PATTERNS).map(([k, re]) => [k, [...text.matchAll(re)].map((m) => m[1]!)])) as Record<keyof typeof PATTERNS, string[]>;

  it('finds each kind of use (the patterns work)', () => {
    expect(
      find(
        "Office.actions.associate('onAppointmentTimeChanged', h); const body = { activityType: 'minutesReturned' }; const url = `https://teams.microsoft.com/l/entity/${appId}/my-work?context=x`;",
      ),
    ).toEqual({
      action: ['onAppointmentTimeChanged'],
      activityType: ['minutesReturned'],
      entity: ['my-work'],
    });
  });

  it('declares every id the code uses', () => {
    const used = { action: new Map<string, string>(), activityType: new Map<string, string>(), entity: new Map<string, string>() };
    for (const folder of FOLDERS) {
      for (const file of files(path.join(ROOT, folder))) {
        const found = find(fs.readFileSync(file, 'utf8'));
        for (const k of Object.keys(used) as (keyof typeof used)[]) for (const id of found[k]) used[k].set(id, path.relative(ROOT, file));
      }
    }
    const undeclared = [
      ...[...used.action].filter(([id]) => !(Object.values(EXTENSION_ACTION_IDS) as string[]).includes(id)),
      ...[...used.activityType].filter(([id]) => !Object.values(ACTIVITY_TYPES).some((a) => a.type === id)),
      ...[...used.entity].filter(([id]) => !(Object.values(TAB_ENTITY_IDS) as string[]).includes(id)),
    ].map(([id, file]) => `${id} (${file})`);
    expect(undeclared).toEqual([]);
  });
});
