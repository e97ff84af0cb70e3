/**
 * The Teams bot as the server mounts it: the botbuilder host (bot/host/teams-bot.ts) around the
 * core (bot/core). Kept at this path so the server, benches and tests import it as before.
 */
export { CoreGroupsBot } from './host/teams-bot';
export type { BotDeps } from './host/teams-bot';
