import coreWebVitals from 'eslint-config-next/core-web-vitals';
import typescript from 'eslint-config-next/typescript';

const config = [
  ...coreWebVitals,
  ...typescript,
  { ignores: ['.next*/**', 'node_modules/**', 'db/migrations/**', '.e2e/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**', '.stryker-tmp/**', 'reports/**', 'dist/**'] },
];

export default config;
