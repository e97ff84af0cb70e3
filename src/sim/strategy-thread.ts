import { parentPort, workerData } from 'node:worker_threads';
import { SimParams } from './params';
import { StrategyName } from './run';
import { strategyYear } from './simulate';

/** A worker thread's entry (threads.ts): one strategy's year, its figures posted back. An error ends the thread with it. */
const { params, strategy } = workerData as { params: SimParams; strategy: StrategyName };
void strategyYear(params, strategy).then((year) => parentPort?.postMessage(year));
