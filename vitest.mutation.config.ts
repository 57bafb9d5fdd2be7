import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The tests mutation testing (npm run mutate, stryker.config.json) runs against the core: the
 * tests that sit next to it and state its behaviour. Left out: the route tests and the
 * simulator-runtime tests, which run the real engine for simulated hours. With them, every
 * engine mutant is covered by hundreds of slow tests (25 min for two files), and a mutant they
 * kill is killed by a changed snapshot somewhere, not by a statement of what the code must do.
 */
const CORE_TESTS = [
  'lib/engine/**/*.test.ts',
  'lib/operations/**/*.test.ts',
  'lib/domain/operations/*.test.ts',
  'lib/domain/approvals/*.test.ts',
  'lib/domain/core/*.test.ts',
  'lib/domain/recovery/run-capacity.test.ts',
  'lib/domain/reports/sla-math.test.ts',
  'lib/domain/reports/compliance.test.ts',
  'lib/domain/reports/test-duty.test.ts',
  'lib/auth/policy.test.ts',
  'lib/auth/schemas.test.ts',
  'lib/auth/throttle.test.ts',
  'lib/core/*.test.ts',
  'lib/schemas/**/*.test.ts',
];

// Not mergeConfig: it concatenates arrays, and `include` must replace the base's list.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: CORE_TESTS,
    exclude: [...(base.test?.exclude ?? []), 'lib/domain/operations/runtime-operations.test.ts'],
  },
});
