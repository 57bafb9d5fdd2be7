'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/domain/core/database';
import type { FormState } from '@/components/staff/form-state';
import { faultInjector } from '@/lib/domain/staff/fault-injector';
import { setLinkOutage, setSiteDegradation, setSiteOutage } from '@/lib/domain/staff/sites-faults';
import { runAction } from '@/app/_lib/run-action';
import { staffActor } from '../_lib/staff-actor';

export async function setSiteOutageAction(siteId: string, down: boolean): Promise<FormState> {
  const state = await runAction(async () => {
    const db = getDb();
    const res = setSiteOutage(db, await staffActor(), await faultInjector(db), siteId, { down });
    const n = res.affectedGroups.length;
    return down ? `${res.site.name} is down: ${n} group${n === 1 ? '' : 's'} affected.` : `${res.site.name} is back online.`;
  });
  revalidatePath('/staff', 'layout');
  return state;
}

export async function setLinkOutageAction(linkId: string, down: boolean): Promise<FormState> {
  const state = await runAction(async () => {
    const db = getDb();
    const res = setLinkOutage(db, await staffActor(), await faultInjector(db), linkId, { down });
    const n = res.affectedGroups.length;
    const name = res.name;
    return down ? `Link ${name} is down: ${n} group${n === 1 ? '' : 's'} affected.` : `Link ${name} is restored.`;
  });
  revalidatePath('/staff', 'layout');
  return state;
}

export async function setSiteDegradationAction(siteId: string, formData: FormData): Promise<FormState> {
  const state = await runAction(async () => {
    const db = getDb();
    const res = setSiteDegradation(db, await staffActor(), await faultInjector(db), siteId, {
      storageIopsPercent: formData.get('storageIopsPercent'),
      hostsDown: formData.get('hostsDown'),
    });
    const d = res.degradation;
    if (!res.changed) return `${res.site.name}: nothing changed.`;
    return d.degraded
      ? `${res.site.name} is degraded: storage at ${d.storageIopsPercent}% of its IOPS, ${d.hostsDown} of ${d.hostsTotal} hosts down.`
      : `${res.site.name} is no longer degraded.`;
  }, formData);
  revalidatePath('/staff', 'layout');
  return state;
}
