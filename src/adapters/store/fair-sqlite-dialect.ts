import { DatabaseConnection, Driver, SqliteDialect, SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * A lock handed to waiters strictly in the order they asked. Kysely's SQLite driver wakes every
 * waiter on release and lets whoever runs first take it, so a newcomer asking in that moment barges
 * past someone already waiting; under steady load a request can lose that race again and again.
 */
export class FifoLock {
  private readonly waiting: (() => void)[] = [];
  private held = false;

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock straight to the longest waiter, so no one can take it in between. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
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
