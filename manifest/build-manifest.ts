/** What differs between deployments; nothing tenant-specific is written in the code. */
export interface ManifestSettings {
  /** The Teams app id (a GUID of your choosing, stable across versions). */
  readonly appId: string;
  /** The Azure Bot's Microsoft App ID. */
  readonly botId: string;
  /** The app's public host name, e.g. coregroups.anytown.gov.uk. */
  readonly host: string;
  /** The Entra app registration used for the tab's single sign-on. */
  readonly ssoClientId: string;
  readonly version: string;
}

export const MANIFEST_VERSION = '1.19';

/**
 * The Teams app manifest: the bot (personal, group chat, team), a personal static tab that also runs
 * in Outlook and the Microsoft 365 app, and single sign-on for the tab.
 */
export function buildManifest(s: ManifestSettings): Record<string, unknown> {
  const base = `https://${s.host}`;
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
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
          {
            scopes: ['personal', 'groupChat'],
            commands: [
              { title: 'help', description: 'What Core Groups can do' },
              { title: 'my core groups', description: 'Your cases, deadlines, updates owed and approvals waiting' },
              { title: 'status', description: 'status CASE-REF: where one case stands' },
              { title: 'schedule', description: 'schedule CASE-REF: the next compliant slots for its core group' },
            ],
          },
        ],
      },
    ],
    staticTabs: [
      { entityId: 'my-work', name: 'My work', contentUrl: `${base}/?inTeams=1#/`, websiteUrl: `${base}/#/`, scopes: ['personal'] },
      { entityId: 'about', scopes: ['personal'] },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [s.host],
    webApplicationInfo: { id: s.ssoClientId, resource: `api://${s.host}/${s.ssoClientId}` },
  };
}
