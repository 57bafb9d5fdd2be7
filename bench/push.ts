/**
 * Push against poll: server CPU with many idle open dashboards, and how fast a change reaches
 * a subscriber. `BENCH_ONLY=push npm run bench` runs it alone on a demo database (no large seed);
 * in the full run it measures the large server.
 *
 *   push: each dashboard's initial page load, then its live stream (GET /api/v1/events) held open;
 *   poll: what a dashboard did before the stream: GET /api/v1/dashboard every 5 s (staggered).
 * Server CPU is read from /proc/<pid>/stat (utime + stime of the server and its children), over
 * the same window for each, after a window with no client at all (the simulator's own cost).
 */
import fs from 'node:fs';
import { figure, section } from './lib/report';

const CLIENTS = Number(process.env.BENCH_PUSH_CLIENTS ?? 200);
const WINDOW_S = Number(process.env.BENCH_PUSH_SECONDS ?? 60);
/** The dashboard's poll interval before the stream (components/portal/queries.ts LIVE_MS). */
const POLL_MS = 5_000;
const TICKS = 100; // USER_HZ, the unit of /proc/<pid>/stat times on Linux

/** CPU seconds (user + system) of a process and its descendants so far. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      /* gone */
    }
  };
  visit(pid);
  return ticks / TICKS;
}

type Stream = { close: () => void; events: { event: string; data: string; at: number }[]; waiters: Set<() => void> };

/** A minimal EventSource over fetch (Node has none): parses `event:`/`data:` blocks. */
async function openStream(url: string, headers: Record<string, string>): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers, signal: ac.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}: ${await res.text()}`);
  const stream: Stream = { close: () => ac.abort(), events: [], waiters: new Set() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let at;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) {
            stream.events.push({ event, data, at: performance.now() });
            for (const w of stream.waiters) w();
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return stream;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cpuOver(pid: number, seconds: number, during?: (stop: AbortSignal) => Promise<unknown>): Promise<number> {
  const ac = new AbortController();
  const before = treeCpuSeconds(pid);
  const work = during?.(ac.signal);
  await sleep(seconds * 1000);
  const used = treeCpuSeconds(pid) - before;
  ac.abort();
  await work;
  return used;
}

/**
 * `pageUrl`: the dashboard; `cookie`: a session for it; `bearer`: a token of the same user (the
 * streams and the change are sent with it); `groupId`: a group of that user's tenant to change.
 * The server must allow CLIENTS streams per user (LIVE_STREAMS_PER_USER).
 */
export async function benchPush({ url, pid, cookie, bearer, groupId }: { url: string; pid: number; cookie: string; bearer: string; groupId: string }): Promise<void> {
  section(`Push against poll: ${CLIENTS} idle open dashboards, server CPU over ${WINDOW_S} s each`);
  const auth = { authorization: `Bearer ${bearer}` };
  // Warm both paths (first requests compile and fill caches).
  await (await fetch(`${url}/`, { headers: { cookie } })).text();
  await (await fetch(`${url}/api/v1/dashboard`, { headers: auth })).text();

  const idle = await cpuOver(pid, WINDOW_S);
  figure('server CPU, no client (the simulator alone)', idle, 's');

  // Push: the initial page loads (measured on their own), then the streams held open.
  const loadsBefore = treeCpuSeconds(pid);
  for (let i = 0; i < CLIENTS; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, CLIENTS - i) }, async () => (await fetch(`${url}/`, { headers: { cookie } })).text()));
  }
  const loads = treeCpuSeconds(pid) - loadsBefore;
  figure(`server CPU, ${CLIENTS} initial dashboard loads (same with or without push)`, loads, 's');
  const streams = await Promise.all(Array.from({ length: CLIENTS }, () => openStream(url, auth)));
  const push = await cpuOver(pid, WINDOW_S);
  figure(`server CPU, ${CLIENTS} open streams, ${WINDOW_S} s`, push, 's');

  // A change reaching a subscriber: one stream is watched, the change is sent through the API.
  const latencies: number[] = [];
  const watched = streams[0];
  for (let i = 0; i < 10; i++) {
    const from = watched.events.length;
    const t = performance.now();
    const arrived = new Promise<number>((resolve) => {
      const check = () => {
        const e = watched.events.slice(from).find((x) => x.event === 'invalidate' && x.data.includes(`group:${groupId}`));
        if (e) {
          watched.waiters.delete(check);
          resolve(e.at);
        }
      };
      watched.waiters.add(check);
    });
    const res = await fetch(`${url}/api/v1/groups/${groupId}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ rtoTargetMinutes: 60 + (i % 2) }) });
    if (!res.ok) throw new Error(`PATCH answered ${res.status}`);
    const at = await Promise.race([arrived, sleep(10_000).then(() => Number.NaN)]);
    latencies.push(at - t);
    await sleep(500);
  }
  const got = streams.filter((s) => s.events.some((e) => e.event === 'invalidate' && e.data.includes(`group:${groupId}`))).length;
  for (const s of streams) s.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  figure('change to subscriber (PATCH sent → invalidate received): median of 10', sorted[5], 'ms', { op: '<', value: 1000 });
  figure('change to subscriber: slowest of 10', sorted[9], 'ms', { op: '<', value: 1000 });
  figure(`streams that received the change (of ${CLIENTS})`, got, 'streams');

  // Poll: what the same dashboards did before, each at its 5 s interval, spread over the interval.
  const poll = await cpuOver(pid, WINDOW_S, async (stop) => {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        await sleep((POLL_MS * i) / CLIENTS);
        while (!stop.aborted) {
          const t = performance.now();
          await fetch(`${url}/api/v1/dashboard`, { headers: auth }).then((r) => r.arrayBuffer(), () => null);
          await sleep(Math.max(0, POLL_MS - (performance.now() - t)));
        }
      }),
    );
  });
  figure(`server CPU, ${CLIENTS} dashboards polling /api/v1/dashboard every 5 s, ${WINDOW_S} s`, poll, 's');
  figure('push / poll (server CPU over the window)', push / poll, '×', { op: '<=', value: 0.2 });
  figure('push / poll, the simulator\'s own CPU taken off both', Math.max(0, push - idle) / Math.max(1e-9, poll - idle), '×', { op: '<=', value: 0.2 });
  figure('push / poll, initial page loads counted on both sides', (push + loads) / (poll + loads), '×');
}
