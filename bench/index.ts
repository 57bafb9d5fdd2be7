/**
 * `npm run bench`: the portal measured against its floors, on the built app and the large seed.
 * Prints each figure with its goal and the ratio; it never fails on a timing (that is what the
 * figures are for). Steps:
 *   1. engine VM-ticks/s against a raw Float64Array loop of the same arithmetic;
 *   2. the large database (50 tenants, 5,000 VMs, 600 groups, 30 days; BENCH_SCALE=10: 500
 *      tenants, 50,000 VMs, 6,000 groups, the large tenant still 1,000 VMs): generated into
 *      BENCH_DB (default .bench/large.db, .bench/large-x10.db at scale 10) unless that file exists already;
 *   3. `next build` into NEXT_DIST_DIR (default .next-bench, apart from e2e's .next) when it has no build yet;
 *   4. the portal (node server.mjs) on it: time to healthy after the downtime since it was last served (the
 *      engine catches up in the background: time to live and request latency meanwhile), then
 *      a restart at once; resident memory;
 *   5. HTTP (autocannon): /api/health against /api/v1/groups and a 30-day /rpo of the large tenant;
 *   6. server render of the dashboard and a group page of the 1,000-VM tenant against a static
 *      (prerendered) page and against a blank dynamic page, Next's own floor (built into the
 *      bench's build only);
 *   7. a 30-day RPO chart in-process: rows read and time;
 *   8. push against poll (bench/push.ts): server CPU with 200 idle open dashboards, and the time a
 *      change takes to reach a subscriber. `BENCH_ONLY=push` runs it alone on a fresh demo database
 *      (no large seed; the build in NEXT_DIST_DIR must exist).
 *   9. Lighthouse (mobile profile) on the dashboard and a group page, signed in.
 *  10. catch-up off the request path (bench/catch-up.ts): GET /api/v1/groups during a catch-up of
 *      hours against after it, the catch-up in this thread and in its worker. `BENCH_ONLY=catchup`
 *      runs it alone (on the large database and the build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { and, between, count, eq } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { protectionGroups, rpoSamples } from '@/db/schema';
import { largeSeedScale, seedLarge } from '@/lib/seed/large';
import { planSeries, rpoSeries } from '@/lib/domain/replication/rpo';
import { setSimulatorForTests } from '@/lib/sim/bridge';
import type { SimulatorControl } from '@/lib/sim/contract';
import { benchCatchUp } from './catch-up';
import { benchEngine } from './engine';
import { benchPush } from './push';
import { benchLighthouse } from './lighthouse';
import { load } from './lib/load';
import { figure, section } from './lib/report';
import { startServer } from './lib/server';

/** BENCH_SCALE=10: the large seed ten times over (its own database file). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SIZE = largeSeedScale(SCALE);
const DB_FILE = path.resolve(process.env.BENCH_DB ?? `.bench/large${SCALE > 1 ? `-x${SCALE}` : ''}.db`);
const DIST = process.env.NEXT_DIST_DIR ?? '.next-bench';
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const PASSWORD = 'demo-password';
const LARGE_ADMIN = 'admin@tenant-01.test';
const DAY_MS = 86_400_000;

/** BENCH_ONLY=engine,chart,http,render,push,lighthouse,catchup runs just those parts (start-up is always measured; catchup alone skips the rest). */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const runs = (part: 'engine' | 'chart' | 'http' | 'render' | 'push' | 'lighthouse' | 'catchup') => ONLY.size === 0 || ONLY.has(part);
/** The push part may hold this many streams as one user. */
const PUSH_ENV = { LIVE_STREAMS_PER_USER: '1000' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Resident memory of a process and its descendants (next start may fork), MiB. */
function treeRssMiB(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return kb / 1024;
}

async function ensureLargeDb(): Promise<void> {
  section('Large seed');
  if (fs.existsSync(DB_FILE)) {
    console.log(`  reusing ${DB_FILE} (delete it to regenerate)`);
    return;
  }
  fs.mkdirSync(path.dirname(DB_FILE), { recursive: true });
  const started = performance.now();
  const db = openDatabase(DB_FILE);
  const r = await seedLarge(db, { ...SIZE, password: PASSWORD, log: (m) => console.log(`  ${m}`) });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  const n = (x = 0) => x.toLocaleString('en-GB');
  figure(`generate ${n(SIZE.tenants)} tenants, ${n(SIZE.vms)} VMs, ${n(SIZE.groups)} groups, 30 days`, (performance.now() - started) / 1000, 's', { op: '<', value: 60 * SCALE });
  figure('  of which 30 days of history (headless runtime)', r.historyMs / 1000, 's');
  figure('database size', fs.statSync(DB_FILE).size / 1024 / 1024, 'MiB');
}

/**
 * Two pages that exist only in the bench's build, to show what rendering costs before any of
 * our content: Next's own floor for a dynamic page (nothing but a paragraph), and the same with
 * the portal's layout around it (session, tenant header, navigation).
 */
const FLOOR_PAGES: Record<string, string> = {
  'app/bench-floor/page.tsx': `export const dynamic = 'force-dynamic';\nexport default function BenchFloor() {\n  return <p>Blank dynamic page</p>;\n}\n`,
  'app/(portal)/bench-shell/page.tsx': `export default function BenchShell() {\n  return <p>Portal shell only</p>;\n}\n`,
};

function ensureBuild(): void {
  if (fs.existsSync(path.join(DIST, 'BUILD_ID'))) return;
  section(`next build (${DIST})`);
  // next build points these two tracked files at its build folder: put them back afterwards.
  const kept = ['next-env.d.ts', 'tsconfig.json'].map((f) => [f, fs.readFileSync(f, 'utf8')] as const);
  try {
    for (const [f, text] of Object.entries(FLOOR_PAGES)) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text);
    }
    const r = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST } });
    if (r.status !== 0) throw new Error('next build failed');
    // The simulator's catch-up worker (npm run build does the same).
    if (spawnSync(process.execPath, ['scripts/build-sim-worker.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('building the sim worker failed');
  } finally {
    for (const [f, text] of kept) fs.writeFileSync(f, text);
    for (const f of Object.keys(FLOOR_PAGES)) fs.rmSync(path.dirname(f), { recursive: true, force: true });
  }
}

/** A next-auth session for page renders: the credentials flow a browser runs. */
async function signIn(url: string, email: string): Promise<string> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const cookies = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: 'true' }),
  });
  keep(res);
  if (![...cookies.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in of ${email} failed (${res.status})`);
  return header();
}

type PageTiming = { median: number; p95: number; status: number; kib: number };

/**
 * Full responses (streamed pages read to the end), sequential, the pages taken in turn round
 * after round so that the machine's speed drifting during the run weighs on all of them alike
 * (on shared cores it drifts by tens of per cent within a minute). Three warm-up rounds.
 */
async function timePages(urls: string[], cookie: string, rounds = 61): Promise<PageTiming[]> {
  const times = urls.map(() => [] as number[]);
  const last = urls.map(() => ({ status: 0, bytes: 0 }));
  for (let round = 0; round < rounds + 3; round++) {
    for (const [i, url] of urls.entries()) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      last[i] = { bytes: (await res.text()).length, status: res.status };
      if (round >= 3) times[i].push(performance.now() - t);
    }
  }
  return times.map((ts, i) => {
    const sorted = [...ts].sort((a, b) => a - b);
    return { median: median(ts), p95: sorted[Math.floor(sorted.length * 0.95)], status: last[i].status, kib: last[i].bytes / 1024 };
  });
}

/** The 30-day chart of one group, read in-process (no HTTP in the way): rows read and time. */
async function benchChart(db: ReturnType<typeof openDatabase>, groupId: string, nowMs: number): Promise<void> {
  const fromMs = nowMs - 30 * DAY_MS;
  section('30-day RPO chart (in-process, large database)');
  setSimulatorForTests({ now: () => nowMs } as unknown as SimulatorControl);
  const plan = planSeries(fromMs, nowMs, nowMs);
  const [{ rows }] = db
    .select({ rows: count() })
    .from(rpoSamples)
    .where(and(eq(rpoSamples.groupId, groupId), eq(rpoSamples.tier, plan.tier.tier), between(rpoSamples.timeMs, fromMs, nowMs)))
    .all();
  const staff = { userId: 'usr_staff_calligo', email: 'staff@calligo.test', role: 'staff' as const, tenantId: null, via: 'token' as const };
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    points = (await rpoSeries(db, staff, groupId, { from: new Date(fromMs).toISOString(), to: new Date(nowMs).toISOString() })).points.length;
    if (i >= 10) times.push(performance.now() - t);
  }
  figure(`rows read (tier ${plan.tier.tier}, one per ${plan.tier.stepMs / 60_000} min)`, rows, 'rows', { op: '<=', value: 1000 });
  figure('points returned', points, 'points');
  figure('time to read and shape (median of 50)', median(times), 'ms', { op: '<', value: 50 });
}

/**
 * After a long downtime the server serves at once while the engine catches up in the
 * background: how long until it is live, and what a request costs meanwhile.
 */
async function measureCatchUp(url: string, startupMs: number): Promise<void> {
  const started = performance.now() - startupMs;
  const engine = async () => ((await (await fetch(`${url}/api/health`)).json()) as { engine: string }).engine;
  if ((await engine()) !== 'catching-up') {
    figure('caught up before serving (short gap)', 0, 's');
    return;
  }
  const res = await fetch(`${url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: LARGE_ADMIN, password: PASSWORD }) });
  const { token } = (await res.json()) as { token: string };
  await (await fetch(`${url}/api/v1/groups`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(); // first call compiles the route
  const times: number[] = [];
  while ((await engine()) === 'catching-up') {
    const t = performance.now();
    await (await fetch(`${url}/api/v1/groups`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
    times.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  figure('start to live (background catch-up done)', (performance.now() - started) / 1000, 's');
  if (times.length === 0) return;
  figure(`GET /api/v1/groups while catching up: median (${times.length} requests)`, median(times), 'ms');
  figure('GET /api/v1/groups while catching up: slowest', Math.max(...times), 'ms');
}

async function tokenOf(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, name: 'bench' }) });
  if (res.status !== 201) throw new Error(`token for ${email}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** BENCH_ONLY=push: the push part alone, on a fresh demo database (Acme's administrator). */
async function pushOnly(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'BUILD_ID'))) throw new Error(`no build in ${DIST}: run next build (NEXT_DIST_DIR=${DIST}) first`);
  const dir = fs.mkdtempSync(path.resolve('.bench/push-'));
  const server = await startServer({ port: PORT, databaseUrl: path.join(dir, 'demo.db'), env: { NEXT_DIST_DIR: DIST, SIM_SPEED: '1', ...PUSH_ENV } });
  try {
    await benchPush({ url: server.url, pid: server.process.pid!, cookie: await signIn(server.url, 'admin@acme.test'), bearer: await tokenOf(server.url, 'admin@acme.test'), groupId: 'grp_acme_sql' });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (ONLY.size === 1 && ONLY.has('push')) {
    fs.mkdirSync('.bench', { recursive: true });
    return pushOnly();
  }
  if (runs('engine')) benchEngine(SCALE > 1 ? [5_000, 50_000] : [500, 5_000]);
  await ensureLargeDb();
  ensureBuild();
  if (ONLY.size === 1 && ONLY.has('catchup')) {
    return benchCatchUp({ dbFile: DB_FILE, dist: DIST, port: PORT, email: LARGE_ADMIN, password: PASSWORD });
  }

  // The large tenant's groups and the 30-day chart, read in-process (no HTTP in the way).
  const db = openDatabase(DB_FILE);
  const groups = db.select({ id: protectionGroups.id }).from(protectionGroups).where(eq(protectionGroups.tenantId, 'ten_01')).all();
  const groupId = groups[0].id;
  const nowMs = Number(db.$client.prepare('SELECT max(time_ms) FROM rpo_samples').pluck().get());
  if (runs('chart')) await benchChart(db, groupId, nowMs);
  // The server fast-forwards the simulated time missed since the database was last served.
  const clock = JSON.parse((db.$client.prepare("SELECT value FROM sim_state WHERE key = 'clock'").pluck().get() as string | undefined) ?? '{}') as { wallMs?: number };
  const downtimeMin = clock.wallMs ? (Date.now() - clock.wallMs) / 60_000 : 0;
  db.$client.close();

  section(`Server on the large database (scale ${SCALE}: ${SIZE.vms!.toLocaleString('en-GB')} VMs)`);
  figure('simulated time to catch up at start (since last served)', downtimeMin, 'min');
  const serverEnv = { port: PORT, databaseUrl: DB_FILE, env: { NEXT_DIST_DIR: DIST, SIM_SPEED: '1', ...PUSH_ENV } };
  const first = await startServer(serverEnv);
  try {
    figure('start to healthy (migrate, restore, listen; serving from here)', first.startupMs / 1000, 's', { op: '<', value: 5 });
    await measureCatchUp(first.url, first.startupMs);
  } finally {
    await first.stop();
  }
  // A restart (deploy, crash, host reboot): the usual case, with seconds to catch up.
  const server = await startServer(serverEnv);
  try {
    figure('restart to healthy (stopped, started again at once)', server.startupMs / 1000, 's', { op: '<', value: 5 });
    figure('resident memory after start', treeRssMiB(server.process.pid!), 'MiB');

    const tokenRes = await fetch(`${server.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: LARGE_ADMIN, password: PASSWORD }) });
    const { token } = (await tokenRes.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const rpoUrl = `${server.url}/api/v1/groups/${groupId}/rpo?from=${encodeURIComponent(new Date(Date.now() - 30 * DAY_MS).toISOString())}`;

    if (runs('http')) {
    section('HTTP throughput (autocannon, 10 connections, 8 s each; large tenant: 1,000 VMs, 120 groups)');
    const health = await load(`${server.url}/api/health`);
    const list = await load(`${server.url}/api/v1/groups`, { headers: bearer });
    const rpo = await load(rpoUrl, { headers: bearer });
    for (const [name, r] of [['GET /api/health (floor)', health], ['GET /api/v1/groups', list], ['GET /api/v1/groups/{id}/rpo, 30 days', rpo]] as const) {
      figure(`${name}: throughput`, r.requestsPerSec, 'req/s');
      figure(`${name}: p99 latency`, r.p99Ms, 'ms');
      if (r.non2xx || r.errors) console.log(`    ! ${r.non2xx} non-2xx, ${r.errors} errors`);
    }
    figure('/groups throughput / health', list.requestsPerSec / health.requestsPerSec, '×', { op: '>=', value: 0.5 });
    figure('/rpo 30 d throughput / health', rpo.requestsPerSec / health.requestsPerSec, '×', { op: '>=', value: 0.5 });
    }

    if (runs('render')) {
    section('Server render, sequential, pages in turn, median of 61 rounds (admin of the 1,000-VM tenant)');
    const cookie = await signIn(server.url, LARGE_ADMIN);
    const [staticPage, floor, shell, dashboard, groupPage] = await timePages(
      ['/no-such-page', '/bench-floor', '/bench-shell', '/', `/groups/${groupId}`].map((p) => server.url + p),
      cookie,
    );
    for (const [name, r] of [['floor', floor], ['shell', shell], ['dashboard', dashboard], ['group page', groupPage]] as const) {
      if (r.status !== 200) console.log(`    ! ${name} answered ${r.status}`);
    }
    figure('static page (prerendered 404, behind the same proxy and session)', staticPage.median, 'ms');
    figure('blank dynamic page (Next\'s own floor, no layout)', floor.median, 'ms');
    figure('portal shell with a blank page (layout, session, navigation)', shell.median, 'ms');
    figure('dashboard', dashboard.median, 'ms');
    figure('group detail', groupPage.median, 'ms');
    figure('blank dynamic page / static', floor.median / staticPage.median, '×');
    figure('dashboard / static', dashboard.median / staticPage.median, '×', { op: '<=', value: 2 });
    figure('group detail / static', groupPage.median / staticPage.median, '×', { op: '<=', value: 2 });
    figure('dashboard / blank dynamic page', dashboard.median / floor.median, '×', { op: '<=', value: 1.5 });
    figure('group detail / blank dynamic page', groupPage.median / floor.median, '×', { op: '<=', value: 1.5 });
    figure('dashboard HTML (with its RSC payload)', dashboard.kib, 'KiB');
    figure('group detail HTML (with its RSC payload)', groupPage.kib, 'KiB');
    }
    if (runs('push')) await benchPush({ url: server.url, pid: server.process.pid!, cookie: await signIn(server.url, LARGE_ADMIN), bearer: token, groupId });
    if (runs('lighthouse')) {
      section('Lighthouse, mobile profile (simulated slow 4G, 4× CPU), admin of the 1,000-VM tenant');
      const cookie = await signIn(server.url, LARGE_ADMIN);
      await benchLighthouse([['dashboard', `${server.url}/`], ['group page', `${server.url}/groups/${groupId}`]], cookie);
    }
    figure('resident memory after the load', treeRssMiB(server.process.pid!), 'MiB');
  } finally {
    await server.stop();
  }
  if (runs('catchup')) await benchCatchUp({ dbFile: DB_FILE, dist: DIST, port: PORT, email: LARGE_ADMIN, password: PASSWORD });
}

await main();
