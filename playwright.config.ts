import { defineConfig } from '@playwright/test';
import { assertLocalTestDatabase, e2eDatabaseFile } from './e2e/support/run-dir';
import { portalServerCommand } from './e2e/support/server';

/**
 * End-to-end tests against the built portal (`next build` first: scripts/e2e.sh) in Debian's
 * Chromium. Each run starts the server on a fresh database under .e2e/, which the app migrates
 * and seeds with the demo data on start (DEMO=1).
 */
const CI = Boolean(process.env.CI);
const PORT = Number(process.env.E2E_PORT ?? 3200);
const baseURL = `http://localhost:${PORT}`;
// Created once by the runner process (workers reload this file and reuse the same path). The
// server migrates and seeds the empty file itself on start (instrumentation.ts), exactly as
// `npm run demo` does on a fresh machine.
const databaseFile = assertLocalTestDatabase(e2eDatabaseFile());

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // One worker everywhere: the specs share one server and database, and several take sites or
  // links down or fail a group over (operation-safety, live-data), which a spec running beside
  // them on another worker would see. Two cores also run the server and the simulator.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      // Debian's chromium (scripts/ensure-chromium.sh), never a downloaded browser.
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts$/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts$/, dependencies: ['setup'] },
  ],
  webServer: {
    // The portal's own server (server.mjs, as `npm start`), which decides the client address.
    command: portalServerCommand(PORT),
    url: `${baseURL}/login`,
    // Never reuse a server: it would hold another database than this run's fresh one.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL: databaseFile,
      // The demo users the specs sign in as: without DEMO=1 an empty database gets one staff account only.
      DEMO: '1',
      // Ten simulated seconds per second: syncs and failovers finish within a test's patience.
      SIM_SPEED: process.env.E2E_SIM_SPEED ?? '10',
      AUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
      NEXT_TELEMETRY_DISABLED: '1',
      // e2e/notifications.spec.ts: its webhook receiver listens on 127.0.0.1, and mail goes out
      // after a five-second digest window rather than a minute.
      WEBHOOK_ALLOW_PRIVATE: '1',
      MAIL_DIGEST_SECONDS: '5',
      PORTAL_URL: baseURL,
      PORT: String(PORT),
    },
  },
});
