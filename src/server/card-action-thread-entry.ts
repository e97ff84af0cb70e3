import { parentPort, workerData } from 'node:worker_threads';
import { cardActions } from '../../bot/core/card-actions';
import { AppContext } from '../app/context';
import { openStore } from '../adapters/store/open-store';
import { isDomainError } from '../domain/errors';
import { builtInRegistry } from '../domain/policy';
import { Store } from '../ports/store';
import { ActionAnswer, ActionCall, CardActionThreadSettings, ThreadStatus } from './card-action-thread';
import { tabLinks } from './tab-links';

/**
 * The card-action thread (see card-action-thread.ts): a composition root of its own, which opens
 * the server's store (already migrated by the server) and runs each card action it is sent with the
 * same handlers, context and links as the server would, as of the server's "now" for that action.
 */
const settings = workerData as CardActionThreadSettings;
const port = parentPort;
if (!port) throw new Error('card-action-thread-entry runs only as a worker thread');
const links = tabLinks(settings.publicBaseUrl, settings.teamsAppId);
const opening = openStore(settings.store, { migrate: false });

const contextFor = (store: Store, now: string): AppContext => ({
  store,
  clock: { now: () => now },
  profiles: builtInRegistry,
  ...(settings.workingHours ? { workingHours: settings.workingHours } : {}),
  ...(settings.officeAddress ? { officeAddress: settings.officeAddress } : {}),
});

async function answer(call: ActionCall): Promise<ActionAnswer> {
  try {
    const ctx = contextFor(await opening, call.now);
    return { id: call.id, card: await cardActions({ ctx, links })[call.verb](call.actor, call.data) };
  } catch (e) {
    if (isDomainError(e)) return { id: call.id, refusal: { code: e.code, category: e.category, message: e.message, fields: e.fields } };
    return { id: call.id, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

port.on('message', (call: ActionCall) => void answer(call).then((a) => port.postMessage(a)));
opening.then(
  () => port.postMessage({ ready: true } satisfies ThreadStatus),
  (e: unknown) => {
    port.postMessage({ ready: false, failure: e instanceof Error ? e.message : String(e) } satisfies ThreadStatus);
    process.exit(1);
  },
);
