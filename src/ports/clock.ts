/** "Now", passed in so that tests pin it and nothing reads the machine's clock behind our back. */
export interface Clock {
  /** The current instant, ISO 8601 in UTC. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let current = iso;
  return { now: () => current, set: (next) => (current = next) };
}
