/**
 * Entry of the catch-up worker thread (see catch-up-job.ts and worker-catch-up.ts). Run from
 * source through tsx in development and tests; bundled for production by
 * scripts/build-sim-worker.mjs (part of `npm run build`) into dist/sim-catch-up-worker.cjs.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '@/db/client';
import { runCatchUpJob, type CatchUpJobInput, type CatchUpJobMessage } from './catch-up-job';

/**
 * Niceness of this thread alone (Linux: a thread's id is a process id to setpriority): where the
 * cores are busy, the server's thread answering requests comes first and the catch-up takes the
 * rest; on idle cores it changes nothing.
 */
const WORKER_NICE = 10;

function yieldToRequests(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, WORKER_NICE);
  } catch {
    // not Linux, or not allowed: same priority as the server
  }
}

yieldToRequests();
const input = workerData as CatchUpJobInput;
const db = openDatabase(input.dbFile, { migrations: false });
try {
  runCatchUpJob(db, input, (message: CatchUpJobMessage) => parentPort!.postMessage(message));
} finally {
  db.$client.close();
}
