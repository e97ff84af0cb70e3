import { pacedSend, PacingClock } from '../../../bot/host/send-pacing';
import { SendLimiter } from '../../../src/domain/delivery/rate-limits';

/** A pinned clock that timers fire late on (a busy event loop) and that a send takes time on. */
function busyClock(lateMs: number): PacingClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms + lateMs;
    },
  };
  return clock;
}

describe('pacing a send to Teams', () => {
  it('keeps the time a send went and was answered, not the time it was booked for, so the next is paced from when Teams saw it', async () => {
    const limiter = new SendLimiter();
    const clock = busyClock(300);
    // The tenant's 50 for this second are used at 0; the next send is booked for 1,000.
    for (let i = 0; i < 50; i++) limiter.record(`chat-${i}`, 'tenant', 0);
    await pacedSend(
      limiter,
      'chat-a',
      'tenant',
      async () => {
        clock.t += 100; // Teams answers after 100 ms
      },
      clock,
    );
    // Its timer fired at 1,300 and Teams answered at 1,400: it counts from 1,400.
    expect(clock.t).toBe(1_400);
    for (let i = 0; i < 49; i++) limiter.record(`chat-b${i}`, 'tenant', 1_400);
    // At 2,000 the second from 1,000 holds 50 as Teams counts them: the 51st waits until 2,400.
    // (Kept at its booked 1,000, the send would have left that window and the 51st gone at once, into a 429.)
    expect(limiter.delayFor('chat-z', 'tenant', 2_000)).toBe(400);
  });

  it('books again when it wakes late, rather than going into a window that is full by then', async () => {
    const limiter = new SendLimiter();
    const clock = busyClock(0);
    // 7 sends to one chat at 0: the 8th is booked for 1,000.
    for (let i = 0; i < 7; i++) limiter.record('chat-a', 'tenant', 0);
    const sentAt: number[] = [];
    const sending = pacedSend(limiter, 'chat-a', 'tenant', async () => void sentAt.push(clock.t), clock);
    // Meanwhile Teams' answers to those 7 came at 600: that is when they count from.
    for (let i = 0; i < 7; i++) limiter.move('chat-a', 'tenant', 0, 600);
    await sending;
    // 7 in 1 s as Teams counts them: not before 1,600.
    expect(sentAt).toEqual([1_600]);
  });
});
