/**
 * Which groups changed enough, tick to tick, to tell the browsers that show them (through the
 * live stream, lib/core/live-events.ts). Every tick rewrites every group's figures, and the RPO
 * of a healthy group jitters by a few seconds all the time: announcing that would make every
 * open page refetch four times a second. What counts: the status, its detail, the limiting
 * reason, the mode, members starting or finishing their sync (or 5 % of progress), and the RPO
 * moving by at least 30 s or a quarter of what was last announced.
 */
import type { GroupView } from '@/lib/engine';

const RPO_STEP_SECONDS = 30;
const RPO_STEP_RATIO = 0.25;

type Announced = { shape: string; rpo: number | null };

function shapeOf(v: GroupView): string {
  const syncing = v.members.filter((m) => m.syncState === 'syncing');
  const progress = syncing.length ? Math.floor((syncing.reduce((s, m) => s + m.syncProgress, 0) / syncing.length) * 20) : -1;
  return `${v.status}|${v.subStatus ?? ''}|${v.limitReason ?? ''}|${v.mode}|${syncing.length}|${progress}`;
}

function rpoMoved(before: number | null, now: number | null): boolean {
  if (before === null || now === null) return before !== now;
  return Math.abs(now - before) >= Math.max(RPO_STEP_SECONDS, RPO_STEP_RATIO * before);
}

export class LiveGroupChanges {
  private readonly announced = new Map<string, Announced>();

  /** Whether the group's view differs enough from the last one announced (the first look counts as a change). */
  changed(v: GroupView): boolean {
    const shape = shapeOf(v);
    const before = this.announced.get(v.id);
    if (before && before.shape === shape && !rpoMoved(before.rpo, v.rpoSeconds)) return false;
    this.announced.set(v.id, { shape, rpo: v.rpoSeconds });
    return true;
  }

  forget(groupId: string): void {
    this.announced.delete(groupId);
  }
}
