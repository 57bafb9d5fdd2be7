/**
 * Simulated application checks of a test VM (issue 17): a TCP port, an HTTP status, the guest
 * heartbeat, a script's exit code. The outcome is a pure function of the operation, the check
 * and the time it ran, so a drill's result is the same however often it is computed (and on a
 * restarted server); staff fault injection (`forced`) makes a check fail on purpose.
 */
import { seedState, toUnit, nextState } from './prng';

export type AppCheckInput = {
  operationId: string;
  checkId: string;
  kind: 'tcp-port' | 'http-status' | 'heartbeat' | 'script-exit-code';
  params: Record<string, string | number>;
  /** When the VM's boot group was up (the check runs then); null while it is not. */
  atMs: number | null;
  forced: boolean;
};
export type AppCheckOutcome = { ok: boolean; detail: string };

/** Out of a thousand, how many unforced checks fail on their own: rare, like a real flaky service. */
export const NATURAL_FAILURES_PER_THOUSAND = 10;

/** FNV-1a of the text, scrambled into a xorshift state. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return seedState(h);
}

export function targetOf(kind: AppCheckInput['kind'], params: AppCheckInput['params']): string {
  switch (kind) {
    case 'tcp-port': return `port ${params.port ?? '?'}`;
    case 'http-status': return `${params.url ?? '/'} → ${params.expectStatus ?? 200}`;
    case 'heartbeat': return 'guest tools';
    case 'script-exit-code': return `${params.script ?? 'check'} → exit ${params.expectExitCode ?? 0}`;
  }
}

export function appCheckOutcome(c: AppCheckInput): AppCheckOutcome {
  if (c.atMs === null) return { ok: false, detail: 'Not run: the VM was not up during the test.' };
  const s1 = hash(`${c.operationId}:${c.checkId}:${Math.floor(c.atMs / 1000)}`);
  const s2 = nextState(s1);
  const failed = c.forced || Math.floor(toUnit(s1) * 1000) < NATURAL_FAILURES_PER_THOUSAND;
  const ms = 2 + Math.floor(toUnit(s2) * 180);
  const why = c.forced ? ' (forced by the provider: fault injection)' : '';
  const p = c.params;
  switch (c.kind) {
    case 'tcp-port':
      return failed ? { ok: false, detail: `Port ${p.port} refused the connection${why}.` } : { ok: true, detail: `Port ${p.port} open (${ms} ms).` };
    case 'http-status': {
      const want = Number(p.expectStatus ?? 200);
      return failed ? { ok: false, detail: `${p.url} answered 503, expected ${want}${why}.` } : { ok: true, detail: `${p.url} answered ${want} in ${ms} ms.` };
    }
    case 'heartbeat':
      return failed ? { ok: false, detail: `No guest heartbeat within 120 s of boot${why}.` } : { ok: true, detail: `Guest heartbeat ${Math.ceil(ms / 10)} s after boot.` };
    case 'script-exit-code': {
      const want = Number(p.expectExitCode ?? 0);
      return failed ? { ok: false, detail: `${p.script} exited ${want === 1 ? 2 : 1}, expected ${want}${why}.` } : { ok: true, detail: `${p.script} exited ${want}.` };
    }
  }
}
