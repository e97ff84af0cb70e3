import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../../src/adapters/store/open-store';
import { startWalCheckpointer } from '../../../src/adapters/store/wal-checkpointer';
import { Store } from '../../../src/ports/store';

/** About 300 pages of writes: well under the 1,000 at which SQLite's own connection would checkpoint. */
const write300Pages = (store: Store, prefix: string) =>
  store.transaction(async (tx) => {
    for (let i = 0; i < 300; i++)
      await tx.people.insert({ id: `${prefix}-${i}`, displayName: `Person ${i} ${'x'.repeat(3500)}`, email: `${prefix}-${i}@example.invalid` });
  });

const waitFor = async (check: () => boolean, ms: number): Promise<boolean> => {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) if (check()) return true;
  return check();
};

describe("SQLite's checkpoints in a thread of their own", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-checkpointer-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies what the store commits into the database file, which its own connections no longer do', async () => {
    const file = path.join(dir, 'core-groups.sqlite');
    const size = () => fs.statSync(file).size;
    const owner = await openStore({ kind: 'sqlite', file });
    try {
      const before = size();
      await write300Pages(owner, 'a');
      expect(await waitFor(() => size() > before + 250 * 4096, 3000)).toBe(true);
    } finally {
      await owner.close();
    }
    // A second connection (as the card-action thread's) does not checkpoint, and starts no thread:
    // what it commits stays in the log.
    const second = await openStore({ kind: 'sqlite', file }, { migrate: false });
    try {
      const before = size();
      await write300Pages(second, 'b');
      await new Promise((r) => setTimeout(r, 500));
      expect(size()).toBe(before);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(250 * 4096);
    } finally {
      await second.close();
    }
  });

  it('gives the checkpoints back to the store when the thread stops', async () => {
    const fellBack = jest.fn();
    const logged: string[] = [];
    // A file the thread cannot open: it stops at once.
    const checkpointer = startWalCheckpointer(path.join(dir, 'missing', 'core-groups.sqlite'), fellBack, (m) => logged.push(m));
    expect(await waitFor(() => fellBack.mock.calls.length > 0, 3000)).toBe(true);
    await checkpointer.stop();
    expect(fellBack).toHaveBeenCalledTimes(1);
    expect(logged).toEqual(['the SQLite checkpoint thread stopped; the store checkpoints on its own connection again']);
  });
});
