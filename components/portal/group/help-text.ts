/**
 * Operators often read the RPO target as how often checkpoints are taken; it is not, and the
 * forms say so (UX-REFERENCE "Protection group list").
 */
export const RPO_TARGET_HINT =
  'An alert threshold, not the checkpoint frequency: replication is continuous and checkpoints are taken every few seconds whatever the target; an alert fires when the actual RPO exceeds it. Typical: 300 s (5 min).';
