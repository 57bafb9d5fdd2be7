DROP INDEX `checkpoints_group_time_idx`;--> statement-breakpoint
CREATE INDEX `checkpoints_group_time_kind_idx` ON `checkpoints` (`group_id`,`time_ms`,`kind`);