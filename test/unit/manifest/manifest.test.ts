import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildManifest, MANIFEST_SCHEMA, MANIFEST_VERSION, OUTLOOK_ICON_SIZES } from '../../../manifest/build-manifest';
import { OUTLOOK_ICON_DIR, outlookIcons } from '../../../manifest/outlook-icons';
import { appPackage } from '../../../manifest/package';
import { SETTINGS } from './fixture';

// The official schemas as @microsoft/app-manifest ships them: no network needed.
const ROOT = path.resolve(__dirname, '../../..');
const SCHEMAS = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
const SCHEMA_FILE = path.join(SCHEMAS, `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object;

// In process, the way that package checks a draft-04 schema (ajv-draft-04, allErrors, strictTypes
// off, the uri, email and regex formats): the package itself cannot load under jest (one of its
// dependencies is ESM-only), so the test below also asks the package, in a plain node process.
const ajv = new Ajv({ allErrors: true, strictTypes: false });
addFormats(ajv, ['uri', 'email', 'regex']);
const check = ajv.compile(schema);
const validate = (m: object): string[] =>
  check(JSON.parse(JSON.stringify(m))) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);

/** @microsoft/app-manifest's own validator (AppManifestUtils.validateAgainstSchema), given the bundled schema. */
function validateWithThePackage(manifest: object): string[] {
  const script = [
    "const fs = require('node:fs');",
    "const { AppManifestUtils } = require('@microsoft/app-manifest');",
    "let input = ''; process.stdin.setEncoding('utf8');",
    "process.stdin.on('data', (d) => { input += d; }).on('end', async () => {",
    '  const { manifest, schemaFile } = JSON.parse(input);',
    "  const errors = await AppManifestUtils.validateAgainstSchema(manifest, JSON.parse(fs.readFileSync(schemaFile, 'utf8')));",
    '  process.stdout.write(JSON.stringify(errors));',
    '});',
  ].join('\n');
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify({ manifest, schemaFile: SCHEMA_FILE }), encoding: 'utf8' }),
  ) as string[];
}

const version = (v: string) => v.slice(1).split('.').map(Number);

describe('the app manifest', () => {
  it('is at the newest generally available schema that @microsoft/app-manifest carries', () => {
    const versions = fs.readdirSync(SCHEMAS).filter((d) => /^v\d+\.\d+$/.test(d));
    const newest = versions.sort((a, b) => version(a)[0]! - version(b)[0]! || version(a)[1]! - version(b)[1]!).at(-1);
    expect(newest).toBe(`v${MANIFEST_VERSION}`);
    // Its $schema is the address the package maps to its own copy (build/json-schemas/teams/v1.30/…).
    const url = new URL(MANIFEST_SCHEMA);
    expect(url.origin).toBe('https://developer.microsoft.com');
    expect(path.join(SCHEMAS, '..', '..', ...url.pathname.split('/').filter(Boolean))).toBe(SCHEMA_FILE);
  });

  it('validates against the official schema, with no errors, in process and by the package itself', () => {
    const manifest = buildManifest(SETTINGS);
    expect(validate(manifest)).toEqual([]);
    expect(validateWithThePackage(manifest)).toEqual([]);
  });

  it('is refused by the schema when broken', () => {
    const broken = buildManifest(SETTINGS) as unknown as Record<string, unknown>;
    broken.id = 'not-a-guid';
    delete broken.name;
    (broken.configurableTabs as { scopes: string[] }[])[0]!.scopes = ['personal'];
    const errors = validate(broken);
    expect(errors.join('\n')).toMatch(/\/id /);
    expect(errors.join('\n')).toMatch(/name/);
    expect(errors.join('\n')).toMatch(/configurableTabs\/0\/scopes/);
    expect(validateWithThePackage(broken).length).toBeGreaterThanOrEqual(3);
  });

  it('takes every id and the host from the settings, and single sign-on from the application ID URI', () => {
    const m = buildManifest({ ...SETTINGS, baseUrl: 'https://apps.example.gov.uk/core-groups', appIdUri: `api://apps.example.gov.uk/${SETTINGS.ssoClientId}` });
    expect(m.id).toBe(SETTINGS.appId);
    expect(m.bots?.[0]?.botId).toBe(SETTINGS.botId);
    expect(m.webApplicationInfo).toEqual({ id: SETTINGS.ssoClientId, resource: `api://apps.example.gov.uk/${SETTINGS.ssoClientId}` });
    expect(m.validDomains).toEqual(['apps.example.gov.uk']);
    expect(m.configurableTabs?.[0]).toMatchObject({
      configurationUrl: 'https://apps.example.gov.uk/core-groups/configure',
      canUpdateConfiguration: true,
      scopes: ['groupChat'],
    });
    expect(m.extensions?.[0]?.runtimes?.[0]?.code.page).toBe('https://apps.example.gov.uk/core-groups/outlook/pane.html');
    const text = JSON.stringify(m);
    expect(text).not.toMatch(/anytown|localhost|127\.0\.0\.1/);
  });

  it('declares the Outlook add-in: mailbox requirement, the two panes, the time-changed event', () => {
    const ext = buildManifest(SETTINGS).extensions?.[0];
    expect(ext?.requirements).toEqual({ scopes: ['mail'], capabilities: [{ name: 'Mailbox', minVersion: '1.13' }] });
    expect(ext?.ribbons?.map((r) => r.contexts)).toEqual([['meetingDetailsOrganizer'], ['meetingDetailsAttendee']]);
    expect(ext?.ribbons?.[0]?.tabs[0]?.groups?.[0]?.controls?.[0]).toMatchObject({ label: 'Core group', actionId: 'openOrganizerPane' });
    expect(ext?.autoRunEvents?.[0]?.events).toEqual([{ type: 'appointmentTimeChanged', actionId: 'onAppointmentTimeChanged' }]);
    // The add-in's mailbox permission only: a Teams RSC permission would stop the app being
    // installed for members through TeamsAppInstallation.ReadWriteSelfForUser.All.
    expect(buildManifest(SETTINGS).authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'MailboxItem.ReadWrite.User', type: 'Delegated' }] } });
  });
});

describe('the app package', () => {
  const png = (b: Uint8Array) => Buffer.from(b);
  const size = (b: Uint8Array) => [png(b).readUInt32BE(16), png(b).readUInt32BE(20)];

  it('holds manifest.json and the colour (192×192) and outline (32×32) icons, at its root', () => {
    const files = unzipSync(appPackage(SETTINGS));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    for (const name of ['color.png', 'outline.png'])
      expect(png(files[name]!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(size(files['color.png']!)).toEqual([192, 192]);
    expect(size(files['outline.png']!)).toEqual([32, 32]);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { icons: { color: string; outline: string }; id: string };
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest).toEqual(JSON.parse(JSON.stringify(buildManifest(SETTINGS))));
  });

  it('serves the Outlook icons the manifest names, as committed under tab/public', () => {
    const named = new Set(JSON.stringify(buildManifest(SETTINGS)).match(/https:\/\/coregroups\.anytown\.gov\.uk\/outlook\/icons\/[^"]+/g));
    expect([...named].sort()).toEqual(OUTLOOK_ICON_SIZES.map((s) => `https://coregroups.anytown.gov.uk/outlook/icons/icon-${s}.png`).sort());
    for (const [name, bytes] of Object.entries(outlookIcons())) {
      const file = path.join(OUTLOOK_ICON_DIR, name);
      // If this fails after changing the drawing: npm run build && node dist/manifest/outlook-icons.js
      expect(fs.existsSync(file) && fs.readFileSync(file).equals(bytes)).toBe(true);
      const s = Number(/icon-(\d+)/.exec(name)?.[1]);
      expect(size(bytes)).toEqual([s, s]);
    }
  });
});
