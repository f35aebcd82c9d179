/* Browser end-to-end tests of the H5 build against the real server (`npm run test:browser`).
 * The global setup builds the H5 app if needed and starts the server; every spec shares that one
 * server and its seeded demo database, and later services use what earlier ones left (李会员's
 * household filed in hardship, a running public notice, ...): one worker, and each spec a project
 * that depends on the one before it, in the order below. */
import { defineConfig } from '@playwright/test';

/** Debian's chromium (never a downloaded browser), with the flags the machine needs. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The specs in the order they run: membership (join + workbench) first, a11y report last. */
const SPECS = ['membership', 'hardship', 'campaigns', 'hardship-tools', 'calendar', 'legal', 'contest', 'a11y'];

export default defineConfig({
  testDir: './e2e',
  outputDir: './artifacts/test-results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // One test is a whole scenario of one service (dozens of screens, each checked with axe and at small sizes).
  timeout: 10 * 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: './artifacts/playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: SPECS.map((name, i) => ({
    name,
    testMatch: new RegExp(`[\\\\/]${name}\\.spec\\.ts$`),
    dependencies: i > 0 ? [SPECS[i - 1]] : [],
  })),
});
