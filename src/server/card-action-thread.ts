import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ActionRunner } from '../../bot/core/deps';
import { AdaptiveCardJson } from '../../bot/cards/expand';
import { StoreVerb } from '../../bot/verbs';
import { Actor } from '../domain/access/access-rules';
import { DomainError, ErrorCategory, FieldProblem } from '../domain/errors';
import { WorkingHours } from '../domain/meeting/booking-time';
import { StoreSettings } from '../adapters/store/open-store';
import { Clock } from '../ports/clock';

/** What the thread is made with: enough to open the same store and make the same links as the server. */
export interface CardActionThreadSettings {
  readonly store: StoreSettings;
  readonly publicBaseUrl: string;
  readonly teamsAppId?: string;
  readonly workingHours?: WorkingHours;
  readonly officeAddress?: string;
}

/** One card action, sent to the thread: `now` is the server's, so the thread's use cases read the server's clock. */
export interface ActionCall {
  readonly id: number;
  readonly verb: StoreVerb;
  readonly actor: Actor;
  readonly data: Record<string, unknown>;
  readonly now: string;
}

/** The thread's answer: the card, the refusal as the DomainError's parts, or what went wrong otherwise (for the log). */
export type ActionAnswer =
  | { readonly id: number; readonly card: AdaptiveCardJson }
  | { readonly id: number; readonly refusal: { code: string; category: ErrorCategory; message: string; fields: readonly FieldProblem[] } }
  | { readonly id: number; readonly failure: string };

/** The thread says it has opened the store, or why it could not. */
export type ThreadStatus = { readonly ready: true } | { readonly ready: false; readonly failure: string };

/**
 * The compiled thread entry (a worker thread runs JavaScript): beside this file in the build, and the
 * build's own when the server runs from its TypeScript sources (tests), as the tab's files are.
 */
export const CARD_ACTION_THREAD_ENTRY = path.resolve(
  __dirname,
  __dirname.split(path.sep).includes('dist') ? 'card-action-thread-entry.js' : '../../dist/src/server/card-action-thread-entry.js',
);

interface Waiting {
  readonly resolve: (card: AdaptiveCardJson) => void;
  readonly reject: (e: Error) => void;
}

/**
 * Card actions in a thread of their own (CARD_ACTION_THREAD=on). A card action's handler (the use
 * case, its SQLite statements and the answering card's templating) is most of a submit's cost, and
 * all of it synchronous: in the server's thread it holds up every other request while it runs. Here
 * it runs beside the HTTP work on another core, over its own connection to the same database; the
 * server's thread keeps what Teams' request needs (the adapter, who is acting, the refusal's audit).
 *
 * If the thread stops (a crash, an error it could not answer), the card actions waiting on it are
 * answered as failures (the person sees "something went wrong", the log says why) and the next card
 * action starts another.
 */
export class CardActionThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private stopped = false;
  private started = false;

  private constructor(
    private readonly settings: CardActionThreadSettings,
    private readonly clock: Clock,
    private readonly entry: string,
    private readonly log?: (message: string, error?: unknown) => void,
  ) {}

  /** Starts the thread and waits until it has opened the store: a server that cannot run it does not start. */
  static async start(
    settings: CardActionThreadSettings,
    clock: Clock,
    options: { entry?: string; log?: (message: string, error?: unknown) => void } = {},
  ): Promise<CardActionThread> {
    const thread = new CardActionThread(settings, clock, options.entry ?? CARD_ACTION_THREAD_ENTRY, options.log);
    const worker = thread.spawn();
    // Held until it is ready: while the server starts, this thread may be all that keeps the process
    // running, and a process that ended here would leave start-up neither done nor failed.
    await thread.ready(worker);
    thread.started = true;
    worker.unref();
    return thread;
  }

  /** Runs one card action in the thread (see ActionRunner). */
  readonly run: ActionRunner = (verb, actor, data) => {
    if (this.stopped) return Promise.reject(new Error('The card-action thread has stopped.'));
    let worker = this.worker;
    if (!worker) {
      // After a crash: a new thread, which (like the first once ready) keeps no stopping process alive.
      worker = this.spawn();
      worker.unref();
    }
    const id = this.nextId++;
    const call: ActionCall = { id, verb, actor, data, now: this.clock.now() };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(call);
    });
  };

  /** Card actions waiting for the thread's answer. */
  get inFlight(): number {
    return this.waiting.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failWaiting(new Error('The card-action thread has stopped.'));
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.entry, { workerData: this.settings });
    worker.on('message', (m: ActionAnswer | ThreadStatus) => {
      if ('ready' in m) return;
      const waiting = this.waiting.get(m.id);
      if (!waiting) return;
      this.waiting.delete(m.id);
      if ('card' in m) waiting.resolve(m.card);
      else if ('refusal' in m) waiting.reject(new DomainError(m.refusal.code, m.refusal.category, m.refusal.message, m.refusal.fields));
      else waiting.reject(new Error(`a card action failed in its thread: ${m.failure}`));
    });
    worker.on('error', (e) => this.lost(worker, e));
    worker.on('exit', (code) => this.lost(worker, new Error(`the card-action thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private ready(worker: Worker): Promise<void> {
    return new Promise((resolve, reject) => {
      const status = (m: ActionAnswer | ThreadStatus) => {
        if (!('ready' in m)) return;
        worker.off('message', status);
        if (m.ready) resolve();
        else reject(new Error(`the card-action thread could not start: ${m.failure}`));
      };
      worker.on('message', status);
      worker.once('error', (e) => reject(new Error(`the card-action thread could not start: ${e.message}`)));
      worker.once('exit', (code) => reject(new Error(`the card-action thread could not start (exit code ${code})`)));
    });
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.failWaiting(error);
    // Before it was first ready, start() says why instead.
    if (this.started && !this.stopped) this.log?.('the card-action thread stopped; the next card action starts another', error);
  }

  private failWaiting(error: Error): void {
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
