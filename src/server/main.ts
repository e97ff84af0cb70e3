import { tabLinks } from './tab-links';
import { CardActionThread } from './card-action-thread';
import { openLinkRoute } from './http/open-link';
import os from 'node:os';
import { activityDeliveries } from '../app/activity-deliveries';
import { graphActivityFeed } from '../adapters/graph/graph-activity-feed';
import { fileActivityFeed } from '../adapters/local/file-activity-feed';
import path from 'node:path';
import { cardDeliveries } from '../../bot/deliveries';
import { teamsMessenger } from '../../bot/host/teams-messenger';
import { graphAppInstaller } from '../adapters/graph/graph-app-installer';
import { GraphCalendar, GraphCalendarChanges } from '../adapters/graph/graph-calendar';
import { graphClient } from '../adapters/graph/graph-client';
import { graphMailer } from '../adapters/graph/graph-mailer';
import { appOnlyAuth, entraApp, onBehalfOfAuth } from '../adapters/graph/msal-auth';
import { graphDirectory } from '../adapters/graph/graph-directory';
import { calendarDeliveries } from '../app/calendar-sync';
import { mailDeliveries } from '../app/mail-deliveries';
import { startOutboxWorker } from '../app/outbox-worker';
import { warnChairIfDeadlineAtRisk } from '../app/delivery-at-risk';
import { ClaimedMessage } from '../ports/outbox-topics';
import { scheduleReminders } from '../app/reminders';
import { checkChairCover } from '../app/chair-cover';
import { CoreGroupsBot } from '../../bot/core-groups-bot';
import { createAdapter } from '../../bot/host/create-adapter';
import { messagesEndpoint } from '../../bot/host/messages-endpoint';
import { AppContext } from '../app/context';
import { openStore } from '../adapters/store/open-store';
import { ConfigError, loadConfig } from '../config';
import { SendLimiter } from '../domain/delivery/rate-limits';
import { builtInRegistry } from '../domain/policy';
import { Clock, systemClock } from '../ports/clock';
import { devSignInAuthenticator } from './auth/dev-sign-in';
import { teamsSsoAuthenticator } from './auth/teams-sso';
import { DEMO_PEOPLE, seedDemo } from './demo-data';
import { createHttpApp } from './http/create-app';
import { RateLimits } from './http/rate-limit';
import { graphNotificationsHandler } from './graph-notifications';
import { keepGraphSubscriptions } from './graph-subscriptions';
import { localCalendarFor, mountLocalCalendarRoutes } from './local-calendar';

/**
 * The composition root: the only place that reads the environment (through config) and chooses
 * adapters. Local mode: SQLite under ./data, demo data, bot without an app id, dev sign-in.
 */
export async function start(env: NodeJS.ProcessEnv = process.env, options: { clock?: Clock; limits?: RateLimits } = {}) {
  const config = loadConfig(env);
  const store = await openStore(config.store);
  // Tests pass a clock they control; everything here (workers, reminders, cards) reads this one.
  const clock = options.clock ?? systemClock;
  const ctx: AppContext = {
    store,
    clock,
    profiles: builtInRegistry,
    workingHours: config.workingHours,
    ...(config.officeAddress ? { officeAddress: config.officeAddress } : {}),
  };
  if (config.mode === 'local' && !(await store.transaction((tx) => tx.people.byEmail(DEMO_PEOPLE.sam.email)))) {
    await seedDemo(ctx);
    console.log('Seeded demo cases (invented people) into the local store.');
  }
  const log = (message: string, error?: unknown) => console.error(`[core-groups] ${message}`, error);
  const links = tabLinks(config.publicBaseUrl, config.entra?.teamsAppId);
  // Before any worker or timer starts: a thread that cannot start stops start-up and leaves nothing running.
  const actionThread = config.cardActionThread
    ? await CardActionThread.start(
        {
          // PostgreSQL: a pool of its own, smaller than the server's (a card action is one short transaction).
          store: config.store.kind === 'postgres' ? { ...config.store, poolSize: 5 } : config.store,
          publicBaseUrl: config.publicBaseUrl,
          ...(config.entra?.teamsAppId ? { teamsAppId: config.entra.teamsAppId } : {}),
          workingHours: config.workingHours,
          ...(config.officeAddress ? { officeAddress: config.officeAddress } : {}),
        },
        clock,
        { log },
      ).catch(async (e: unknown) => {
        await store.close();
        throw e;
      })
    : undefined;
  const adapter = createAdapter(config.bot ?? {}, async (context, error) => {
    log('bot turn failed', error);
    // The apology goes back through the channel's service; when that is what failed, it is logged too, not thrown again.
    await context.sendActivity('Sorry, something went wrong on our side. It has been logged.').catch((e: unknown) => log('bot could not send its apology', e));
  });
  // Calendar writes and mail: local mode's embedded calendar (with .ics feeds and invitations) and
  // .eml files under ./data/outbox.
  // In production, Outlook and sendMail through Microsoft Graph (app-only, MSAL).
  const localCalendar = config.mode === 'local' ? localCalendarFor(config.dataDir, store, ctx) : undefined;
  // One MSAL client for the process, so its token cache (app and on-behalf-of tokens) is shared.
  const entra = config.entra;
  const msal = entra ? entraApp(entra) : undefined;
  const graph = msal && entra ? graphClient({ authProvider: appOnlyAuth(msal), baseUrl: entra.graphBaseUrl }) : undefined;
  const directoryFor =
    msal && entra
      ? (bearer: string) =>
          graphDirectory(
            graphClient({ authProvider: onBehalfOfAuth(msal, bearer, ['https://graph.microsoft.com/User.ReadBasic.All']), baseUrl: entra.graphBaseUrl }),
            'people',
          )
      : undefined;
  const calendarPort = localCalendar?.calendar ?? (graph ? new GraphCalendar(graph, config.mailFrom as string) : undefined);
  const mailer = localCalendar?.mailer ?? (graph ? graphMailer(graph) : undefined);
  // Moves made in Outlook: change notifications to a public HTTPS endpoint, plus the delta query.
  const graphChanges = graph ? new GraphCalendarChanges(graph) : undefined;
  const keepSubscriptions = () =>
    graphChanges && config.entra
      ? keepGraphSubscriptions(ctx, graphChanges, `${config.publicBaseUrl}/api/graph/notifications`, config.entra.notificationSecret, log).catch((e: unknown) =>
          log('graph subscriptions', e),
        )
      : Promise.resolve();
  // The activity feed: Graph in production (deep links into the app's tab), a file in local mode.
  // Something a deadline depends on that waits on Teams or Microsoft 365 for half an hour: the chair is told.
  const stillWaiting = (message: ClaimedMessage, waitedMs: number) => warnChairIfDeadlineAtRisk(ctx, message, waitedMs);
  const feed =
    graph && entra?.teamsAppId
      ? graphActivityFeed(graph, entra.teamsAppId)
      : config.mode === 'local'
        ? fileActivityFeed(config.dataDir, () => clock.now())
        : undefined;
  const localWorkers = [
    ...(feed
      ? [
          startOutboxWorker({
            store,
            clock,
            deliver: activityDeliveries(ctx, feed),
            kinds: ['activity'],
            workerId: `${os.hostname()}:${process.pid}:activity`,
            leaseMs: config.outboxLeaseMs,
            stillWaiting,
            log,
          }),
        ]
      : []),
    ...(calendarPort
      ? [
          startOutboxWorker({
            store,
            clock,
            deliver: calendarDeliveries(ctx, calendarPort),
            kinds: ['calendar'],
            workerId: `${os.hostname()}:${process.pid}:calendar`,
            leaseMs: config.outboxLeaseMs,
            stillWaiting,
            log,
          }),
        ]
      : []),
    ...(mailer
      ? [
          startOutboxWorker({
            store,
            clock,
            deliver: mailDeliveries(ctx, mailer, config.mailFrom ?? 'core-groups@localhost'),
            kinds: ['mail'],
            workerId: `${os.hostname()}:${process.pid}:mail`,
            leaseMs: config.outboxLeaseMs,
            stillWaiting,
            log,
          }),
        ]
      : []),
  ];

  const authenticator = config.entra
    ? teamsSsoAuthenticator({
        tenantId: config.entra.tenantId,
        clientId: config.entra.clientId,
        appIdUri: config.entra.tabAudience,
        authorityHost: config.entra.authorityHost,
      })
    : devSignInAuthenticator(async (id) => Boolean(await store.transaction((tx) => tx.people.byId(id))));
  const bot = new CoreGroupsBot({
    ctx,
    links,
    log,
    ...(actionThread ? { actionRunner: actionThread.run } : {}),
    ...(calendarPort ? { scheduling: { calendar: calendarPort, durationMinutes: config.meetingMinutes, workingHours: config.workingHours } } : {}),
  });
  const app = createHttpApp({
    ctx,
    authenticator,
    devSignIn: config.devSignIn,
    httpsOnly: config.mode === 'production',
    trustProxy: config.trustProxy,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(directoryFor ? { directoryFor } : {}),
    ...(calendarPort ? { calendar: calendarPort } : {}),
    meetingMinutes: config.meetingMinutes,
    botEndpoint: messagesEndpoint(adapter, bot, log),
    // The built tab: dist/tab beside dist/src when running the build, <repo>/dist/tab from source.
    tabDir: config.tabDir ?? path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../tab' : '../../dist/tab'),
    log,
    extraRoutes: (express) => {
      openLinkRoute(links)(express);
      if (localCalendar) mountLocalCalendarRoutes(express, localCalendar.calendar, store, ctx, config);
      if (graphChanges && config.entra) {
        express.post(
          '/api/graph/notifications',
          graphNotificationsHandler(ctx, graphChanges, config.entra.notificationSecret, log, async (event, subscriptionId) => {
            // A removed subscription is forgotten so the keeper makes a new one; every lifecycle event runs the keeper (and its delta).
            if (event === 'subscriptionRemoved') await store.graphSubscriptions.removed(subscriptionId);
            await keepSubscriptions();
          }),
        );
      }
      if (!config.devSignIn) return;
      // Local mode only: who you can sign in as. Refused by config in production.
      express.get('/api/dev/users', (_req, res, next) => {
        store
          .transaction(async (tx) => Promise.all(Object.values(DEMO_PEOPLE).map(async (p) => ({ ...(await tx.people.byEmail(p.email)), role: p.role }))))
          .then((people) => res.json({ devSignIn: true, people: people.filter((p) => p.id) }), next);
      });
    },
  });
  // Cards go out through the outbox: claimed in the database, paced to Teams' limits, retried.
  const worker = startOutboxWorker({
    store,
    clock,
    deliver: cardDeliveries(
      ctx,
      teamsMessenger({
        adapter,
        appId: config.bot?.appId ?? '',
        store,
        clock,
        limiter: new SendLimiter(config.teamsSendShare),
        ...(graph && config.entra?.teamsAppCatalogId ? { installer: graphAppInstaller(graph, config.entra.graphBaseUrl, config.entra.teamsAppCatalogId) } : {}),
      }),
      links,
    ),
    kinds: ['card'],
    workerId: `${os.hostname()}:${process.pid}`,
    leaseMs: config.outboxLeaseMs,
    stillWaiting,
    log,
  });
  // The reminder scan is idempotent (keys name the day), so every instance may run it hourly.
  const scan = async () => {
    await scheduleReminders(ctx).catch((e: unknown) => log('reminder scan failed', e));
    // Who chairs today's and tomorrow's core groups, as their calendars say (idempotent by meeting and time, too).
    if (calendarPort) await checkChairCover(ctx, calendarPort).catch((e: unknown) => log('chair cover check failed', e));
  };
  void scan();
  void keepSubscriptions();
  const reminders = setInterval(() => {
    void scan();
    void keepSubscriptions();
  }, 3_600_000);
  reminders.unref();
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const stop = async () => {
    clearInterval(reminders);
    await worker.stop();
    for (const w of localWorkers) await w.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await actionThread?.stop();
    await store.close();
  };
  // scan runs the hourly scan now (reminders, then who chairs what is about to happen), and resolves when it is done.
  return { config, server, stop, scan };
}

if (require.main === module) {
  start().then(
    ({ config, stop }) => {
      console.log(`Core Groups is running in ${config.mode} mode on ${config.publicBaseUrl}`);
      if (config.mode === 'local') {
        console.log(`  Tab (dev sign-in):      ${config.publicBaseUrl}/`);
        console.log(`  Bot endpoint:           ${config.publicBaseUrl}/api/messages  (npm run playground for the Microsoft 365 Agents Playground)`);
        console.log(`  Health:                 ${config.publicBaseUrl}/healthz`);
        console.log(`  Try the API:            curl -H 'x-dev-user: <id from /api/dev/users>' ${config.publicBaseUrl}/api/me/work`);
      }
      const shutdown = () => void stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (e: unknown) => {
      console.error(e instanceof ConfigError ? e.message : e);
      process.exitCode = 1;
    },
  );
}
