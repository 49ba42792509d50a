import { defineConfig } from '@playwright/test';

const WEB_URL = 'http://127.0.0.1:3100';
const isCi = !!process.env.CI;

/**
 * Journeys in Debian's chromium against the real stack (web, worker, aws-sim, Postgres), started
 * by the launcher on ports of its own with a freshly seeded database.
 */
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: isCi ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  outputDir: '../.reports/e2e-artifacts',
  use: {
    baseURL: WEB_URL,
    // An action waits for its element at most this long: a wrong locator fails fast, not at the test's end.
    actionTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node ./node_modules/tsx/dist/cli.mjs ../apps/launcher/src/e2e-stack.ts',
    url: `${WEB_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
