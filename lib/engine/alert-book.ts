/**
 * The open alerts the engine has raised, by key. Raising an open alert or resolving a closed
 * one does nothing, so callers can state the desired condition every tick and only changes
 * become events. Keys name the subject: `rpo-breach:<group>`, `site-down:<group>:<site>`...
 */
import type { AlertInfo, EngineEvent } from './types';

export type OpenAlert = AlertInfo & { raisedAtMs: number };

export class AlertBook {
  readonly open = new Map<string, OpenAlert>();

  constructor(private readonly events: EngineEvent[]) {}

  raise(info: AlertInfo, atMs: number): void {
    if (this.open.has(info.key)) return;
    this.open.set(info.key, { ...info, raisedAtMs: atMs });
    this.events.push({ type: 'alert-raised', atMs, ...info });
  }

  resolve(key: string, atMs: number): void {
    if (!this.open.delete(key)) return;
    this.events.push({ type: 'alert-resolved', key, atMs });
  }

  /** Raises or resolves to match `on`. */
  set(on: boolean, info: () => AlertInfo, key: string, atMs: number): void {
    if (on) {
      if (!this.open.has(key)) this.raise(info(), atMs);
    } else this.resolve(key, atMs);
  }

  resolveWhere(match: (a: OpenAlert) => boolean, atMs: number): void {
    for (const [key, a] of [...this.open]) if (match(a)) this.resolve(key, atMs);
  }
}
