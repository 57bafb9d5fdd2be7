import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { assertLocalTestDatabase, e2eDatabaseFile } from './run-dir';

/**
 * How the portal is started: its own HTTP server (server.mjs, `npm start`) on the build
 * (NEXT_DIST_DIR or .next). playwright.config.ts starts the run's shared server with it; specs
 * that need a server of their own (other settings, a database nobody else uses) use
 * startPortal().
 */
export function portalServerCommand(port: number): string {
  return `node server.mjs -p ${port}`;
}

export type Portal = { url: string; databaseFile: string; stop: () => Promise<void>; log: () => string };

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a second portal on a fresh database beside the run's (under .e2e/) with the given
 * environment, and waits until it answers. Reached at 127.0.0.1 so the socket address is known.
 */
export async function startPortal(name: string, env: Record<string, string> = {}): Promise<Portal> {
  const port = await freePort();
  const databaseFile = assertLocalTestDatabase(path.join(path.dirname(e2eDatabaseFile()), `${name}-${port}.db`));
  const child: ChildProcess = spawn(portalServerCommand(port), {
    shell: true,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseFile,
      AUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
      DEMO: '1',
      SIM_ENABLED: '0',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      PORTAL_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`portal ${name} exited (${child.exitCode}):\n${log}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() - started > 90_000) throw new Error(`portal ${name} not healthy after 90 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    databaseFile,
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // The shell and the server: signal the process group.
        process.kill(-child.pid!, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5000).unref();
      }),
  };
}
