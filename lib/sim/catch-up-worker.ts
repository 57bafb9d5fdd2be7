/**
 * Entry of the catch-up worker thread (see catch-up-job.ts and worker-catch-up.ts). Run from
 * source through tsx in development and tests; bundled for production by
 * scripts/build-sim-worker.mjs (part of `npm run build`) into dist/sim-catch-up-worker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@/db/client';
import { runCatchUpJob, type CatchUpJobInput, type CatchUpJobMessage } from './catch-up-job';

const input = workerData as CatchUpJobInput;
const db = openDatabase(input.dbFile, { migrations: false });
try {
  runCatchUpJob(db, input, (message: CatchUpJobMessage) => parentPort!.postMessage(message));
} finally {
  db.$client.close();
}
