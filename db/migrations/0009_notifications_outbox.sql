CREATE TABLE `outbox_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `outbox_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_deliveries_event_channel_recipient_uq` ON `outbox_deliveries` (`event_id`,`channel`,`recipient`);--> statement-breakpoint
CREATE INDEX `outbox_deliveries_due_idx` ON `outbox_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `outbox_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`tenant_id` text,
	`payload` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_events_tenant_idx` ON `outbox_events` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sent_mail` (
	`id` text PRIMARY KEY NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`sent_at` integer NOT NULL,
	`event_ids` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sent_mail_sent_at_idx` ON `sent_mail` (`sent_at`);