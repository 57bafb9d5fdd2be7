import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { DB, Executor } from '@/db';
import { outages, siteLinks, sites } from '@/db/schema';
import { simDate } from '@/lib/domain/core/clock';
import { simulator } from '@/lib/sim/bridge';
import { writeDegradation } from '@/lib/sim/site-degradation';
import { newId } from '@/lib/ids';
import type { DegradeInjector, FaultInjector } from './sites-faults';

/**
 * Without a running simulator (SIM_ENABLED=0, scripts) a fault is still real for the record:
 * write the outage row and the status the runtime would, so availability and the console agree.
 * The runtime reads both on start, so nothing is lost when it comes up later.
 */
export function recordingInjector(db: DB, at: Date): FaultInjector & DegradeInjector {
  const record = (tx: Executor, column: 'siteId' | 'linkId', id: string, down: boolean, actorId?: string) => {
    if (down) tx.insert(outages).values({ id: newId('out'), [column]: id, startedAt: at, startedBy: actorId ?? null, reason: 'staff fault injection' }).run();
    else tx.update(outages).set({ endedAt: at }).where(and(eq(outages[column], id), isNull(outages.endedAt))).run();
  };
  return {
    now: () => at.getTime(),
    setSiteDown(siteId, down, actorId) {
      db.transaction((tx) => {
        record(tx, 'siteId', siteId, down, actorId);
        tx.update(sites).set({ status: down ? 'offline' : 'online' }).where(eq(sites.id, siteId)).run();
      });
    },
    setSiteDegraded(siteId, degradation) {
      db.transaction((tx) => writeDegradation(tx, siteId, degradation));
    },
    setLinkDown(linkId, down, actorId) {
      db.transaction((tx) => {
        record(tx, 'linkId', linkId, down, actorId);
        tx.update(siteLinks).set({ up: !down }).where(eq(siteLinks.id, linkId)).run();
      });
    },
  };
}

/** The simulator when it runs, else the recording fallback. */
export async function faultInjector(db: DB): Promise<FaultInjector & DegradeInjector> {
  return (await simulator()) ?? recordingInjector(db, await simDate());
}
