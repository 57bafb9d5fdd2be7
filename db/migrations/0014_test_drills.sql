CREATE TABLE `app_check_faults` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`vm_id` text NOT NULL,
	`check_id` text,
	`reason` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vm_id`) REFERENCES `vms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_check_faults_vm_idx` ON `app_check_faults` (`vm_id`);--> statement-breakpoint
CREATE TABLE `test_drill_operations` (
	`drill_id` text NOT NULL,
	`operation_id` text NOT NULL,
	FOREIGN KEY (`drill_id`) REFERENCES `test_drills`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `test_drill_operations_op_idx` ON `test_drill_operations` (`operation_id`);--> statement-breakpoint
CREATE INDEX `test_drill_operations_drill_idx` ON `test_drill_operations` (`drill_id`);--> statement-breakpoint
CREATE TABLE `test_drills` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`schedule_id` text,
	`schedule_name` text NOT NULL,
	`scheduled_for` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`result` text,
	`skip_code` text,
	`reason` text,
	`missed_slots` integer DEFAULT 0 NOT NULL,
	`groups` text NOT NULL,
	`checks` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `test_drills_tenant_started_idx` ON `test_drills` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `test_drills_schedule_idx` ON `test_drills` (`schedule_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `test_drills_running_idx` ON `test_drills` (`status`) WHERE status = 'running';--> statement-breakpoint
CREATE TABLE `test_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`group_ids` text NOT NULL,
	`plan_id` text,
	`cron` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`checkpoint` text DEFAULT 'latest' NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`last_slot_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `test_schedules_tenant_idx` ON `test_schedules` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `vm_app_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`vm_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`params` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vm_id`) REFERENCES `vms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vm_app_checks_vm_idx` ON `vm_app_checks` (`vm_id`);