CREATE TABLE `maintenance_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`description` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `maintenance_windows_time_idx` ON `maintenance_windows` (`starts_at`,`ends_at`);--> statement-breakpoint
CREATE TABLE `outages` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text,
	`link_id` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`started_by` text,
	`reason` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`link_id`) REFERENCES `site_links`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outages_site_idx` ON `outages` (`site_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `outages_link_idx` ON `outages` (`link_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `site_links` (
	`id` text PRIMARY KEY NOT NULL,
	`site_a_id` text NOT NULL,
	`site_b_id` text NOT NULL,
	`latency_ms` integer NOT NULL,
	`capacity_mbps` integer NOT NULL,
	`up` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`site_a_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_b_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_links_pair_uq` ON `site_links` (`site_a_id`,`site_b_id`);--> statement-breakpoint
CREATE INDEX `site_links_b_idx` ON `site_links` (`site_b_id`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`country` text NOT NULL,
	`timezone` text NOT NULL,
	`status` text DEFAULT 'online' NOT NULL,
	`capacity_vcpu_ghz` real NOT NULL,
	`capacity_memory_gb` real NOT NULL,
	`capacity_storage_gb` real NOT NULL
);
--> statement-breakpoint
CREATE TABLE `storage_volumes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`size_gb` real NOT NULL,
	`guaranteed_iops` integer NOT NULL,
	`media` text DEFAULT 'ssd' NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `storage_volumes_tenant_idx` ON `storage_volumes` (`tenant_id`,`site_id`);--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`connection` text DEFAULT 'portal' NOT NULL,
	`external_bandwidth_mbps` integer NOT NULL,
	`inter_site_bandwidth_mbps` integer NOT NULL,
	`monthly_charge_cents` integer NOT NULL,
	`currency` text DEFAULT 'GBP' NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_unique` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `vdcs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`site_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`vcpu_ghz` real NOT NULL,
	`memory_gb` real NOT NULL,
	`storage_gb` real NOT NULL,
	`guaranteed_iops` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vdcs_tenant_site_kind_uq` ON `vdcs` (`tenant_id`,`site_id`,`kind`);--> statement-breakpoint
CREATE INDEX `vdcs_site_idx` ON `vdcs` (`site_id`);--> statement-breakpoint
CREATE TABLE `vm_disks` (
	`id` text PRIMARY KEY NOT NULL,
	`vm_id` text NOT NULL,
	`label` text NOT NULL,
	`size_gb` real NOT NULL,
	FOREIGN KEY (`vm_id`) REFERENCES `vms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vm_disks_vm_idx` ON `vm_disks` (`vm_id`);--> statement-breakpoint
CREATE TABLE `vm_nics` (
	`id` text PRIMARY KEY NOT NULL,
	`vm_id` text NOT NULL,
	`network` text NOT NULL,
	`ip_address` text NOT NULL,
	`mac_address` text NOT NULL,
	FOREIGN KEY (`vm_id`) REFERENCES `vms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vm_nics_vm_idx` ON `vm_nics` (`vm_id`);--> statement-breakpoint
CREATE TABLE `vms` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`os` text NOT NULL,
	`vcpus` integer NOT NULL,
	`cpu_ghz` real NOT NULL,
	`memory_gb` real NOT NULL,
	`power_state` text DEFAULT 'on' NOT NULL,
	`agent_installed` integer DEFAULT false NOT NULL,
	`write_mean_mbps` real NOT NULL,
	`write_peak_factor` real DEFAULT 3 NOT NULL,
	`write_peak_hour_utc` integer DEFAULT 14 NOT NULL,
	`burstiness` real DEFAULT 0.2 NOT NULL,
	`continuous_writer` integer DEFAULT false NOT NULL,
	`boot_seconds` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vms_tenant_name_uq` ON `vms` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `vms_tenant_site_idx` ON `vms` (`tenant_id`,`site_id`);--> statement-breakpoint
CREATE TABLE `boot_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`delay_after_seconds` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `boot_groups_position_uq` ON `boot_groups` (`group_id`,`position`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`vm_id` text NOT NULL,
	`boot_group_id` text,
	`sync_state` text DEFAULT 'syncing' NOT NULL,
	`sync_progress` real DEFAULT 0 NOT NULL,
	`added_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vm_id`) REFERENCES `vms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`boot_group_id`) REFERENCES `boot_groups`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_members_vm_id_unique` ON `group_members` (`vm_id`);--> statement-breakpoint
CREATE INDEX `group_members_group_idx` ON `group_members` (`group_id`);--> statement-breakpoint
CREATE TABLE `protection_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`source_site_id` text NOT NULL,
	`target_site_id` text NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`rpo_target_seconds` integer NOT NULL,
	`rto_target_minutes` integer NOT NULL,
	`journal_history_hours` integer NOT NULL,
	`journal_limit_gb` real NOT NULL,
	`app_checkpoint_minutes` integer DEFAULT 60 NOT NULL,
	`test_network` text NOT NULL,
	`live_network` text NOT NULL,
	`status` text DEFAULT 'initialising' NOT NULL,
	`sub_status` text,
	`rpo_seconds` real,
	`history_covered_seconds` integer DEFAULT 0 NOT NULL,
	`journal_used_gb` real DEFAULT 0 NOT NULL,
	`throughput_mbps` real DEFAULT 0 NOT NULL,
	`wan_mbps` real DEFAULT 0 NOT NULL,
	`backlog_mb` real DEFAULT 0 NOT NULL,
	`last_tested_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `protection_groups_tenant_name_uq` ON `protection_groups` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `protection_groups_status_idx` ON `protection_groups` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`time_ms` integer NOT NULL,
	`kind` text NOT NULL,
	`tag` text,
	`created_by` text,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checkpoints_group_time_idx` ON `checkpoints` (`group_id`,`time_ms`);--> statement-breakpoint
CREATE TABLE `rpo_samples` (
	`group_id` text NOT NULL,
	`tier` integer NOT NULL,
	`time_ms` integer NOT NULL,
	`rpo_seconds` real NOT NULL,
	`throughput_mbps` real NOT NULL,
	`wan_mbps` real NOT NULL,
	PRIMARY KEY(`group_id`, `tier`, `time_ms`),
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `operation_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`operation_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`detail` text,
	FOREIGN KEY (`operation_id`) REFERENCES `operations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operation_steps_position_uq` ON `operation_steps` (`operation_id`,`position`);--> statement-breakpoint
CREATE TABLE `operations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`from_site_id` text NOT NULL,
	`to_site_id` text NOT NULL,
	`checkpoint_id` text,
	`checkpoint_time_ms` integer,
	`data_loss_seconds` real,
	`options` text NOT NULL,
	`started_by` text NOT NULL,
	`started_by_email` text NOT NULL,
	`acting_as_staff` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`commit_deadline` integer,
	`rto_seconds` real,
	`result` text,
	`notes` text,
	`error` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `operations_tenant_started_idx` ON `operations` (`tenant_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `operations_group_started_idx` ON `operations` (`group_id`,`started_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `operations_one_open_per_group_uq` ON `operations` (`group_id`) WHERE status in ('pending', 'running', 'testing', 'awaiting-commit');--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`group_id` text,
	`site_id` text,
	`vm_id` text,
	`code` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`raised_at` integer NOT NULL,
	`resolved_at` integer,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `protection_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `alerts_tenant_open_idx` ON `alerts` (`tenant_id`,`resolved_at`,`raised_at`);--> statement-breakpoint
CREATE INDEX `alerts_group_idx` ON `alerts` (`group_id`,`code`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `service_request_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`author_id` text NOT NULL,
	`author_email` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `service_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_request_comments_request_idx` ON `service_request_comments` (`request_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`priority` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`vdc_id` text,
	`resource_change` text,
	`requested_by` text NOT NULL,
	`assigned_to` text,
	`created_at` integer NOT NULL,
	`respond_by` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`vdc_id`) REFERENCES `vdcs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_requests_tenant_idx` ON `service_requests` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `service_requests_queue_idx` ON `service_requests` (`status`,`respond_by`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`totp_secret` text,
	`totp_enabled` integer DEFAULT false NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	`last_sign_in_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_tenant_idx` ON `users` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` integer NOT NULL,
	`actor_id` text,
	`actor_email` text,
	`actor_role` text,
	`tenant_id` text,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`outcome` text NOT NULL,
	`source_ip` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_tenant_time_idx` ON `audit_log` (`tenant_id`,`time`);--> statement-breakpoint
CREATE INDEX `audit_log_time_idx` ON `audit_log` (`time`);--> statement-breakpoint
CREATE TABLE `sim_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
