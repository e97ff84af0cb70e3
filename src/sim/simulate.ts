import { figuresOf, Figures } from './figures';
import { SimParams } from './params';
import { runStrategy, StrategyName } from './run';
import { makeWorld } from './world';

export interface SimulationResult {
  readonly params: SimParams;
  readonly world: { readonly people: number; readonly cases: number; readonly socialWorkers: number; readonly professionals: number };
  readonly strategies: Record<StrategyName, Figures>;
  readonly seconds: Record<StrategyName, number>;
}

/** One strategy's year, its figures and how long it took. */
export interface StrategyYear {
  readonly figures: Figures;
  readonly seconds: number;
}

/** Runs both strategies' years on the world the parameters make, in the order of STRATEGIES. */
export type StrategyRunner = (params: SimParams) => Promise<readonly StrategyYear[]>;

export const STRATEGIES: readonly StrategyName[] = ['baseline', 'core-groups'];

/** One strategy's year. The world is made from the seed, so every run of it has the same one. */
export async function strategyYear(params: SimParams, strategy: StrategyName): Promise<StrategyYear> {
  const started = process.hrtime.bigint();
  const run = await runStrategy(makeWorld(params), strategy);
  try {
    const figures = await figuresOf(run);
    return { figures, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await run.close();
  }
}

/** Both years in this thread, one after the other. (threads.ts runs each in a thread of its own.) */
export const inThisThread: StrategyRunner = async (params) => {
  const years: StrategyYear[] = [];
  for (const strategy of STRATEGIES) years.push(await strategyYear(params, strategy));
  return years;
};

/**
 * One simulated year, the same world run twice: the careful chair by hand, and the chair with Core
 * Groups. The two runs share nothing but the seeded world.
 */
export async function simulate(params: SimParams, runner: StrategyRunner = inThisThread): Promise<SimulationResult> {
  const years = await runner(params);
  const strategies = {} as Record<StrategyName, Figures>;
  const seconds = {} as Record<StrategyName, number>;
  STRATEGIES.forEach((name, i) => {
    strategies[name] = (years[i] as StrategyYear).figures;
    seconds[name] = (years[i] as StrategyYear).seconds;
  });
  const world = makeWorld(params);
  const count = (k: string) => world.people.filter((p) => p.kind === k).length;
  return {
    params,
    world: { people: world.people.length, cases: world.cases.length, socialWorkers: count('social-worker'), professionals: count('professional') },
    strategies,
    seconds,
  };
}
