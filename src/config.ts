import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting, read once from the environment at start-up and checked, with one error listing
 * every problem by variable name. Nothing else in the code reads process.env.
 *
 * Mode is said, never inferred (CORE_GROUPS_MODE, default local): a deployment that forgot one
 * setting must not quietly come up with SQLite, dev sign-in and unsigned bot traffic. Local mode
 * (embedded SQLite, embedded calendar, file mailer, bot without an app id, dev sign-in) refuses a
 * non-loopback host, an https public URL and any production setting, so it cannot be reached or
 * mistaken for a deployment; production requires every one of its settings and refuses dev sign-in.
 */
export type Mode = 'local' | 'production';

export interface WorkingHours {
  readonly start: string;
  readonly end: string;
}

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  /** Where people reach the app (links in cards, mails and calendar invites). */
  readonly publicBaseUrl: string;
  readonly dataDir: string;
  /** Where the built tab is, when not in the default place beside the built server. */
  readonly tabDir?: string;
  /** How many proxies in front of the server to believe about the caller's address (X-Forwarded-For); 0: none. */
  readonly trustProxy: number;
  /** The share of Teams' per-tenant send limit this instance paces to (TEAMS_SEND_SHARE; 1 alone, 0.5 each for two). */
  readonly teamsSendShare: number;
  readonly store: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string; readonly ownerUrl: string };
  readonly devSignIn: boolean;
  /** Cards and invites carry initials; a council may choose to show names only in the tab (default). */
  readonly childNameOnCards: boolean;
  readonly timeZone: 'Europe/London';
  readonly workingHours: WorkingHours;
  readonly meetingMinutes: number;
  /** The council office's address, shown where a core group is held at the office. */
  readonly officeAddress?: string;
  /** How long an outbox claim lasts before another worker presumes its process dead and takes the message over. */
  readonly outboxLeaseMs: number;
  /** Card actions run in a thread of their own (CARD_ACTION_THREAD, on in production by default), beside the HTTP work: see src/server/card-action-thread.ts. */
  readonly cardActionThread: boolean;
  readonly bot?: { readonly appId: string; readonly appPassword: string; readonly tenantId: string; readonly appType: 'SingleTenant' | 'MultiTenant' };
  readonly entra?: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret?: string;
    readonly certificatePath?: string;
    readonly certificateThumbprint?: string;
    /** Audience of the tab's SSO tokens, e.g. api://coregroups.example.gov.uk/<client id>. */
    readonly tabAudience: string;
    readonly graphBaseUrl: string;
    readonly authorityHost: string;
    /** The clientState Graph echoes in change notifications, proving they came from our subscription. */
    readonly notificationSecret: string;
    /** The app's id in the organisation's Teams app catalogue, to install it for members who have not. */
    readonly teamsAppCatalogId?: string;
    /** The app manifest's id (TEAMS_APP_ID): activity-feed notifications deep-link into its tab. */
    readonly teamsAppId: string;
  };
  /** The shared mailbox (or chair's) that sends minutes to people outside Teams. */
  readonly mailFrom?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Core Groups cannot start: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const PRODUCTION_KEYS = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TENANT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'TAB_APP_ID_URI',
  'GRAPH_NOTIFICATION_SECRET',
  'TEAMS_APP_CATALOG_ID',
  'TEAMS_APP_ID',
] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Local mode's office, as invented as its people. */
export const DEMO_OFFICE_ADDRESS = 'Civic Centre, Market Square, Anytown AN1 1AA';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const Env = z.object({
  CORE_GROUPS_MODE: z.enum(['local', 'production'], { error: 'must be local or production' }).default('local'),
  // 0 asks the system for any free port (tests).
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  HOST: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  TAB_DIR: z.string().min(1).optional(),
  // Behind a load balancer or App Service front end, 1: the caller's address is the one it forwards (failed sign-ins count by address).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // Instances sending cards for the same tenant: each paces to this share of Teams' per-tenant limit (0.5 for two).
  TEAMS_SEND_SHARE: z.coerce.number().gt(0).max(1).default(1),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DEV_SIGN_IN: z.enum(['0', '1', 'true', 'false']).optional(),
  CHILD_NAME_ON_CARDS: z.enum(['0', '1', 'true', 'false']).default('false'),
  WORKING_HOURS: z
    .string()
    .regex(/^\d\d:\d\d-\d\d:\d\d$/, 'must look like 09:30-16:30')
    .refine(
      (v) => v.split('-').every((t) => TIME.test(t)) && (v.split('-')[0] as string) < (v.split('-')[1] as string),
      'must be two times of day, the first earlier',
    )
    .default('09:30-16:30'),
  OFFICE_ADDRESS: z.string().trim().min(5, 'must be the office’s address, as a visitor would find it').max(200).optional(),
  MEETING_MINUTES: z.coerce.number().int().min(15).max(480).default(90),
  // A killed instance's claims wait this long before another takes them over; shorter delivers sooner
  // after a crash, but a send slower than it (renewed every third of it) would be taken over.
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(3).max(3_600).default(120),
  // Card actions run beside the HTTP work rather than holding it up: on in production unless turned off.
  CARD_ACTION_THREAD: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  MICROSOFT_APP_ID: z.uuid().optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.uuid().optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant']).default('SingleTenant'),
  AZURE_TENANT_ID: z.uuid().optional(),
  AZURE_CLIENT_ID: z.uuid().optional(),
  AZURE_CLIENT_SECRET: z.string().min(1).optional(),
  AZURE_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  AZURE_CLIENT_CERTIFICATE_THUMBPRINT: z
    .string()
    .regex(/^[0-9A-Fa-f]{40}$/, 'must be the 40-hex-digit SHA-1 thumbprint')
    .optional(),
  TAB_APP_ID_URI: z
    .string()
    .regex(/^api:\/\//, 'must be the application ID URI, api://…')
    .optional(),
  GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
  AUTHORITY_HOST: z.url({ protocol: /^https?$/ }).default('https://login.microsoftonline.com'),
  MAIL_FROM: z.email().optional(),
  GRAPH_NOTIFICATION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TEAMS_APP_CATALOG_ID: z.string().min(1).optional(),
  TEAMS_APP_ID: z.uuid('must be the app manifest’s id (a GUID)').optional(),
});

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true';

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const mode: Mode = e.CORE_GROUPS_MODE;
  const problems: string[] = [];
  const devSignIn = mode === 'local' ? e.DEV_SIGN_IN === undefined || truthy(e.DEV_SIGN_IN) : truthy(e.DEV_SIGN_IN);
  const [start, end] = e.WORKING_HOURS.split('-') as [string, string];
  const base = {
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    ...(e.TAB_DIR ? { tabDir: path.resolve(e.TAB_DIR) } : {}),
    trustProxy: e.TRUST_PROXY,
    teamsSendShare: e.TEAMS_SEND_SHARE,
    childNameOnCards: truthy(e.CHILD_NAME_ON_CARDS),
    timeZone: 'Europe/London' as const,
    workingHours: { start, end },
    meetingMinutes: e.MEETING_MINUTES,
    ...(e.OFFICE_ADDRESS ? { officeAddress: e.OFFICE_ADDRESS } : {}),
    outboxLeaseMs: e.OUTBOX_LEASE_SECONDS * 1000,
    cardActionThread: (e.CARD_ACTION_THREAD ?? (mode === 'production' ? 'on' : 'off')) === 'on',
    ...(e.MAIL_FROM ? { mailFrom: e.MAIL_FROM } : {}),
  };

  if (mode === 'local') {
    const host = e.HOST ?? '127.0.0.1';
    // Each of these means someone is deploying: stop, rather than serve a council's records with dev sign-in.
    const present = PRODUCTION_KEYS.filter((k) => env[k] !== undefined && env[k] !== '');
    if (present.length)
      problems.push(
        `CORE_GROUPS_MODE: ${present.join(', ')} ${present.length === 1 ? 'is a production setting' : 'are production settings'}; set CORE_GROUPS_MODE=production, or remove ${present.length === 1 ? 'it' : 'them'} for local mode`,
      );
    if (!LOOPBACK.has(host))
      problems.push(
        `HOST: local mode listens on this computer only (127.0.0.1); ${host} would let others reach its dev sign-in. Set CORE_GROUPS_MODE=production to serve a network`,
      );
    if (e.PUBLIC_BASE_URL?.startsWith('https://'))
      problems.push('PUBLIC_BASE_URL: an https address means a deployment; local mode serves http://127.0.0.1 only. Set CORE_GROUPS_MODE=production');
    if (problems.length) throw new ConfigError(problems);
    return {
      ...base,
      mode,
      host,
      publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://${host === '::1' ? '[::1]' : host}:${e.PORT}`,
      store: { kind: 'sqlite', file: path.join(path.resolve(e.DATA_DIR), 'core-groups.sqlite') },
      devSignIn,
      // The demo council's invented office, unless one is given.
      officeAddress: e.OFFICE_ADDRESS ?? DEMO_OFFICE_ADDRESS,
    };
  }

  // Production: a half-configured deployment must not start, and never with dev sign-in.
  if (devSignIn) problems.push('DEV_SIGN_IN: dev sign-in is for local mode only and is refused in production');
  const need = (key: keyof typeof e & string, value: unknown) => {
    if (value === undefined || value === '') problems.push(`${key}: required in production`);
  };
  need('DATABASE_URL', e.DATABASE_URL);
  need('DATABASE_OWNER_URL', e.DATABASE_OWNER_URL);
  if (e.DATABASE_URL && e.DATABASE_URL === e.DATABASE_OWNER_URL)
    problems.push("DATABASE_OWNER_URL: must be a different role from DATABASE_URL's: the app's own role may only add to and read the audit trail");
  need('PUBLIC_BASE_URL', e.PUBLIC_BASE_URL);
  need('MICROSOFT_APP_ID', e.MICROSOFT_APP_ID);
  need('MICROSOFT_APP_PASSWORD', e.MICROSOFT_APP_PASSWORD);
  need('AZURE_TENANT_ID', e.AZURE_TENANT_ID);
  need('AZURE_CLIENT_ID', e.AZURE_CLIENT_ID);
  need('TAB_APP_ID_URI', e.TAB_APP_ID_URI);
  need('MAIL_FROM', e.MAIL_FROM);
  need('GRAPH_NOTIFICATION_SECRET', e.GRAPH_NOTIFICATION_SECRET);
  need('TEAMS_APP_ID', e.TEAMS_APP_ID);
  // Invitations to core groups at the office must say where it is: families and most agencies have never been.
  need('OFFICE_ADDRESS', e.OFFICE_ADDRESS);
  if (!e.AZURE_CLIENT_SECRET && !e.AZURE_CLIENT_CERTIFICATE_PATH) {
    problems.push('AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required in production');
  }
  if (e.AZURE_CLIENT_CERTIFICATE_PATH && !e.AZURE_CLIENT_CERTIFICATE_THUMBPRINT) {
    problems.push('AZURE_CLIENT_CERTIFICATE_THUMBPRINT: required with AZURE_CLIENT_CERTIFICATE_PATH');
  }
  if (e.PUBLIC_BASE_URL && !e.PUBLIC_BASE_URL.startsWith('https://')) problems.push('PUBLIC_BASE_URL: must be https:// in production');
  if (problems.length) throw new ConfigError(problems);

  return {
    ...base,
    mode,
    host: e.HOST ?? '0.0.0.0',
    publicBaseUrl: e.PUBLIC_BASE_URL as string,
    store: { kind: 'postgres', url: e.DATABASE_URL as string, ownerUrl: e.DATABASE_OWNER_URL as string },
    devSignIn: false,
    bot: {
      appId: e.MICROSOFT_APP_ID as string,
      appPassword: e.MICROSOFT_APP_PASSWORD as string,
      tenantId: e.MICROSOFT_APP_TENANT_ID ?? (e.AZURE_TENANT_ID as string),
      appType: e.MICROSOFT_APP_TYPE,
    },
    entra: {
      tenantId: e.AZURE_TENANT_ID as string,
      clientId: e.AZURE_CLIENT_ID as string,
      ...(e.AZURE_CLIENT_SECRET ? { clientSecret: e.AZURE_CLIENT_SECRET } : {}),
      ...(e.AZURE_CLIENT_CERTIFICATE_PATH ? { certificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH } : {}),
      ...(e.AZURE_CLIENT_CERTIFICATE_THUMBPRINT ? { certificateThumbprint: e.AZURE_CLIENT_CERTIFICATE_THUMBPRINT } : {}),
      tabAudience: e.TAB_APP_ID_URI as string,
      graphBaseUrl: e.GRAPH_BASE_URL,
      authorityHost: e.AUTHORITY_HOST,
      notificationSecret: e.GRAPH_NOTIFICATION_SECRET as string,
      ...(e.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID } : {}),
      teamsAppId: e.TEAMS_APP_ID as string,
    },
  };
}
