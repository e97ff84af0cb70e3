import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildManifest, MANIFEST_VERSION } from '../../../manifest/build-manifest';
import { appPackage } from '../../../manifest/package';

const settings = { appId: '6d3f0c5e-8d64-4d1e-9a7c-2c3f4b5a6d7e', botId: '11111111-1111-4111-8111-111111111111', host: 'coregroups.anytown.gov.uk', ssoClientId: '33333333-3333-4333-8333-333333333333', version: '0.1.0' };
// The official schema as @microsoft/app-manifest ships it, checked the way that package checks a
// draft-04 schema (ajv-draft-04 with the uri, email and regex formats); no network needed. The
// package itself cannot load under jest (one of its dependencies is ESM-only).
const schema = JSON.parse(fs.readFileSync(path.join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv, ['uri', 'email', 'regex']);
const check = ajv.compile(schema);
const validate = async (m: object): Promise<string[]> => (check(m) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));

describe('Teams app manifest', () => {
  it('validates against the official schema', async () => {
    expect(await validate(buildManifest(settings))).toEqual([]);
  });

  it('is refused by the schema when broken', async () => {
    const broken = buildManifest(settings) as { bots: { botId: string }[]; id: string };
    broken.id = 'not-a-guid';
    delete (broken as Record<string, unknown>).name;
    const errors = await validate(broken);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.join('\n')).toMatch(/name/);
  });

  it('packages the manifest and two icons of the sizes Teams requires', () => {
    const files = unzipSync(appPackage(settings));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const size = (png: Uint8Array) => [Buffer.from(png).readUInt32BE(16), Buffer.from(png).readUInt32BE(20)];
    expect(size(files['color.png'] as Uint8Array)).toEqual([192, 192]);
    expect(size(files['outline.png'] as Uint8Array)).toEqual([32, 32]);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { bots: { scopes: string[] }[] };
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'groupChat', 'team']);
  });
});
