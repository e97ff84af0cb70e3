import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SimParams } from './params';
import { StrategyName } from './run';
import { STRATEGIES, StrategyRunner, StrategyYear } from './simulate';

/** The compiled thread entry beside this file (a thread runs JavaScript: this runner works from dist/, not from the .ts sources). */
const ENTRY = path.join(__dirname, 'strategy-thread.js');

/**
 * Each strategy's year in a worker thread of its own, side by side: on a machine with two cores the
 * year takes as long as the slower strategy, not both. Each thread makes the same seeded world, so
 * the figures are those of `inThisThread`.
 */
export const inThreads: StrategyRunner = (params) => runnerFrom(ENTRY)(params);

/** The runner for a thread entry (the tests give it entries that fail). */
export const runnerFrom =
  (entry: string): StrategyRunner =>
  (params) =>
    Promise.all(STRATEGIES.map((strategy) => inThread(entry, params, strategy)));

function inThread(entry: string, params: SimParams, strategy: StrategyName): Promise<StrategyYear> {
  return new Promise((resolve, reject) => {
    let year: StrategyYear | undefined;
    const worker = new Worker(entry, { workerData: { params, strategy } });
    worker.once('message', (m: StrategyYear) => (year = m));
    worker.once('error', reject);
    worker.once('exit', (code) => (year ? resolve(year) : reject(new Error(`the ${strategy} year's thread stopped (exit code ${code}) without its figures`))));
  });
}
