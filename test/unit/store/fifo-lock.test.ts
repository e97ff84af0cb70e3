import { FifoLock } from '../../../src/adapters/store/fair-sqlite-dialect';

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

  it('lets the event loop do what is ready (read a health check, say) before the next holder starts', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    await lock.acquire();
    const waiter = lock.acquire().then(() => order.push('waiter'));
    setImmediate(() => order.push('a request that has arrived'));
    lock.release();
    await waiter;
    expect(order).toEqual(['a request that has arrived', 'waiter']);
  });

  it('gives each holder a turn of the event loop of its own, even when nobody was waiting', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    setImmediate(() => order.push('a request that has arrived'));
    await lock.acquire();
    order.push('holder');
    expect(order).toEqual(['a request that has arrived', 'holder']);
  });

  it('is free again once the last holder releases it', async () => {
    const lock = new FifoLock();
    await lock.acquire();
    lock.release();
    let got = false;
    void lock.acquire().then(() => (got = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toBe(true);
  });
});
