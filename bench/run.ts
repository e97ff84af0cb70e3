import { runPolicyBench } from './policy/policy-bench';
import { runStoreBench } from './store/store-bench';
import { runGraphBench } from './graph/graph-bench';
import { runBotBench } from './bot/bot-bench';
import { runSimulateBench } from './simulate/simulate-bench';
import { runApiBench } from './api/api-bench';
import { runTabBench } from './tab/tab-bench';
import { runFanoutBench } from './fanout/fanout-bench';

/** `npm run bench`: every benchmark, each beside a baseline measured in the same run. */
async function main(): Promise<void> {
  // `npm run bench -- NAME --json`: NAME picks one bench; --json adds a JSON line per measure (bench/report.ts).
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const benches: Record<string, () => void | Promise<void>> = {
    policy: runPolicyBench,
    store: runStoreBench,
    api: runApiBench,
    tab: runTabBench,
    graph: runGraphBench,
    bot: runBotBench,
    fanout: runFanoutBench,
    simulate: runSimulateBench,
  };
  for (const [name, run] of Object.entries(benches)) {
    if (only && only !== name) continue;
    await run();
    console.log('');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
