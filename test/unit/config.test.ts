import { ConfigError, loadConfig } from '../../src/config';
import { catchError } from '../support/catch-error';

const production = {
  CORE_GROUPS_MODE: 'production',
  DATABASE_URL: 'postgres://app@db.internal/core_groups',
  DATABASE_OWNER_URL: 'postgres://owner@db.internal/core_groups',
  PUBLIC_BASE_URL: 'https://coregroups.example.gov.uk',
  MICROSOFT_APP_ID: '11111111-1111-4111-8111-111111111111',
  MICROSOFT_APP_PASSWORD: 'bot-secret',
  AZURE_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  AZURE_CLIENT_SECRET: 'graph-secret',
  TAB_APP_ID_URI: 'api://coregroups.example.gov.uk/33333333-3333-4333-8333-333333333333',
  MAIL_FROM: 'core-groups@example.gov.uk',
  GRAPH_NOTIFICATION_SECRET: 'a-long-random-secret-of-at-least-32-characters',
  TEAMS_APP_ID: '44444444-4444-4444-8444-444444444444',
  OFFICE_ADDRESS: 'County Hall, 2 Bridge Street, Exampleton EX1 2AB',
};

describe('configuration', () => {
  it('runs in local mode with no settings: SQLite under ./data, dev sign-in, loopback only', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local');
    expect(config.store).toMatchObject({ kind: 'sqlite', file: expect.stringMatching(/data\/core-groups\.sqlite$/) });
    expect(config.devSignIn).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3978');
    expect(config.workingHours).toEqual({ start: '09:30', end: '16:30' });
    expect(config.childNameOnCards).toBe(false);
    expect(config.bot).toBeUndefined();
    // The demo council's invented office, so the demo's invitations say where to go.
    expect(config.officeAddress).toBe('Civic Centre, Market Square, Anytown AN1 1AA');
  });

  it('runs in production only when told to', () => {
    const config = loadConfig(production);
    expect(config.mode).toBe('production');
    expect(config.store).toEqual({ kind: 'postgres', url: production.DATABASE_URL, ownerUrl: production.DATABASE_OWNER_URL });
    expect(catchError(() => loadConfig({ ...production, DATABASE_OWNER_URL: production.DATABASE_URL }))).toMatchObject({
      problems: [expect.stringMatching(/^DATABASE_OWNER_URL: must be a different role/)],
    });
    expect(config.devSignIn).toBe(false);
    expect(config.bot).toEqual({
      appId: production.MICROSOFT_APP_ID,
      appPassword: 'bot-secret',
      tenantId: production.AZURE_TENANT_ID,
      appType: 'SingleTenant',
    });
    expect(config.entra?.tabAudience).toBe(production.TAB_APP_ID_URI);
  });

  it('refuses to start with production settings and dev sign-in together', () => {
    const error = catchError(() => loadConfig({ ...production, DEV_SIGN_IN: '1' })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual(['DEV_SIGN_IN: dev sign-in is for local mode only and is refused in production']);
  });

  it('refuses a half-configured production deployment, naming every missing setting', () => {
    const error = catchError(() => loadConfig({ CORE_GROUPS_MODE: 'production', DATABASE_URL: production.DATABASE_URL })) as ConfigError;
    expect(error.problems).toEqual([
      'DATABASE_OWNER_URL: required in production',
      'PUBLIC_BASE_URL: required in production',
      'MICROSOFT_APP_ID: required in production',
      'MICROSOFT_APP_PASSWORD: required in production',
      'AZURE_TENANT_ID: required in production',
      'AZURE_CLIENT_ID: required in production',
      'TAB_APP_ID_URI: required in production',
      'MAIL_FROM: required in production',
      'GRAPH_NOTIFICATION_SECRET: required in production',
      'TEAMS_APP_ID: required in production',
      'OFFICE_ADDRESS: required in production',
      'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required in production',
    ]);
  });

  // Fails closed: a deployment that forgot the mode must not come up with SQLite, dev sign-in and
  // an unsigned bot. One line a case: the settings, and the setting the refusal names.
  const refusedInLocalMode: [string, Record<string, string>, string][] = [
    [
      'a public https address, every interface, the rest of production but no mode',
      { ...production, CORE_GROUPS_MODE: '', HOST: '0.0.0.0' },
      'CORE_GROUPS_MODE',
    ],
    ['an https address on its own', { PUBLIC_BASE_URL: 'https://coregroups.example.gov.uk' }, 'PUBLIC_BASE_URL'],
    ['every interface', { HOST: '0.0.0.0' }, 'HOST'],
    ['a network address', { HOST: '10.0.0.12' }, 'HOST'],
    ['a database', { DATABASE_URL: production.DATABASE_URL }, 'CORE_GROUPS_MODE'],
    ['a bot registration', { MICROSOFT_APP_ID: production.MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD: 'x' }, 'CORE_GROUPS_MODE'],
    ['the SSO audience', { TAB_APP_ID_URI: production.TAB_APP_ID_URI }, 'CORE_GROUPS_MODE'],
  ];
  it.each(refusedInLocalMode)('refuses local mode with %s', (_, env, setting) => {
    const { CORE_GROUPS_MODE, ...rest } = env;
    const error = catchError(() => loadConfig(CORE_GROUPS_MODE ? env : rest)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems.map((p) => p.split(':')[0])).toContain(setting);
    expect(error.message).toMatch(/CORE_GROUPS_MODE=production/);
  });

  it('runs local mode on loopback with an http address', () => {
    expect(loadConfig({ HOST: 'localhost', PUBLIC_BASE_URL: 'http://localhost:3978' }).mode).toBe('local');
    expect(loadConfig({ HOST: '::1', PORT: '4000' }).publicBaseUrl).toBe('http://[::1]:4000');
  });

  it("takes the share of Teams' per-tenant send limit an instance paces to, all of it alone", () => {
    expect(loadConfig({}).teamsSendShare).toBe(1);
    expect(loadConfig({ TEAMS_SEND_SHARE: '0.5' }).teamsSendShare).toBe(0.5);
    for (const bad of ['0', '2', 'half'])
      expect((catchError(() => loadConfig({ TEAMS_SEND_SHARE: bad })) as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['TEAMS_SEND_SHARE']);
  });

  it('runs card actions in a thread of their own in production unless told not to, and locally only when told to', () => {
    expect(loadConfig(production).cardActionThread).toBe(true);
    expect(loadConfig({ ...production, CARD_ACTION_THREAD: 'off' }).cardActionThread).toBe(false);
    expect(loadConfig({}).cardActionThread).toBe(false);
    expect(loadConfig({ CARD_ACTION_THREAD: 'on' }).cardActionThread).toBe(true);
    expect(loadConfig({ CARD_ACTION_THREAD: 'off' }).cardActionThread).toBe(false);
    const error = catchError(() => loadConfig({ CARD_ACTION_THREAD: 'yes' })) as ConfigError;
    expect(error.problems).toEqual(['CARD_ACTION_THREAD: must be on or off']);
  });

  it('names malformed settings', () => {
    const error = catchError(() =>
      loadConfig({ CORE_GROUPS_MODE: 'prod', PORT: 'eighty', WORKING_HOURS: '17:00-09:00', MICROSOFT_APP_ID: 'bot' }),
    ) as ConfigError;
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['CORE_GROUPS_MODE', 'PORT', 'WORKING_HOURS', 'MICROSOFT_APP_ID']);
    expect(error.problems[0]).toBe('CORE_GROUPS_MODE: must be local or production');
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'http://coregroups.example.gov.uk' })).toThrow('PUBLIC_BASE_URL: must be https:// in production');
  });
});
