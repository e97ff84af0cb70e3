import fs from 'node:fs';
import path from 'node:path';
import { appPackage } from './package';

/**
 * `npm run package:teams`: writes dist/core-groups-teams-app.zip for upload to Teams admin. Every
 * value comes from the environment (the same settings as the server), none is written in code.
 */
function main(): void {
  const need = (k: string) => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is required to build the Teams app package`);
    return v;
  };
  const version = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  const zip = appPackage({ appId: need('TEAMS_APP_ID'), botId: need('MICROSOFT_APP_ID'), host: new URL(need('PUBLIC_BASE_URL')).host, ssoClientId: need('AZURE_CLIENT_ID'), version });
  const out = path.resolve(__dirname, '../core-groups-teams-app.zip');
  fs.writeFileSync(out, zip);
  console.log(`wrote ${out}`);
}

try {
  main();
} catch (e) {
  console.error(`package:teams: ${(e as Error).message}`);
  process.exitCode = 2;
}
