ALTER TABLE `audit_log` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `last_time` integer;--> statement-breakpoint
-- Refusals and failed attempts repeated within a minute are one entry with a count
-- (lib/core/audit.ts), so a flood of them cannot grow the trail without bound. The trail stays
-- append-only in spirit: the only change the database now accepts is such an entry counting up
-- (`count` grows, `last_time` moves forward within a minute of the entry's `time`); every other
-- column, every success entry, and any DELETE are still refused. A later migration that adds a
-- column to audit_log must add it to the comparison below.
DROP TRIGGER `audit_log_no_update`;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
WHEN NOT (
  OLD.`outcome` <> 'success'
  AND NEW.`count` > OLD.`count`
  AND NEW.`last_time` IS NOT NULL
  AND NEW.`last_time` >= COALESCE(OLD.`last_time`, OLD.`time`)
  AND NEW.`last_time` < OLD.`time` + 60000
  AND NEW.`id` IS OLD.`id` AND NEW.`time` IS OLD.`time` AND NEW.`simulated_time` IS OLD.`simulated_time`
  AND NEW.`actor_id` IS OLD.`actor_id` AND NEW.`actor_email` IS OLD.`actor_email` AND NEW.`actor_role` IS OLD.`actor_role`
  AND NEW.`tenant_id` IS OLD.`tenant_id` AND NEW.`action` IS OLD.`action` AND NEW.`target_type` IS OLD.`target_type`
  AND NEW.`target_id` IS OLD.`target_id` AND NEW.`target_name` IS OLD.`target_name` AND NEW.`outcome` IS OLD.`outcome`
  AND NEW.`source_ip` IS OLD.`source_ip` AND NEW.`details` IS OLD.`details`
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
