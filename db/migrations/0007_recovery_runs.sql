CREATE TABLE `recovery_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`tiers` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_plans_tenant_name_uq` ON `recovery_plans` (`tenant_id`,`name`);--> statement-breakpoint
CREATE TABLE `recovery_run_groups` (
	`run_id` text NOT NULL,
	`group_id` text NOT NULL,
	`tier` integer NOT NULL,
	`position` integer NOT NULL,
	`state` text NOT NULL,
	`operation_id` text,
	`error` text,
	`forecast_data_loss_seconds` real,
	`forecast_rto_seconds` real,
	FOREIGN KEY (`run_id`) REFERENCES `recovery_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_run_groups_pk` ON `recovery_run_groups` (`run_id`,`group_id`);--> statement-breakpoint
CREATE INDEX `recovery_run_groups_operation_idx` ON `recovery_run_groups` (`operation_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_run_groups_one_waiting_uq` ON `recovery_run_groups` (`group_id`) WHERE state = 'waiting';--> statement-breakpoint
CREATE TABLE `recovery_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`source_site_id` text,
	`plan_id` text,
	`plan_name` text,
	`reason` text,
	`tier_delays` text NOT NULL,
	`options` text NOT NULL,
	`started_by` text NOT NULL,
	`started_by_email` text NOT NULL,
	`acting_as_staff` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`test_result` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_runs_tenant_started_idx` ON `recovery_runs` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `recovery_runs_open_idx` ON `recovery_runs` (`status`) WHERE status = 'in-progress';