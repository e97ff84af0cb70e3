/* global console */
// One instance's card delivery, as the server runs it (the built code: the outbox worker, the card
// deliveries and the Teams messenger through the Bot Framework adapter), on a PostgreSQL schema
// shared with other instances. The fault tests run two of these and kill one with SIGKILL.
// Settings: DATABASE_URL, DB_SCHEMA, WORKER_ID, LEASE_MS. Prints "ready" once it is delivering.
const dist = require('node:path').resolve(__dirname, '../../dist');
const { openStore } = require(`${dist}/src/adapters/store/open-store`);
const { startOutboxWorker } = require(`${dist}/src/app/outbox-worker`);
const { cardDeliveries } = require(`${dist}/bot/deliveries`);
const { teamsMessenger } = require(`${dist}/bot/host/teams-messenger`);
const { createAdapter } = require(`${dist}/bot/host/create-adapter`);
const { builtInRegistry } = require(`${dist}/src/domain/policy`);
const { systemClock } = require(`${dist}/src/ports/clock`);

async function main() {
  const store = await openStore({ kind: 'postgres', url: process.env.DATABASE_URL, schema: process.env.DB_SCHEMA, poolSize: 4 });
  const ctx = { store, clock: systemClock, profiles: builtInRegistry };
  const adapter = createAdapter({}, async () => undefined);
  const links = { caseUrl: (id) => `http://127.0.0.1/#/cases/${id}`, minutesUrl: (id) => `http://127.0.0.1/#/minutes/${id}` };
  const log = (message, error) => console.error(`[${process.env.WORKER_ID}] ${message}`, error ?? '');
  const worker = startOutboxWorker(
    {
      store,
      clock: systemClock,
      deliver: cardDeliveries(ctx, teamsMessenger({ adapter, appId: '', store, clock: systemClock }), links),
      kinds: ['card'],
      workerId: process.env.WORKER_ID,
      leaseMs: Number(process.env.LEASE_MS),
      log,
    },
    200,
  );
  console.log('ready');
  process.once(
    'SIGTERM',
    () =>
      void worker
        .stop()
        .then(() => store.close())
        .then(() => process.exit(0)),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
