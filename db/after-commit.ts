/**
 * Work that must wait for the transaction around it to commit, and must not happen at all when
 * it rolls back: the live stream's announcements (lib/core/live-events.ts) are the case. A use
 * case audits inside its transaction, and the audit announces the change; announced at once, a
 * write that then fails and rolls back would still tell every open page that something changed.
 *
 * better-sqlite3 runs a transaction synchronously on one thread, so the transactions open at any
 * moment are one nest (a transaction and its savepoints): a stack of frames. `afterCommit(fn)`
 * runs `fn` at once outside any transaction; inside, it is queued on the innermost frame. A frame
 * that completes hands its queue to the one around it (a savepoint released is committed only
 * with its transaction), the outermost one runs it after COMMIT; a frame that throws (a rollback,
 * or a rollback to a savepoint) drops its queue. db/client.ts puts every transaction, better-sqlite3's
 * and drizzle's savepoints, through `inTransactionScope`.
 */

type Frame = (() => void)[];

const globalForScope = globalThis as unknown as { __cloudshieldTxFrames?: Frame[] };
const frames = (): Frame[] => (globalForScope.__cloudshieldTxFrames ??= []);

/** Runs `fn` once the transaction around the caller has committed (at once when there is none); never when it rolls back. */
export function afterCommit(fn: () => void): void {
  const stack = frames();
  if (stack.length) stack[stack.length - 1].push(fn);
  else runAll([fn]);
}

/** Whether a transaction (of this process's databases) is open now. */
export function inTransaction(): boolean {
  return frames().length > 0;
}

/** Runs a transaction (or savepoint) body as one frame: its queued work is kept on success, dropped on a throw. */
export function inTransactionScope<T>(run: () => T): T {
  const stack = frames();
  const frame: Frame = [];
  stack.push(frame);
  let result: T;
  try {
    result = run();
  } catch (error) {
    // A frame of another nest cannot be on top here (transactions are synchronous), but be exact.
    const at = stack.lastIndexOf(frame);
    if (at >= 0) stack.splice(at, 1);
    throw error;
  }
  const at = stack.lastIndexOf(frame);
  if (at >= 0) stack.splice(at, 1);
  if (stack.length) stack[stack.length - 1].push(...frame);
  else runAll(frame);
  return result;
}

function runAll(queue: Frame): void {
  for (const fn of queue) {
    try {
      fn();
    } catch (error) {
      console.error('[cloudshield] after-commit callback failed', error);
    }
  }
}
