// Four projects. `dates` holds every test whose answer could depend on the machine's time zone
// (calendar, policy, scheduling); `npm test` runs it a second time under TZ=Europe/London.
const { assertRequired, requirements } = require('./test/support/requirements.cjs');

const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const base = { rootDir: __dirname, transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'json'] };
const dateTests = '<rootDir>/test/unit/(calendar|policy|scheduling)/';

// Suites whose browser or database is missing here are left out (and named at the end of the run);
// CI sets REQUIRE_BROWSER and REQUIRE_POSTGRES, and then a missing one stops the run instead.
assertRequired();
const cannotRun = requirements()
  .filter((r) => !r.available)
  .flatMap((r) => r.suites);
const escape = (p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/not-run-reporter.cjs'],
  projects: [
    { ...base, displayName: 'dates', testMatch: ['<rootDir>/test/unit/{calendar,policy,scheduling}/**/*.test.ts'] },
    {
      ...base,
      displayName: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [dateTests, '<rootDir>/test/e2e/', '/node_modules/', ...cannotRun.map(escape)],
    },
    // The tab opens its views with import() (chunks of their own in the browser); Jest runs CommonJS,
    // so there import() becomes require, and './team-page.js' is the .tsx beside it, as Vite reads it.
    {
      ...base,
      displayName: 'tab',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'bundler' } }] },
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/test/tab/setup-jsdom.ts'],
      testMatch: ['<rootDir>/test/tab/**/*.test.tsx'],
    },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', ...cannotRun.map(escape)] },
  ],
};
