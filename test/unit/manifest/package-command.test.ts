import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { PACKAGE_FILE, runPackage } from '../../../manifest/main';

const ENV = {
  TEAMS_APP_ID: '6d3f0c5e-8d64-4d1e-9a7c-2c3f4b5a6d7e',
  MICROSOFT_APP_ID: '11111111-1111-4111-8111-111111111111',
  AZURE_CLIENT_ID: '33333333-3333-4333-8333-333333333333',
  PUBLIC_BASE_URL: 'https://coregroups.anytown.gov.uk/',
  TAB_APP_ID_URI: 'api://coregroups.anytown.gov.uk/33333333-3333-4333-8333-333333333333',
};

/** `npm run package` (manifest/main.ts), called in process with the environment it would read. */
function run(env: Record<string, string | undefined>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-package-'));
  const out = path.join(dir, 'dist', 'appPackage.zip');
  const lines = { out: [] as string[], err: [] as string[] };
  const code = runPackage(env, out, { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) });
  const zip = fs.existsSync(out) ? fs.readFileSync(out) : undefined;
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, ...lines, zip };
}

describe('npm run package', () => {
  it('writes dist/appPackage.zip by default', () => {
    expect(PACKAGE_FILE).toBe(path.resolve(__dirname, '../../../dist/appPackage.zip'));
  });

  it('writes the package with the ids and host from the environment', () => {
    const { code, out, err, zip } = run(ENV);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^wrote .*appPackage\.zip$/);
    const files = unzipSync(new Uint8Array(zip!));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown> & {
      bots: { botId: string }[];
      webApplicationInfo: unknown;
      validDomains: string[];
      configurableTabs: { configurationUrl: string }[];
    };
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(manifest.webApplicationInfo).toEqual({ id: ENV.AZURE_CLIENT_ID, resource: ENV.TAB_APP_ID_URI });
    expect(manifest.validDomains).toEqual(['coregroups.anytown.gov.uk']);
    expect(manifest.configurableTabs[0]!.configurationUrl).toBe('https://coregroups.anytown.gov.uk/configure');
    expect(manifest.version).toBe((JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version);
  });

  it.each([
    ['TEAMS_APP_ID', { TEAMS_APP_ID: undefined }, /^package: TEAMS_APP_ID is required \(the Teams app id/],
    ['MICROSOFT_APP_ID', { MICROSOFT_APP_ID: '' }, /^package: MICROSOFT_APP_ID is required/],
    ['AZURE_CLIENT_ID', { AZURE_CLIENT_ID: 'my-client' }, /^package: AZURE_CLIENT_ID must be a GUID .*got "my-client"$/],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'http://coregroups.anytown.gov.uk' }, /^package: PUBLIC_BASE_URL must be https:\/\//],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'coregroups' }, /^package: PUBLIC_BASE_URL must be an address/],
    ['TAB_APP_ID_URI', { TAB_APP_ID_URI: undefined }, /^package: TAB_APP_ID_URI is required/],
    [
      'TAB_APP_ID_URI',
      { TAB_APP_ID_URI: 'api://33333333-3333-4333-8333-333333333333' },
      /^package: TAB_APP_ID_URI must be api:\/\/coregroups\.anytown\.gov\.uk\/33333333-3333-4333-8333-333333333333 /,
    ],
  ])('refuses, naming %s, in one line with exit code 2 and no package', (_name, change, message) => {
    const { code, out, err, zip } = run({ ...ENV, ...change });
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toMatch(/\n|\s+at /);
    expect(zip).toBeUndefined();
  });

  it('names every missing setting at once', () => {
    const { code, err } = run({});
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    for (const key of Object.keys(ENV)) expect(err[0]).toContain(`${key} is required`);
  });

  it('reports a failure to write in one line, exit code 1', () => {
    const blocked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'core-groups-package-')), 'file');
    fs.writeFileSync(blocked, '');
    const err: string[] = [];
    expect(runPackage(ENV, path.join(blocked, 'appPackage.zip'), { out: () => undefined, err: (l) => err.push(l) })).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^package: /);
  });
});
