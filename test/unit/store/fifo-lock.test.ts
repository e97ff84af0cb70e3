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

  it('is free again once the last holder releases it', async () => {
    const lock = new FifoLock();
    await lock.acquire();
    lock.release();
    let got = false;
    void lock.acquire().then(() => (got = true));
    await Promise.resolve();
    expect(got).toBe(true);
  });
});
