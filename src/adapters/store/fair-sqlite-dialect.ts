import { CompiledQuery, DatabaseConnection, Driver, SqliteDialect, SqliteDialectConfig, SqliteDriver } from 'kysely';

/**
 * A lock handed to waiters strictly in the order they asked, giving the event loop a turn whenever
 * the holders before have kept it for a time slice.
 *
 * Order: Kysely's SQLite driver wakes every waiter on release and lets whoever runs first take it, so
 * a newcomer asking in that moment barges past someone already waiting; under steady load a request
 * can lose that race again and again.
 *
 * Turns: better-sqlite3 runs every statement synchronously, so transactions handed on as promises
 * ran back to back without the event loop reading a socket: 100 "my work" requests released together
 * (by the per-person limit's yield) ran as one 800 ms block, and a /healthz waited behind all of them.
 * Once the loop has gone `sliceMs` without a turn, the next holder starts on a turn of its own
 * (setImmediate), so what has arrived meanwhile is answered first. Within a slice, holders follow one
 * another at once: a turn for every transaction would spread a short burst of work (a batch of cards)
 * thinly among everything else, and make each piece of it slow to finish.
 */
export class FifoLock {
  private readonly waiting: (() => void)[] = [];
  private held = false;
  /** When the event loop last had a turn (as far as this lock has seen). */
  private turnAt: number;
  private watching = false;

  constructor(
    private readonly sliceMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.turnAt = now();
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return new Promise((resolve) => this.handOver(resolve));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the lock straight to the longest waiter, so no one can take it in between. */
  release(): void {
    const next = this.waiting.shift();
    if (next) this.handOver(next);
    else this.held = false;
  }

  private handOver(start: () => void): void {
    if (this.now() - this.turnAt < this.sliceMs) {
      this.watchForTurn();
      start();
      return;
    }
    setImmediate(() => {
      this.turnAt = this.now();
      start();
    });
  }

  /** Notes the loop's next turn, so the slice is measured from it. */
  private watchForTurn(): void {
    if (this.watching) return;
    this.watching = true;
    setImmediate(() => {
      this.watching = false;
      this.turnAt = this.now();
    });
  }
}

/**
 * SQLite has one connection; this driver queues for it first come, first served. Each transaction
 * takes the database's write lock as it begins (BEGIN IMMEDIATE): with a second connection to the
 * same file (the card-action thread's), a transaction begun as a reader that then writes fails at
 * once (SQLITE_BUSY) if the other connection wrote meanwhile, whereas one that waits for the lock at
 * its start is simply queued (busy_timeout). With one connection it changes nothing.
 */
class FairSqliteDriver extends SqliteDriver {
  private readonly lock = new FifoLock();

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

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
