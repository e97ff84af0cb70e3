import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/cli-error';
import { HELP, parseFlags } from '../cli/flags';
import { paramsFrom, SIM_FLAGS, usage } from './params';
import { htmlReport, table } from './report';
import { simulate } from './simulate';
import { inThreads } from './threads';

/** `npm run simulate -- --cases 1000 --from 2027-01-04 --days 365 --seed 7 [--profile …] [--json] [--out DIR]` */
export async function main(
  args: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  let values;
  let params;
  try {
    values = parseFlags(args, SIM_FLAGS, 'simulate');
    if (values === HELP) {
      out(`${usage()}\n`);
      return 0;
    }
    params = paramsFrom(values);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`core-groups simulate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // Each strategy in a thread of its own (the figures are those of one thread: see threads.ts).
  const result = await simulate(params, inThreads);
  if (values.out) {
    const dir = path.resolve(values.out);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'report.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'report.html'), htmlReport(result));
  }
  out(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${table(result)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`core-groups simulate: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 1;
    },
  );
}
