// @ts-check
import fs from 'node:fs';

/** The permission table's static mutants; module-level data, so the main run ignores them as
 * static (each would rerun every test importing the domain). Here they run against the one test
 * that states the matrix (MUTATION_TESTS=permissions), in seconds. */
const base = JSON.parse(fs.readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));
delete base.$schema;
delete base._comment;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  ...base,
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  ignoreStatic: false,
  mutate: ['lib/auth/policy.ts'],
  incrementalFile: 'reports/mutation/permissions/incremental.json',
  htmlReporter: { fileName: 'reports/mutation/permissions/index.html' },
  jsonReporter: { fileName: 'reports/mutation/permissions/mutation.json' },
  tempDirName: '.stryker-tmp-permissions',
};

export default config;
