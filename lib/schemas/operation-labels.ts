import type { OperationType } from '@/db/schema/operations';

/** Operation types in words, shared by the UI and the audit trail's target names (no runtime imports: client-safe). */
export const OPERATION_TYPE_LABEL: Record<OperationType, string> = {
  'test-failover': 'Test failover',
  failover: 'Live failover',
  move: 'Move',
  failback: 'Failback',
};
