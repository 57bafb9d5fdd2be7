import { isAwaitingApproval, type AwaitingApprovalDto } from '@/lib/domain/approvals/gate';

/**
 * For tests of starts that must start (the tenant's four-eyes setting is off): the use case's
 * answer narrowed to what started, failing the test if it waits for approval instead.
 */
export function startedOnly<A extends unknown[], T>(fn: (...args: A) => Promise<T>): (...args: A) => Promise<Exclude<T, AwaitingApprovalDto>> {
  return async (...args: A) => {
    const out = await fn(...args);
    if (isAwaitingApproval(out)) throw new Error(`Expected a start, got a request awaiting approval (${out.approvalId}).`);
    return out as Exclude<T, AwaitingApprovalDto>;
  };
}
