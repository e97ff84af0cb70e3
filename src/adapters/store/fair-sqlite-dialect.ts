import { DatabaseConnection, Driver, SqliteDialect, SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * A lock handed to waiters strictly in the order they asked, each on a turn of the event loop of its own.
 *
 * Order: Kysely's SQLite driver wakes every waiter on release and lets whoever runs first take it, so
 * a newcomer asking in that moment barges past someone already waiting; under steady load a request
 * can lose that race again and again.
 *
 * Turns: better-sqlite3 runs every statement synchronously, so a transaction is one stretch of
 * JavaScript. Handed on as promises, transactions ran back to back without the event loop reading a
 * socket in between: 100 "my work" requests released together (by the per-person limit's yield)
 * ran as one 800 ms block, and a /healthz waited behind all of them. Each holder now starts on a
 * turn of its own (setImmediate), so between two transactions the loop answers what has arrived.
 */
export class FifoLock {
  private readonly waiting: (() => void)[] = [];
  private held = false;

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return new Promise((resolve) => setImmediate(resolve));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock straight to the longest waiter (no one can take it in between), on the next turn. */
  release(): void {
    const next = this.waiting.shift();
    if (next) setImmediate(next);
    else this.held = false;
  }
}

/** SQLite has one connection; this driver queues for it first come, first served. */
class FairSqliteDriver extends SqliteDriver {
  private readonly lock = new FifoLock();

  override async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    try {
      await super.releaseConnection();
    } finally {
      this.lock.release();
    }
  }
}

/** Kysely's SQLite dialect with a fair queue for its one connection. */
export class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new FairSqliteDriver(this.settings);
  }
}
