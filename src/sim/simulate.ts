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

/** One simulated year, the same world run twice: the careful chair by hand, then the chair with Core Groups. */
export async function simulate(params: SimParams): Promise<SimulationResult> {
  const world = makeWorld(params);
  const strategies = {} as Record<StrategyName, Figures>;
  const seconds = {} as Record<StrategyName, number>;
  for (const name of ['baseline', 'core-groups'] as const) {
    const started = process.hrtime.bigint();
    const run = await runStrategy(world, name);
    try {
      strategies[name] = await figuresOf(run);
    } finally {
      await run.close();
    }
    seconds[name] = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const count = (k: string) => world.people.filter((p) => p.kind === k).length;
  return {
    params,
    world: { people: world.people.length, cases: world.cases.length, socialWorkers: count('social-worker'), professionals: count('professional') },
    strategies,
    seconds,
  };
}
