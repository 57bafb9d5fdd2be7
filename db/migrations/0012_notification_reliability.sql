ALTER TABLE `webhook_deliveries` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `outbox_deliveries` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `outbox_deliveries` ADD `claimed_until` integer;--> statement-breakpoint
CREATE INDEX `outbox_events_created_idx` ON `outbox_events` (`created_at`);