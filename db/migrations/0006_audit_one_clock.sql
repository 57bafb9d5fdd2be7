-- One clock for the audit trail. From here on `time` is always the real time an entry was
-- written and `simulated_time` the simulator's clock where it matters; `target_name` keeps the
-- target's human name with the entry. Rows are never rewritten (the trail is append-only), so
-- entries written before stay as recorded: their operation.* and service-request work entries
-- carry the simulated clock in `time`. The marker below records the change in the trail itself
-- and is the boundary the reader uses to label those entries (only on a trail that has any).
ALTER TABLE `audit_log` ADD `simulated_time` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `target_name` text;--> statement-breakpoint
INSERT INTO `audit_log` (`time`, `actor_id`, `actor_email`, `actor_role`, `tenant_id`, `action`, `target_type`, `target_id`, `target_name`, `outcome`, `details`)
SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER), 'system', NULL, 'system', NULL, 'audit.one-clock', 'audit-log', NULL, 'Audit trail', 'success',
  json_object('note', 'From this entry on, time is real (wall-clock) time and the simulated time is kept apart. Earlier operation and service-request entries were stamped with the simulated clock.')
WHERE EXISTS (SELECT 1 FROM `audit_log`);
