// Four projects. `dates` holds every test whose answer could depend on the machine's time zone
// (calendar, policy, scheduling); `npm test` runs it a second time under TZ=Europe/London.
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const base = { rootDir: __dirname, transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
const dateTests = '<rootDir>/test/unit/(calendar|policy|scheduling)/';

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...base, displayName: 'dates', testMatch: ['<rootDir>/test/unit/{calendar,policy,scheduling}/**/*.test.ts'] },
    {
      ...base,
      displayName: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [dateTests, '<rootDir>/test/e2e/', '/node_modules/'],
    },
    { ...base, displayName: 'tab', testEnvironment: 'jsdom', setupFiles: ['<rootDir>/test/tab/setup-jsdom.ts'], testMatch: ['<rootDir>/test/tab/**/*.test.tsx'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
