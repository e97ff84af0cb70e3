import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS } from '../../src/sim/params';
import { simulate } from '../../src/sim/simulate';
import { runnerFrom } from '../../src/sim/threads';

// A worker thread runs JavaScript: the threads run the build's entry (`npm run build` comes first),
// and their figures are checked against the same year run here from the sources.
const inThreads = runnerFrom(path.resolve(__dirname, '../../dist/src/sim/strategy-thread.js'));

jest.setTimeout(120_000);

describe('npm run simulate, each strategy in a thread of its own', () => {
  it('gives the figures of both strategies run one after the other in one thread', async () => {
    const params = { ...DEFAULTS, cases: 4, days: 40, tailDays: 10, seed: 5 };
    const [threaded, inOne] = await Promise.all([simulate(params, inThreads), simulate(params)]);
    expect(threaded.strategies['core-groups'].coreGroups.due).toBeGreaterThan(0);
    expect(threaded.strategies).toEqual(inOne.strategies);
    expect(threaded.world).toEqual(inOne.world);
  });

  it('fails with the thread: its error, or that it stopped without its figures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-threads-'));
    const throws = path.join(dir, 'throws.js');
    fs.writeFileSync(throws, "throw new Error('the world could not be made');");
    const quits = path.join(dir, 'quits.js');
    fs.writeFileSync(quits, 'process.exit(3);');
    await expect(simulate(DEFAULTS, runnerFrom(throws))).rejects.toThrow('the world could not be made');
    await expect(simulate(DEFAULTS, runnerFrom(quits))).rejects.toThrow(/thread stopped \(exit code 3\) without its figures/);
  });
});
