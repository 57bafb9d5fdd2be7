ALTER TABLE `sites` ADD `storage_iops_percent` integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `hosts_total` integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `hosts_down` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `vms` ADD `write_block_kb` integer DEFAULT 32 NOT NULL;--> statement-breakpoint
ALTER TABLE `protection_groups` ADD `write_iops` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `protection_groups` ADD `applied_iops` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `protection_groups` ADD `limit_reason` text;--> statement-breakpoint
ALTER TABLE `rpo_samples` ADD `write_iops` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `rpo_samples` ADD `applied_iops` real DEFAULT 0 NOT NULL;