import { FifoLock } from '../../../src/adapters/store/fair-sqlite-dialect';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the SQLite connection queue', () => {
  it('gives the connection to whoever has waited longest, even when someone asks the moment it is freed', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    await lock.acquire();
    const waiter = lock.acquire().then(() => order.push('waiter'));
    lock.release();
    // A newcomer asks in the same tick as the release, before the waiter has run.
    const newcomer = lock.acquire().then(() => order.push('newcomer'));
    await waiter;
    expect(order).toEqual(['waiter']);
    lock.release();
    await newcomer;
    expect(order).toEqual(['waiter', 'newcomer']);
  });

  it('once the slice is spent, lets the event loop do what is ready (read a health check, say) before the next holder starts', async () => {
    let clock = 0;
    const lock = new FifoLock(10, () => clock);
    const order: string[] = [];
    await lock.acquire();
    const waiter = lock.acquire().then(() => order.push('waiter'));
    setImmediate(() => order.push('a request that has arrived'));
    clock = 11; // the holder kept the loop for longer than the slice
    lock.release();
    await waiter;
    expect(order).toEqual(['a request that has arrived', 'waiter']);
  });

  it('within the slice, hands over at once, without waiting for a turn', async () => {
    let clock = 0;
    const lock = new FifoLock(10, () => clock);
    const order: string[] = [];
    await lock.acquire();
    const waiter = lock.acquire().then(() => order.push('waiter'));
    setImmediate(() => order.push('the next turn'));
    clock = 3;
    lock.release();
    await waiter;
    expect(order).toEqual(['waiter']);
    await nextTurn();
    expect(order).toEqual(['waiter', 'the next turn']);
  });

  it('measures the slice from the last turn of the loop, so work spread over many turns never waits', async () => {
    let clock = 0;
    const lock = new FifoLock(10, () => clock);
    for (let i = 0; i < 5; i++) {
      await lock.acquire();
      lock.release();
      clock += 8;
      await nextTurn();
    }
    let started = false;
    void lock.acquire().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(true);
  });

  it('is free again once the last holder releases it', async () => {
    const lock = new FifoLock();
    await lock.acquire();
    lock.release();
    let got = false;
    void lock.acquire().then(() => (got = true));
    await nextTurn();
    expect(got).toBe(true);
  });
});
