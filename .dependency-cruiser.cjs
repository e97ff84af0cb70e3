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
      name: 'botbuilder-stays-in-bot',
      comment: 'Bot Framework SDK is end-of-life; keeping it in bot/ means a move to its successor touches one folder.',
      severity: 'error',
      from: { pathNot: '^bot/' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
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
