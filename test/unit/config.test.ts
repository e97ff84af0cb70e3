import { ConfigError, loadConfig } from '../../src/config';
import { catchError } from '../support/catch-error';

const production = {
  DATABASE_URL: 'postgres://app@db.internal/core_groups',
  PUBLIC_BASE_URL: 'https://coregroups.example.gov.uk',
  MICROSOFT_APP_ID: '11111111-1111-4111-8111-111111111111',
  MICROSOFT_APP_PASSWORD: 'bot-secret',
  AZURE_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  AZURE_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  AZURE_CLIENT_SECRET: 'graph-secret',
  TAB_APP_ID_URI: 'api://coregroups.example.gov.uk/33333333-3333-4333-8333-333333333333',
  MAIL_FROM: 'core-groups@example.gov.uk',
  GRAPH_NOTIFICATION_SECRET: 'a-long-random-secret-of-at-least-32-characters',
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
  });

  it('runs in production when its settings are present', () => {
    const config = loadConfig(production);
    expect(config.mode).toBe('production');
    expect(config.store).toEqual({ kind: 'postgres', url: production.DATABASE_URL });
    expect(config.devSignIn).toBe(false);
    expect(config.bot).toEqual({ appId: production.MICROSOFT_APP_ID, appPassword: 'bot-secret', tenantId: production.AZURE_TENANT_ID, appType: 'SingleTenant' });
    expect(config.entra?.tabAudience).toBe(production.TAB_APP_ID_URI);
  });

  it('refuses to start with production settings and dev sign-in together', () => {
    const error = catchError(() => loadConfig({ ...production, DEV_SIGN_IN: '1' })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual(['DEV_SIGN_IN: dev sign-in is for local mode only and is refused when production settings are present']);
  });

  it('refuses a half-configured production deployment, naming every missing setting', () => {
    const error = catchError(() => loadConfig({ DATABASE_URL: production.DATABASE_URL })) as ConfigError;
    expect(error.problems).toEqual([
      'PUBLIC_BASE_URL: required in production',
      'MICROSOFT_APP_ID: required in production',
      'MICROSOFT_APP_PASSWORD: required in production',
      'AZURE_TENANT_ID: required in production',
      'AZURE_CLIENT_ID: required in production',
      'TAB_APP_ID_URI: required in production',
      'MAIL_FROM: required in production',
      'GRAPH_NOTIFICATION_SECRET: required in production',
      'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: one is required in production',
    ]);
  });

  it('names malformed settings', () => {
    const error = catchError(() => loadConfig({ PORT: 'eighty', WORKING_HOURS: '17:00-09:00', MICROSOFT_APP_ID: 'bot' })) as ConfigError;
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'WORKING_HOURS', 'MICROSOFT_APP_ID']);
    expect(() => loadConfig({ ...production, PUBLIC_BASE_URL: 'http://coregroups.example.gov.uk' })).toThrow('PUBLIC_BASE_URL: must be https:// in production');
  });
});
