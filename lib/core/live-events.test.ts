import { describe, expect, it } from 'vitest';
import { LiveEvents, type LiveMessage } from './live-events';

/** A publisher on a hand-driven timer: `tick()` fires the pending coalescing timer. */
function make(options: { ringSize?: number } = {}) {
  let pending: (() => void) | null = null;
  let timersSet = 0;
  const live = new LiveEvents({
    firstId: 100,
    ringSize: options.ringSize,
    setTimer: (fn) => {
      timersSet++;
      pending = fn;
      return 1;
    },
    clearTimer: () => {
      pending = null;
    },
  });
  const tick = () => {
    const fn = pending;
    pending = null;
    fn?.();
  };
  return { live, tick, timersSet: () => timersSet };
}

function collect(live: LiveEvents, tenantId: string | null, lastEventId?: number) {
  const got: LiveMessage[] = [];
  const sub = live.subscribe({ tenantId }, (m) => got.push(m), lastEventId);
  return { got, sub };
}

describe('LiveEvents', () => {
  it('scopes: a tenant sees its own and provider-wide messages, never another tenant’s; staff see all', () => {
    const { live, tick } = make();
    const acme = collect(live, 'ten_acme');
    const globex = collect(live, 'ten_globex');
    const staff = collect(live, null);
    live.publish('ten_acme', ['groups']);
    live.publish('ten_globex', ['alerts']);
    live.publish(null, ['sites']);
    tick();
    expect(acme.got.map((m) => m.topics)).toEqual([['groups'], ['sites']]);
    expect(globex.got.map((m) => m.topics)).toEqual([['alerts'], ['sites']]);
    expect(staff.got.map((m) => m.tenantId)).toEqual(['ten_acme', 'ten_globex', null]);
  });

  it('coalesces: one message per tenant per window, each topic once', () => {
    const { live, tick, timersSet } = make();
    const acme = collect(live, 'ten_acme');
    for (let i = 0; i < 50; i++) live.publish('ten_acme', ['groups', 'group:g1', 'dashboard']);
    live.publish('ten_acme', ['alerts']);
    expect(acme.got).toEqual([]); // nothing before the window ends
    expect(timersSet()).toBe(1);
    tick();
    expect(acme.got).toEqual([{ id: 101, tenantId: 'ten_acme', topics: ['alerts', 'dashboard', 'group:g1', 'groups'] }]);
    live.publish('ten_acme', ['groups']);
    tick();
    expect(acme.got.map((m) => m.id)).toEqual([101, 102]);
    expect(timersSet()).toBe(2);
  });

  it('an empty publish sends nothing and sets no timer', () => {
    const { live, tick, timersSet } = make();
    const acme = collect(live, 'ten_acme');
    live.publish('ten_acme', []);
    tick();
    expect(acme.got).toEqual([]);
    expect(timersSet()).toBe(0);
  });

  it('ids increase monotonically; unsubscribe stops delivery', () => {
    const { live, tick } = make();
    const acme = collect(live, 'ten_acme');
    live.publish('ten_acme', ['a']);
    tick();
    acme.sub.unsubscribe();
    live.publish('ten_acme', ['b']);
    tick();
    expect(acme.got.map((m) => m.topics)).toEqual([['a']]);
    expect(live.subscriberCount).toBe(0);
  });

  it('resumes from Last-Event-ID with what the audience missed, and only that', () => {
    const { live, tick } = make();
    live.publish('ten_acme', ['a']);
    tick(); // 101
    live.publish('ten_globex', ['b']);
    tick(); // 102
    live.publish('ten_acme', ['c']);
    tick(); // 103
    const resumed = collect(live, 'ten_acme', 101);
    expect(resumed.sub.replay).toEqual([{ id: 103, tenantId: 'ten_acme', topics: ['c'] }]);
    expect(resumed.sub.lastId).toBe(103);
    expect(collect(live, 'ten_acme', 103).sub.replay).toEqual([]);
    expect(collect(live, null, 100).sub.replay).toHaveLength(3);
    // No Last-Event-ID: a fresh start, nothing to replay.
    expect(collect(live, 'ten_acme').sub.replay).toEqual([]);
  });

  it('the ring is bounded; an id older than it, or not of this process, gets a reset', () => {
    const { live, tick } = make({ ringSize: 3 });
    for (const t of ['a', 'b', 'c', 'd', 'e']) {
      live.publish('ten_acme', [t]);
      tick();
    } // 101..105; the ring keeps 103..105
    expect(collect(live, 'ten_acme', 102).sub.replay).toEqual([
      { id: 103, tenantId: 'ten_acme', topics: ['c'] },
      { id: 104, tenantId: 'ten_acme', topics: ['d'] },
      { id: 105, tenantId: 'ten_acme', topics: ['e'] },
    ]);
    expect(collect(live, 'ten_acme', 101).sub.replay).toBe('reset');
    expect(collect(live, 'ten_acme', 5).sub.replay).toBe('reset'); // a previous process's id
    expect(collect(live, 'ten_acme', 999).sub.replay).toBe('reset'); // from the future: a restart
    expect(collect(live, 'ten_acme', Number.NaN).sub.replay).toBe('reset');
  });

  it('a failing listener does not stop the others', () => {
    const { live, tick } = make();
    live.subscribe({ tenantId: 'ten_acme' }, () => {
      throw new Error('boom');
    });
    const ok = collect(live, 'ten_acme');
    const quiet = console.error;
    console.error = () => {};
    try {
      live.publish('ten_acme', ['a']);
      tick();
    } finally {
      console.error = quiet;
    }
    expect(ok.got).toHaveLength(1);
  });

  it('coalesces on a real timer', async () => {
    const live = new LiveEvents({ coalesceMs: 20, firstId: 0 });
    const got: LiveMessage[] = [];
    live.subscribe({ tenantId: 'ten_acme' }, (m) => got.push(m));
    live.publish('ten_acme', ['a']);
    live.publish('ten_acme', ['a', 'b']);
    await new Promise((r) => setTimeout(r, 60));
    expect(got).toEqual([{ id: 1, tenantId: 'ten_acme', topics: ['a', 'b'] }]);
  });
});
