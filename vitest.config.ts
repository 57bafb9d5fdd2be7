import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // lib/domain marks itself server-only so a client component importing it fails the build;
      // tests run on the server side, as the React server build resolves it (an empty module).
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.e2e/**', '.stryker-tmp/**'],
    environment: 'node',
    globalSetup: ['./vitest.global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // Hooks seed databases and run the simulator for simulated hours: vitest's 10 s default failed a
    // whole file (8 tests skipped) on a loaded 2-core machine.
    hookTimeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  },
});
