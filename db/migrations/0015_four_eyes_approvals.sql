CREATE TABLE `approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`group_ids` text NOT NULL,
	`request` text NOT NULL,
	`reason` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_by_email` text NOT NULL,
	`requested_by_role` text NOT NULL,
	`requested_acting_as_staff` integer DEFAULT false NOT NULL,
	`requested_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_by` text,
	`decided_by_email` text,
	`decided_at` integer,
	`comment` text,
	`operation_id` text,
	`run_id` text,
	`error` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `approvals_tenant_status_idx` ON `approvals` (`tenant_id`,`status`,`requested_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `live_failover_approval` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `approval_timeout_minutes` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `provider_may_approve` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `operations` ADD `approval_id` text;--> statement-breakpoint
ALTER TABLE `operations` ADD `approved_by_email` text;--> statement-breakpoint
ALTER TABLE `operations` ADD `break_glass_reason` text;--> statement-breakpoint
ALTER TABLE `recovery_runs` ADD `approval_id` text;--> statement-breakpoint
ALTER TABLE `recovery_runs` ADD `approved_by_email` text;--> statement-breakpoint
ALTER TABLE `recovery_runs` ADD `break_glass_reason` text;