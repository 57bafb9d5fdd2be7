ALTER TABLE `outbox_events` ADD `webhooks_queued_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_events_webhooks_due_idx` ON `outbox_events` (`created_at`) WHERE webhooks_queued_at is null;