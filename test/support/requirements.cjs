// What the optional test suites need, found the way a developer has it. Plain CommonJS because
// three places read it and one of them is not compiled: jest.config.js (to leave out the suites that
// cannot run here), the not-run reporter (to say so in the run's closing lines) and the browser
// suites themselves (to launch the browser they were counted in with).
const fs = require('node:fs');

const ENABLE_BROWSER = 'npx playwright-core install chromium';

/**
 * A Chromium to drive: CHROMIUM_PATH, Debian's /usr/bin/chromium, or Playwright's own download.
 * A CHROMIUM_PATH that names nothing is an error, not a quiet fall-through to another browser.
 */
function findBrowser(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which does not exist`);
    return env.CHROMIUM_PATH;
  }
  if (fs.existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const own = require('playwright-core').chromium.executablePath();
  return own && fs.existsSync(own) ? own : undefined;
}

/** Each optional part of the run: whether it can run here, and the one thing that enables it. */
function requirements(env = process.env) {
  return [
    {
      name: 'Browser suites (test/e2e/cards, test/e2e/tab, test/e2e/outlook, test/e2e/chair-journey)',
      suites: [
        '<rootDir>/test/e2e/cards.e2e.test.ts',
        '<rootDir>/test/e2e/tab.e2e.test.ts',
        '<rootDir>/test/e2e/outlook.e2e.test.ts',
        '<rootDir>/test/e2e/chair-journey.e2e.test.ts',
      ],
      available: findBrowser(env) !== undefined,
      required: env.REQUIRE_BROWSER === '1',
      missing: "no Chromium found (CHROMIUM_PATH, /usr/bin/chromium or Playwright's own)",
      enable: `${ENABLE_BROWSER}   (or: apt-get install -y chromium, or set CHROMIUM_PATH)`,
      requiredBy: 'REQUIRE_BROWSER=1',
    },
    {
      name: 'PostgreSQL suites (test/contract on PostgreSQL, SQLite ran; test/faults two instances and the database gone)',
      suites: [
        '<rootDir>/test/contract/audit-role.contract.test.ts',
        '<rootDir>/test/faults/two-instances.pg.test.ts',
        '<rootDir>/test/faults/database-gone.pg.test.ts',
      ],
      available: Boolean(env.TEST_DATABASE_URL),
      required: env.REQUIRE_POSTGRES === '1',
      missing: 'TEST_DATABASE_URL is not set',
      enable: 'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/core_groups_test npm test   (an empty database you may drop schemas in)',
      requiredBy: 'REQUIRE_POSTGRES=1',
    },
  ];
}

/** Stops the run when CI requires a part that cannot run: CI must never pass by leaving suites out. */
function assertRequired(env = process.env) {
  const missing = requirements(env).filter((r) => r.required && !r.available);
  if (missing.length) {
    throw new Error(missing.map((r) => `${r.requiredBy} but ${r.name} cannot run: ${r.missing}. Enable with: ${r.enable}`).join('\n'));
  }
}

module.exports = { findBrowser, requirements, assertRequired };
