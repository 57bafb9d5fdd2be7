import coreWebVitals from 'eslint-config-next/core-web-vitals';
import typescript from 'eslint-config-next/typescript';

const config = [
  ...coreWebVitals,
  ...typescript,
  // Issue 14's layering: app/ and components/ reach data through lib/domain (the handle from
  // lib/domain/core/database or apiRoute's ctx.db), and lib/schemas, which db/schema imports its
  // enumerations from, stays free of db/. Route tests still set up and inspect rows directly.
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'lib/schemas/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/db', '@/db/*'], message: 'Go through lib/domain (getDb from lib/domain/core/database, enums from lib/schemas).' }] }],
    },
  },
  { ignores: ['.next*/**', 'node_modules/**', 'db/migrations/**', '.e2e/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**'] },
];

export default config;
