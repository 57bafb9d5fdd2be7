// Bundles the simulator's catch-up worker (lib/sim/catch-up-worker.ts) into one file a worker
// thread can run in production: Next bundles the server into chunks with no such entry, and the
// worker needs a real file at run time (lib/sim/worker-catch-up.ts loads it by absolute path).
// Part of `npm run build`; better-sqlite3 (native) stays outside, resolved from node_modules.
//
//   node scripts/build-sim-worker.mjs [outfile]        → dist/sim-catch-up-worker.cjs by default
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outfile = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'sim-catch-up-worker.cjs'));
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ['lib/sim/catch-up-worker.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  external: ['better-sqlite3'],
  // Server-only modules are what this is: the condition Next's server bundle resolves them with.
  conditions: ['react-server'],
  logLevel: 'warning',
  legalComments: 'none',
});
console.log(`sim worker bundled into ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
