import fs from 'node:fs';
import path from 'node:path';
import { appPackage } from './package';
import { PackageSettingsError, packageSettings } from './settings';

/** The repository: run from dist/manifest after the build, or from manifest/ in tests. */
const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../..' : '..');
/** Where `npm run package` writes the app package. */
export const PACKAGE_FILE = path.join(ROOT, 'dist', 'appPackage.zip');

/**
 * `npm run package`: the app package (manifest.json and its two icons) for the Teams admin centre
 * and the Microsoft 365 admin centre. Every id and the host come from the environment, none is
 * written in code. A missing or invalid setting is one line on stderr naming it, and exit code 2;
 * any other failure one line and exit code 1. Never a stack trace.
 */
export function runPackage(
  env: Readonly<Record<string, string | undefined>>,
  out: string = PACKAGE_FILE,
  print: { out: (line: string) => void; err: (line: string) => void } = { out: console.log, err: console.error },
): number {
  try {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const zip = appPackage(packageSettings(env, version));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    print.out(`wrote ${out}`);
    return 0;
  } catch (e) {
    if (e instanceof PackageSettingsError) {
      print.err(`package: ${e.message}`);
      return 2;
    }
    print.err(`package: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = runPackage(process.env);
