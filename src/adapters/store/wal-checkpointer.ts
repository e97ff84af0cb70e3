import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies what the write-ahead log holds into the database file. */
const EVERY_MS = 100;

/**
 * The thread's code, as text (a thread runs JavaScript, and this needs none of the app's modules, so
 * it runs the same from the build and from the sources). A PASSIVE checkpoint copies what it can
 * without waiting for, or holding up, any reader or writer.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /** Stops the thread (its last checkpoint done); the store's own connection checkpoints again from then. */
  stop(): Promise<void>;
}

/**
 * SQLite's checkpoints (copying the write-ahead log into the database file, then syncing both to
 * disk) in a thread of their own. Left to SQLite, the commit that takes the log past 1,000 pages runs
 * the checkpoint itself, synchronously: about one commit in a hundred of a card submit's stalled its
 * thread 4–20 ms, most of it waiting on the disk, and every request behind it waited too. The app's
 * connections are told not to checkpoint (`wal_autocheckpoint = 0`); this thread does it every
 * 100 ms. Should it stop, `fallBack` gives the checkpoints back to the app's connection.
 */
export function startWalCheckpointer(file: string, fallBack: () => void, log?: (message: string, error?: unknown) => void): WalCheckpointer {
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: EVERY_MS } });
  worker.unref();
  let stopping = false;
  const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const lost = (error: unknown) => {
    if (stopping) return;
    stopping = true;
    fallBack();
    log?.('the SQLite checkpoint thread stopped; the store checkpoints on its own connection again', error);
  };
  worker.once('error', lost);
  worker.once('exit', (code) => lost(new Error(`exit code ${code}`)));
  return {
    stop: async () => {
      if (!stopping) {
        stopping = true;
        worker.postMessage('stop');
      }
      await stopped;
    },
  };
}
