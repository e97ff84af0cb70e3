import { parseArgs } from 'node:util';
import { bulkLoad } from '../adapters/store/bulk-load';
import { KyselyStore } from '../adapters/store/kysely-store';
import { openStore, StoreSettings } from '../adapters/store/open-store';
import { isLocalDate, LocalDate } from '../domain/calendar/local-date';
import { syntheticData } from './synthetic-cases';

/**
 * `npm run seed -- --cases 50000 [--seed 1] [--today YYYY-MM-DD] [--database-url postgres://…]`
 * Loads realistic synthetic cases (invented names) into the local SQLite store, or PostgreSQL.
 */
export async function seed(settings: StoreSettings, options: { cases: number; seed: number; today: LocalDate }) {
  const data = syntheticData(options);
  const store = (await openStore(settings)) as KyselyStore;
  try {
    await bulkLoad(store.db, data, `${options.today}T00:00:00.000Z`);
  } finally {
    await store.close();
  }
  return data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      'database-url': { type: 'string' },
      file: { type: 'string', default: './data/core-groups.sqlite' },
    },
  });
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new Error(`--cases: "${values.cases}" must be a whole number ≥ 1`);
  const today = (values.today ?? new Date().toISOString().slice(0, 10)) as LocalDate;
  if (!isLocalDate(today)) throw new Error(`--today: "${values.today}" is not a date in the form YYYY-MM-DD`);
  const settings: StoreSettings = values['database-url'] ? { kind: 'postgres', url: values['database-url'] } : { kind: 'sqlite', file: values.file as string };
  const started = Date.now();
  const data = await seed(settings, { cases, seed: Number(values.seed), today });
  console.log(
    `seeded ${data.cases.length} cases, ${data.people.length} people, ${data.obligations.length} obligations into ${settings.kind} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`core-groups seed: ${(e as Error).message}`);
    process.exitCode = 2;
  });
}
