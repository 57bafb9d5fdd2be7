/**
 * BENCH_ONLY=catchup: requests during a catch-up against the same requests without one. The built
 * server starts on a copy of the large database whose clock says it was last served hours ago
 * (BENCH_CATCHUP_HOURS, default 2) and catches up in the background; meanwhile and again once it
 * is live, GET /api/v1/groups of the 1,000-VM tenant is timed, one request after another with the
 * same pause. Twice: with the catch-up in this thread's slices (the worker bundle hidden: how it
 * was before) and in the worker thread (dist/sim-catch-up-worker.cjs). Goal: median and p99
 * during ≤ 1.5× after.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { figure, section } from './lib/report';
import { startServer } from './lib/server';

const HOURS = Number(process.env.BENCH_CATCHUP_HOURS ?? 2);
const PAUSE_MS = 50;
const WORKER_BUNDLE = 'dist/sim-catch-up-worker.cjs';

type Options = { dbFile: string; dist: string; port: number; email: string; password: string };
type Run = { during: number[]; after: number[]; toLiveS: number; startupS: number };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

export async function benchCatchUp(opts: Options): Promise<void> {
  if (!fs.existsSync(WORKER_BUNDLE)) {
    const r = spawnSync(process.execPath, ['scripts/build-sim-worker.mjs'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the sim worker failed');
  }
  section(`Catch-up off the request path: ${HOURS} h behind at start, GET /api/v1/groups of the 1,000-VM tenant, sequential, ${PAUSE_MS} ms apart`);
  const hidden = `${WORKER_BUNDLE}.bench-hidden`;
  let inThread: Run;
  fs.renameSync(WORKER_BUNDLE, hidden);
  try {
    inThread = await runOnce(opts);
  } finally {
    fs.renameSync(hidden, WORKER_BUNDLE);
  }
  const inWorker = await runOnce(opts);
  for (const [name, r] of [['in this thread, in slices (before)', inThread], ['in a worker thread', inWorker]] as const) {
    const [md, ma, pd, pa] = [quantile(r.during, 0.5), quantile(r.after, 0.5), quantile(r.during, 0.99), quantile(r.after, 0.99)];
    console.log(`  -- catch-up ${name}`);
    figure('start to healthy', r.startupS, 's');
    figure('start to live (catch-up done)', r.toLiveS, 's');
    figure(`median during the catch-up (${r.during.length} requests)`, md, 'ms');
    figure(`median after it (${r.after.length} requests)`, ma, 'ms');
    figure('p99 during the catch-up', pd, 'ms');
    figure('p99 after it', pa, 'ms');
    figure('median during / after', md / ma, '×', { op: '<=', value: 1.5 });
    figure('p99 during / after', pd / pa, '×', { op: '<=', value: 1.5 });
  }
}

async function runOnce(opts: Options): Promise<Run> {
  const file = path.resolve(`.bench/catchup-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    fs.rmSync(file + suffix, { force: true });
    if (fs.existsSync(opts.dbFile + suffix)) fs.copyFileSync(opts.dbFile + suffix, file + suffix);
  }
  // The clock says the server was last served HOURS ago (SIM_SPEED=1: that much simulated time to cover).
  const db = new Database(file);
  const clock = JSON.parse(db.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string) as Record<string, number>;
  db.prepare("UPDATE sim_state SET value = ? WHERE key = 'clock'").run(JSON.stringify({ ...clock, wallMs: Date.now() - HOURS * 3_600_000 }));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  const server = await startServer({ port: opts.port, databaseUrl: file, env: { NEXT_DIST_DIR: opts.dist, SIM_SPEED: '1' } });
  const started = performance.now() - server.startupMs;
  try {
    const url = server.url;
    const catchingUp = async () => ((await (await fetch(`${url}/api/health`)).json()) as { engine: string }).engine === 'catching-up';
    if (!(await catchingUp())) throw new Error('the server is not catching up: nothing to measure');
    const res = await fetch(`${url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: opts.email, password: opts.password, name: 'bench' }) });
    const { token } = (await res.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };
    const once = async () => {
      const t = performance.now();
      const r = await fetch(`${url}/api/v1/groups`, { headers });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`GET /api/v1/groups answered ${r.status}`);
      return performance.now() - t;
    };
    await once(); // the route's first call (module loading)
    let live = false;
    let toLiveS = 0;
    const watcher = (async () => {
      while (!(live = !(await catchingUp()))) await new Promise((r) => setTimeout(r, 250));
      toLiveS = (performance.now() - started) / 1000;
    })();
    const during: number[] = [];
    while (!live) {
      const ms = await once();
      if (!live) during.push(ms);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    await watcher;
    // The hand-back and the first ticks after it, then the same requests without a catch-up.
    await new Promise((r) => setTimeout(r, 3000));
    const after: number[] = [];
    const n = Math.min(300, Math.max(100, during.length));
    for (let i = 0; i < n; i++) {
      after.push(await once());
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    return { during, after, toLiveS, startupS: server.startupMs / 1000 };
  } finally {
    await server.stop();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}
