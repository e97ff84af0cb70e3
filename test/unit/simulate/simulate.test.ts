import { KyselyStore } from '../../../src/adapters/store/kysely-store';
import { figuresOf } from '../../../src/sim/figures';
import { main } from '../../../src/sim/main';
import { DEFAULTS, SimParams } from '../../../src/sim/params';
import { runStrategy, StrategyName } from '../../../src/sim/run';
import { simulate } from '../../../src/sim/simulate';
import { addDays } from '../../../src/domain/calendar/local-date';
import { londonDay } from '../../../src/domain/calendar/london-time';
import { makeWorld, World } from '../../../src/sim/world';

/** A quiet world: nobody busy, sick, away or part-time; every update on time; nothing cancelled. */
const QUIET: SimParams = {
  ...DEFAULTS,
  cases: 1,
  from: '2027-09-06' as SimParams['from'],
  days: 20,
  tailDays: 30,
  busyMin: 0,
  busyMax: 0,
  partTimeShare: 0,
  shortSickPerYear: 0,
  longSickShare: 0,
  familyCancel: 0,
  professionalCancel: 0,
  memberChange: 0,
  updateLate: 0,
  updateNever: 0,
  managerAwayWeeks: 0,
};

async function figures(world: World, strategy: StrategyName) {
  const run = await runStrategy(world, strategy);
  try {
    return await figuresOf(run);
  } finally {
    await run.close();
  }
}

/** The first core group of a world's only case, as a quiet run of Core Groups plans it (its window, to build a harder world around). */
async function firstCoreGroupOf(world: World) {
  const run = await runStrategy(world, 'core-groups');
  try {
    const caseId = run.caseIds[0] as string;
    const first = (await run.store.transaction((tx) => tx.meetings.forCase(caseId))).find((m) => m.number === 1);
    if (!first) throw new Error('no first core group');
    return first;
  } finally {
    await run.close();
  }
}

jest.setTimeout(60_000);

describe('the simulated year', () => {
  it('is the same for the same seed', async () => {
    const params = { ...DEFAULTS, cases: 3, days: 30, tailDays: 10, seed: 11 };
    const a = await simulate(params);
    const b = await simulate(params);
    expect(b.strategies).toEqual(a.strategies);
    expect(a.strategies['core-groups'].coreGroups.due).toBeGreaterThan(0);
  });

  it('one case with no conflicts: both strategies hold the core group inside its window', async () => {
    const world = makeWorld(QUIET);
    for (const strategy of ['baseline', 'core-groups'] as const) {
      const f = await figures(world, strategy);
      expect(f.coreGroups.due).toBeGreaterThan(0);
      expect(f.coreGroups.inWindow).toBe(f.coreGroups.due);
      expect(f.coreGroups.neverHeld).toBe(0);
      // Everyone is free: a warning that no compliant time exists would be false.
      expect(f.noCompliantSlot.times).toBe(0);
      expect(f.minutes.circulatedOnTime).toBe(f.minutes.held);
    }
  });

  it('a world with no time for anyone: both are late, and Core Groups warns the chair and manager ahead', async () => {
    const world = makeWorld({ ...QUIET, busyMin: 1, busyMax: 1, movesCommitment: 0 });
    const baseline = await figures(world, 'baseline');
    const product = await figures(world, 'core-groups');
    expect(baseline.coreGroups.inWindow).toBe(0);
    expect(product.coreGroups.inWindow).toBe(0);
    expect(baseline.noCompliantSlot.warnedAhead).toBe(0);
    expect(product.noCompliantSlot.times).toBeGreaterThan(0);
    expect(product.noCompliantSlot.warnedAhead).toBe(product.noCompliantSlot.times);
    expect(product.noCompliantSlot.warnedAheadWorkingDays?.min).toBeGreaterThan(0);
  });

  it('a cancellation: the chair by hand recovers late, Core Groups inside the window', async () => {
    const world: World = { ...makeWorld(QUIET), forcedCancellations: [{ caseIdx: 0, number: 1, attempt: 1, by: 'family' }] };
    const baseline = await figures(world, 'baseline');
    const product = await figures(world, 'core-groups');
    expect(baseline.coreGroups.cancelled).toBe(1);
    expect(product.coreGroups.cancelled).toBe(1);
    expect(baseline.coreGroups.late).toBe(1);
    expect(product.coreGroups.late).toBe(0);
    expect(product.coreGroups.inWindow).toBe(product.coreGroups.due);
  });

  it('a loss on the day: Core Groups booked a day that left room to rebook, and holds it inside the window', async () => {
    const quiet = makeWorld(QUIET);
    // The first core group's window, from a quiet run of the same world.
    const first = await firstCoreGroupOf(quiet);
    // Half of the agencies are away until the deadline day, so only on that day is everyone free;
    // the chair goes off sick on it. Booking that best-attended day would lose the meeting with
    // nothing left to rebook on.
    const sc = quiet.cases[0] as World['cases'][number];
    const away = new Set(sc.professionals.slice(0, Math.floor(sc.professionals.length / 2)));
    const world: World = {
      ...quiet,
      people: quiet.people.map((x) =>
        x.idx === sc.chair
          ? { ...x, sickness: [{ from: first.due, to: first.due }] }
          : away.has(x.idx)
            ? { ...x, away: [{ from: sc.icpc, to: addDays(first.due, -1) }] }
            : x,
      ),
    };
    expect(away.size).toBeGreaterThan(0);
    const product = await figures(world, 'core-groups');
    expect(product.coreGroups.late).toBe(0);
    expect(product.coreGroups.cancelled).toBe(0);
    expect(product.coreGroups.inWindow).toBe(product.coreGroups.due);
  });

  it('a loss on the deadline day: Core Groups offers the soonest time the chair can hold it, not a day whose calendars it never read', async () => {
    // The chair holds a core group with whoever can come (quorum 0). More than half of the agencies
    // are away except on the deadline day, so only that day can go ahead; the chair is off sick on
    // it. On the days after, nothing can go ahead as the schedule counts it, so the best it can
    // offer is the next working day. The day after the last one whose free/busy was read showed
    // everyone free and was booked instead: 11 working days late.
    const quiet = makeWorld({ ...QUIET, quorum: 0 });
    const first = await firstCoreGroupOf(quiet);
    const sc = quiet.cases[0] as World['cases'][number];
    const away = new Set(sc.professionals.slice(0, Math.floor(sc.professionals.length / 2) + 1));
    const world: World = {
      ...quiet,
      people: quiet.people.map((x) =>
        x.idx === sc.chair
          ? { ...x, sickness: [{ from: first.due, to: first.due }] }
          : away.has(x.idx)
            ? {
                ...x,
                away: [
                  { from: sc.icpc, to: addDays(first.due, -1) },
                  { from: addDays(first.due, 1), to: addDays(first.due, 90) },
                ],
              }
            : x,
      ),
    };
    expect(away.size).toBeGreaterThan(sc.professionals.length / 2);
    const product = await figures(world, 'core-groups');
    expect(product.coreGroups.cancelled).toBe(1);
    expect(product.coreGroups.late).toBe(1);
    expect(product.coreGroups.lateWorkingDays['1']).toBe(1);
    // A compliant time was seen and booked; lost on the day, none was left: counted as such.
    expect(product.coreGroups.lateAlthoughCompliantSlotSeen).toBe(1);
    expect(product.coreGroups.lateAlthoughNoneLeftAfterLoss).toBe(1);
  });

  it('the chair off sick for weeks: told, the manager adds a vice chair who chairs it in time; by hand it is late', async () => {
    // Two cases, two social workers in one manager's team; case 0's chair is off sick from its
    // conference until well after its first core group's deadline.
    const quiet = makeWorld({ ...QUIET, cases: 2, casesPerWorker: 1 });
    const first = await firstCoreGroupOf(quiet);
    const sc = quiet.cases[0] as World['cases'][number];
    expect(quiet.people.filter((x) => x.kind === 'social-worker' && x.manager === sc.manager)).toHaveLength(2);
    const world: World = {
      ...quiet,
      people: quiet.people.map((x) => (x.idx === sc.chair ? { ...x, sickness: [{ from: sc.icpc, to: addDays(first.due, 40) }] } : x)),
    };
    const product = await figures(world, 'core-groups');
    expect(product.coreGroups.viceChairsAdded).toBe(1);
    expect(product.coreGroups.chairedByViceChair).toBeGreaterThan(0);
    expect(product.coreGroups.late).toBe(0);
    expect(product.coreGroups.inWindow).toBe(product.coreGroups.due);
    const baseline = await figures(world, 'baseline');
    expect(baseline.coreGroups.viceChairsAdded).toBe(0);
    expect(baseline.coreGroups.late + baseline.coreGroups.neverHeld).toBeGreaterThan(0);
  });

  it('the chair off sick on the morning of a core group: the manager, told, adds a vice chair and it goes ahead', async () => {
    const quiet = makeWorld({ ...QUIET, cases: 2, casesPerWorker: 1 });
    const first = await firstCoreGroupOf(quiet);
    const day = londonDay(first.startsAt as string);
    const sc = quiet.cases[0] as World['cases'][number];
    const world: World = { ...quiet, people: quiet.people.map((x) => (x.idx === sc.chair ? { ...x, sickness: [{ from: day, to: day }] } : x)) };
    const product = await figures(world, 'core-groups');
    expect(product.coreGroups.cancelled).toBe(0);
    expect(product.coreGroups.chairedByViceChair).toBe(1);
    // The one the card offered: the other social worker, free that morning by their calendar.
    expect(product.coreGroups.viceChairsOffered).toBe(1);
    expect(product.coreGroups.inWindow).toBe(product.coreGroups.due);
  });

  it('delivers everything Core Groups queues, activity-feed notifications too: nothing is left waiting at the end of the year', async () => {
    const run = await runStrategy(makeWorld({ ...QUIET, cases: 2 }), 'core-groups');
    try {
      const left = await (run.store as KyselyStore).db.selectFrom('outbox').select(['kind', 'topic', 'status']).where('status', '!=', 'delivered').execute();
      expect(left).toEqual([]);
      const f = await figuresOf(run);
      // The manager is told in their feed of each set of minutes to approve, beside the card.
      expect(f.messages.byTopic['minutes.approval-request']).toBeGreaterThan(0);
      expect(f.messages.byTopic['activity.minutes-awaiting-approval']).toBe(f.messages.byTopic['minutes.approval-request']);
      expect(f.messages.feed).toBe(f.messages.byTopic['activity.minutes-awaiting-approval']);
    } finally {
      await run.close();
    }
  });

  it('refuses a bad flag in one line naming it, exit 2; --help prints the flags', async () => {
    const err: string[] = [];
    const out: string[] = [];
    expect(
      await main(
        ['--cases', 'lots'],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
    ).toBe(2);
    expect(err.join('')).toMatch(/^core-groups simulate: --cases: "lots" must be a whole number from 1 to 20000\n$/);
    expect(
      await main(
        ['--profile', 'atlantis'],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
    ).toBe(2);
    expect(
      await main(
        ['--help'],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
    ).toBe(0);
    expect(out.join('')).toContain('--busy-min');
  });
});
