ALTER TABLE `tenants` ADD `price_ghz_cents` integer DEFAULT 1500 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `price_memory_gb_cents` integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `price_storage_gb_cents` integer DEFAULT 15 NOT NULL;