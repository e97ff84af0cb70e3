/**
 * What the app package declares that code elsewhere refers to by name: the bot's chat commands, the
 * tabs' entity ids, the Outlook add-in's action ids and pages, and the activity-feed notification
 * types. The manifest is built from these lists (build-manifest.ts) and the manifest test checks
 * the code against them, so a command the bot answers, or an id the code uses, cannot be missing
 * from the package. Plain data with no imports: any layer may import it.
 */

export type CommandScope = 'personal' | 'groupChat';

export interface BotCommand {
  /** The word(s) the bot parses, as Teams shows and inserts them. */
  readonly title: string;
  /** How it is typed in full: CASE-REF stands for a case reference. */
  readonly usage: string;
  readonly description: string;
  /** The command lists it is offered in. */
  readonly scopes: readonly CommandScope[];
  /** Other words the bot accepts for it; not offered in the manifest. */
  readonly aliases?: readonly string[];
}

/**
 * Every command the bot answers (bot/core/commands.ts). Offered in a group chat only where the
 * answer is fit for everyone in the chat to read: `my core groups` lists a person's whole caseload
 * and `concern` opens a form for raising a concern or recording dissent, so both are personal only;
 * `link` works only in a group chat.
 */
export const BOT_COMMANDS = [
  { title: 'help', usage: 'help', description: 'What Core Groups can do', scopes: ['personal', 'groupChat'] },
  {
    title: 'my core groups',
    usage: 'my core groups',
    description: 'Your cases, their next deadline, the updates you owe and approvals waiting for you',
    scopes: ['personal'],
    aliases: ['my work'],
  },
  { title: 'status', usage: 'status CASE-REF', description: 'status CASE-REF: where one case stands', scopes: ['personal', 'groupChat'] },
  {
    title: 'schedule',
    usage: 'schedule CASE-REF',
    description: 'schedule CASE-REF: compliant times for its next core group; pick one to book it',
    scopes: ['personal', 'groupChat'],
  },
  {
    title: 'concern',
    usage: 'concern CASE-REF',
    description: 'concern CASE-REF: raise a concern, request an early review conference, or record dissent',
    scopes: ['personal'],
  },
  {
    title: 'link',
    usage: 'link CASE-REF',
    description: "link CASE-REF: make this chat the case's core group chat (its agendas are posted here)",
    scopes: ['groupChat'],
  },
] as const satisfies readonly BotCommand[];

export type BotCommandTitle = (typeof BOT_COMMANDS)[number]['title'];

/**
 * Tab entity ids, for deep links (https://teams.microsoft.com/l/entity/<TEAMS_APP_ID>/<entity id>)
 * and for telling tabs apart in TeamsJS's context. `caseChat` is the configurable tab's manifest id;
 * its configuration page chooses each instance's own entityId and contentUrl when it is added.
 */
export const TAB_ENTITY_IDS = {
  myWork: 'my-work',
  about: 'about',
  caseChat: 'case-chat',
} as const;

export type TabEntityId = (typeof TAB_ENTITY_IDS)[keyof typeof TAB_ENTITY_IDS];

/** Paths under PUBLIC_BASE_URL that the configurable tab and the Outlook add-in load. */
export const PAGES = {
  /** The configurable tab's configuration page (a group chat's "add a tab"). */
  tabConfiguration: '/configure',
  /** The Outlook task pane: the organiser's and the attendee's (read-only) view of a core group. */
  outlookPane: '/outlook/pane.html',
  /**
   * The event runtime: an HTML page for Outlook on the web, new Outlook and Mac, and a plain script
   * for classic Outlook on Windows (which runs event handlers in a JavaScript-only runtime). Each
   * calls Office.actions.associate for the action ids below.
   */
  outlookEventsPage: '/outlook/events.html',
  outlookEventsScript: '/outlook/events.js',
  /** Ribbon and add-in icons (Outlook wants absolute URLs), icon-<size>.png. */
  outlookIcons: '/outlook/icons',
} as const;

/**
 * The Outlook add-in's action ids (extensions[0].runtimes[].actions[].id). Both panes open the one
 * page; it tells the organiser from an attendee by the item's mode (compose for the organiser,
 * read for an attendee). The event handler must be registered under its id with
 * Office.actions.associate and call event.completed().
 */
export const EXTENSION_ACTION_IDS = {
  organizerPane: 'openOrganizerPane',
  attendeePane: 'openAttendeePane',
  appointmentTimeChanged: 'onAppointmentTimeChanged',
} as const;

export type ExtensionActionId = (typeof EXTENSION_ACTION_IDS)[keyof typeof EXTENSION_ACTION_IDS];

export interface ActivityTypeDeclaration {
  readonly type: string;
  readonly description: string;
  /** What Teams shows; {name} is filled from the notification's templateParameters. */
  readonly templateText: string;
  /** The templateParameters every notification of this type must carry, by name. */
  readonly templateParameters: readonly string[];
}

/**
 * Activity-feed notification types (Graph sendActivityNotification's activityType). They carry the
 * case reference, never the child's name.
 */
export const ACTIVITY_TYPES = {
  minutesAwaitingApproval: {
    type: 'minutesAwaitingApproval',
    description: 'Minutes of a core group are waiting for your approval',
    templateText: 'Minutes of {caseRef} core group {number} are waiting for your approval',
    templateParameters: ['caseRef', 'number'],
  },
  minutesReturned: {
    type: 'minutesReturned',
    description: 'Minutes you wrote were returned with comments',
    templateText: 'Minutes of {caseRef} core group {number} were returned with comments',
    templateParameters: ['caseRef', 'number'],
  },
  coreGroupBookedLate: {
    type: 'coreGroupBookedLate',
    description: "A core group was booked after the procedure's deadline",
    templateText: '{caseRef} core group {number} is booked for {date}, after its deadline of {due}',
    templateParameters: ['caseRef', 'number', 'date', 'due'],
  },
} as const satisfies Record<string, ActivityTypeDeclaration>;

export type ActivityTypeKey = keyof typeof ACTIVITY_TYPES;
export type ActivityTypeName = (typeof ACTIVITY_TYPES)[ActivityTypeKey]['type'];

/**
 * The activityType and templateParameters of one notification, as Graph's sendActivityNotification
 * takes them; the compiler insists on every parameter the type's template names.
 */
export function activityNotification<K extends ActivityTypeKey>(
  kind: K,
  parameters: Readonly<Record<(typeof ACTIVITY_TYPES)[K]['templateParameters'][number], string>>,
): { activityType: (typeof ACTIVITY_TYPES)[K]['type']; templateParameters: { name: string; value: string }[] } {
  const declared = ACTIVITY_TYPES[kind];
  const values = parameters as Readonly<Record<string, string>>;
  return { activityType: declared.type, templateParameters: declared.templateParameters.map((name: string) => ({ name, value: values[name] ?? '' })) };
}
