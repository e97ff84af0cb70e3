/** Layer rules from DESIGN.md: a functional core, ports at its edge, adapters chosen only at start-up. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside itself but date-fns, @date-fns/tz, date-holidays and zod.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', 'node_modules/(date-fns|@date-fns/tz|date-holidays|zod)/'],
      },
    },
    {
      name: 'app-uses-ports-not-adapters',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|server)/' },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { path: '^src/(adapters|server|app)/' },
    },
    {
      name: 'surfaces-never-touch-adapters',
      severity: 'error',
      from: { path: '^(bot|tab)/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'tab-talks-http-only',
      severity: 'error',
      from: { path: '^tab/' },
      to: { path: '^(src/(app|server|ports)|bot)/' },
    },
    {
      name: 'botbuilder-stays-in-bot-host',
      comment:
        'The Bot Framework SDK has reached end of support: only bot/host converts its TurnContext to and from the bot core, so a move to the Microsoft 365 Agents SDK or the Teams SDK touches that folder alone.',
      severity: 'error',
      from: { pathNot: '^bot/host/' },
      to: { path: 'node_modules/(botbuilder|botframework-|botbuilder-core)' },
    },
    {
      name: 'bot-core-knows-no-host',
      comment: 'The core (commands, card actions, cards, deliveries) takes plain inputs; the host depends on it, never the reverse.',
      severity: 'error',
      from: { path: '^bot/(core|cards)/|^bot/(deliveries|views|verbs|submit-schemas)\\.ts$' },
      to: { path: '^bot/host/' },
    },
    {
      name: 'only-composition-root-chooses-adapters',
      severity: 'error',
      from: { path: '^(src/(domain|app|ports)|bot)/' },
      to: { path: '^src/adapters/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
