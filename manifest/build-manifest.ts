import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import { ACTIVITY_TYPES, BOT_COMMANDS, CommandScope, EXTENSION_ACTION_IDS, PAGES, TAB_ENTITY_IDS } from './declared';

/** What differs between deployments; nothing tenant-specific is written in the code. */
export interface ManifestSettings {
  /** The Teams app id (a GUID of your choosing, stable across versions). */
  readonly appId: string;
  /** The Azure Bot's Microsoft App ID. */
  readonly botId: string;
  /** Where people reach the app, https://, without a trailing slash (PUBLIC_BASE_URL). */
  readonly baseUrl: string;
  /** The Entra app registration used for single sign-on, Graph and activity notifications. */
  readonly ssoClientId: string;
  /** Its application ID URI, api://<host>/<client id> (TAB_APP_ID_URI). */
  readonly appIdUri: string;
  readonly version: string;
}

/** The newest generally available manifest schema that @microsoft/app-manifest carries. */
export const MANIFEST_VERSION = '1.30';
export const MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/**
 * The lowest Outlook API (Mailbox requirement set) the add-in asks for; a client without it does not
 * offer the add-in. The appointmentTimeChanged event needs 1.11; 1.13 lets the pane use everything
 * up to it without checking for each feature.
 */
export const OUTLOOK_MAILBOX_VERSION = '1.13';
/**
 * Ribbon buttons need 16, 32 and 80 pixels; the add-in's own icon 64, and its high-resolution icon
 * 80 (the schema allows no larger size, though add-in (XML) manifests recommend 128).
 */
export const OUTLOOK_ICON_SIZES = [16, 32, 64, 80] as const;

type Manifest = TeamsManifestV1D30.TeamsManifestV1D30;

/**
 * The app manifest (unified manifest for Microsoft 365): the bot (personal, group chat, team), a
 * personal tab that also runs in Outlook and the Microsoft 365 app, a group chat tab showing the
 * linked case, activity-feed notifications, single sign-on, and the Outlook add-in for the core group
 * meeting (a task pane for its organiser and attendees, and an event when its time is changed).
 */
export function buildManifest(s: ManifestSettings): Manifest {
  const base = s.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const icon = (size: number) => ({ size, url: `${base}${PAGES.outlookIcons}/icon-${size}.png` });
  const commands = (scope: CommandScope) =>
    BOT_COMMANDS.filter((c) => (c.scopes as readonly CommandScope[]).includes(scope)).map((c) => ({ title: c.title, description: c.description }));
  const paneButton = (id: string, actionId: string, label: string, description: string) => ({
    id,
    type: 'button' as const,
    label,
    icons: [icon(16), icon(32), icon(80)],
    supertip: { title: label, description },
    actionId,
  });
  const mailbox = { scopes: ['mail' as const], capabilities: [{ name: 'Mailbox', minVersion: OUTLOOK_MAILBOX_VERSION }] };

  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: MANIFEST_VERSION,
    version: s.version,
    id: s.appId,
    developer: { name: 'Core Groups', websiteUrl: base, privacyUrl: `${base}/privacy`, termsOfUseUrl: `${base}/terms` },
    name: { short: 'Core Groups', full: 'Core Groups: child protection core groups' },
    description: {
      short: 'Child protection core groups: book, report, minute, approve, on time.',
      full: 'Core Groups books each child protection core group in Outlook on the date the local procedure demands, posts agendas and update forms in Teams, gathers agency reports, and routes minutes through manager approval before circulating them. Cards carry the case reference and initials, never a child’s name.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#00787F',
    bots: [
      {
        botId: s.botId,
        scopes: ['personal', 'groupChat', 'team'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ['personal'], commands: commands('personal') },
          { scopes: ['groupChat'], commands: commands('groupChat') },
        ],
      },
    ],
    staticTabs: [
      { entityId: TAB_ENTITY_IDS.myWork, name: 'My work', contentUrl: `${base}/?inTeams=1#/`, websiteUrl: `${base}/#/`, scopes: ['personal'] },
      { entityId: TAB_ENTITY_IDS.about, scopes: ['personal'] },
    ],
    // A group chat (or a meeting's chat) adds a tab showing the case it is linked to; the
    // configuration page sets each instance's content address.
    configurableTabs: [
      {
        id: TAB_ENTITY_IDS.caseChat,
        configurationUrl: `${base}${PAGES.tabConfiguration}`,
        canUpdateConfiguration: true,
        scopes: ['groupChat'],
        context: ['privateChatTab', 'meetingChatTab'],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [host],
    webApplicationInfo: { id: s.ssoClientId, resource: s.appIdUri },
    authorization: {
      permissions: {
        // The Outlook add-in reads the open appointment and, for its organiser, writes to it. No
        // Teams resource-specific permission: activity-feed notifications use the app registration's
        // TeamsActivity.Send, because TeamsAppInstallation.ReadWriteSelfForUser.All (which installs
        // the app for members who have not) cannot install an app that asks for RSC consent
        // (docs/deploy.md).
        resourceSpecific: [{ name: 'MailboxItem.ReadWrite.User', type: 'Delegated' }],
      },
    },
    activities: {
      activityTypes: Object.values(ACTIVITY_TYPES).map((a) => ({ type: a.type, description: a.description, templateText: a.templateText })),
    },
    extensions: [
      {
        requirements: mailbox,
        runtimes: [
          {
            id: 'pane',
            type: 'general',
            code: { page: `${base}${PAGES.outlookPane}` },
            lifetime: 'short',
            actions: [
              { id: EXTENSION_ACTION_IDS.organizerPane, type: 'openPage', displayName: 'Core group' },
              { id: EXTENSION_ACTION_IDS.attendeePane, type: 'openPage', displayName: 'Core group (read only)' },
            ],
          },
          {
            id: 'events',
            type: 'general',
            code: { page: `${base}${PAGES.outlookEventsPage}`, script: `${base}${PAGES.outlookEventsScript}` },
            lifetime: 'short',
            actions: [{ id: EXTENSION_ACTION_IDS.appointmentTimeChanged, type: 'executeFunction', displayName: 'Check the new time against the deadline' }],
          },
        ],
        ribbons: [
          {
            contexts: ['meetingDetailsOrganizer'],
            tabs: [
              {
                builtInTabId: 'TabDefault',
                groups: [
                  {
                    id: 'coreGroupOrganizer',
                    label: 'Core Groups',
                    icons: [icon(16), icon(32), icon(80)],
                    controls: [
                      paneButton(
                        'coreGroupOrganizerButton',
                        EXTENSION_ACTION_IDS.organizerPane,
                        'Core group',
                        "Book this meeting as a case's core group and check its date against the procedure",
                      ),
                    ],
                  },
                ],
              },
            ],
          },
          {
            contexts: ['meetingDetailsAttendee'],
            tabs: [
              {
                builtInTabId: 'TabDefault',
                groups: [
                  {
                    id: 'coreGroupAttendee',
                    label: 'Core Groups',
                    icons: [icon(16), icon(32), icon(80)],
                    controls: [
                      paneButton(
                        'coreGroupAttendeeButton',
                        EXTENSION_ACTION_IDS.attendeePane,
                        'Core group',
                        'The core group this meeting is for: case, agenda and your update (read only)',
                      ),
                    ],
                  },
                ],
              },
            ],
          },
        ],
        // Runs when the organiser changes the meeting's date or time in the appointment form (not
        // when it is dragged in the calendar: Graph change notifications catch that, server-side).
        autoRunEvents: [{ requirements: mailbox, events: [{ type: 'appointmentTimeChanged', actionId: EXTENSION_ACTION_IDS.appointmentTimeChanged }] }],
        // The add-in's own icon; with it, the Microsoft 365 admin centre also generates an add-in
        // (XML) manifest for Outlook clients that do not read the unified manifest.
        alternates: [{ alternateIcons: { icon: icon(64), highResolutionIcon: icon(80) } }],
      },
    ],
  };
}
