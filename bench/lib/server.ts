import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export type RunningServer = { url: string; process: ChildProcess; startupMs: number; stop: () => Promise<void> };

/** Resident set size of a process in MiB, read from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Starts the built app (`npm start`: node server.mjs) on a database and waits until /api/health answers 200. */
export async function startServer({ port, databaseUrl, env = {} }: { port: number; databaseUrl: string; env?: Record<string, string> }): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  // Another server answering there (say, left by an interrupted run) would be measured instead.
  const occupied = await fetch(`${url}/api/health`).then(() => true, () => false);
  if (occupied) throw new Error(`port ${port} is already in use: stop what listens there or set BENCH_PORT`);
  const started = performance.now();
  const child = spawn(process.execPath, ['server.mjs', '-p', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: databaseUrl, PORT: String(port), AUTH_SECRET: 'bench-secret-bench-secret-0123456789', DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 120_000) throw new Error(`server not healthy after 120 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    process: child,
    startupMs,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
