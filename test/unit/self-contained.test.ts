import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['src', 'bot', 'tab', 'test', 'bench', 'manifest'];

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* files(full);
    } else if (/\.(ts|tsx|cjs|js|mjs|json)$/.test(entry.name)) yield full;
  }
}

/**
 * A clone of this repository alone must build and pass its tests: nothing may reach for the
 * reference folder that sits beside it on the machines it was first written on.
 */
describe('the repository carries everything it reads', () => {
  it('has no code, test or data that reads the folder beside the repository', () => {
    const offenders: string[] = [];
    const beside = new RegExp(['\\.\\./shared', 'shared/(seeds|graph|data)/'].join('|'));
    for (const folder of FOLDERS) {
      for (const file of files(path.join(ROOT, folder))) {
        if (file === __filename) continue;
        if (beside.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(ROOT, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
