CREATE TABLE "maintenance_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"description" text NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outages" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text,
	"link_id" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"started_by" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "site_links" (
	"id" text PRIMARY KEY NOT NULL,
	"site_a_id" text NOT NULL,
	"site_b_id" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"capacity_mbps" integer NOT NULL,
	"up" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"timezone" text NOT NULL,
	"status" text DEFAULT 'online' NOT NULL,
	"capacity_vcpu_ghz" double precision NOT NULL,
	"capacity_memory_gb" double precision NOT NULL,
	"capacity_storage_gb" double precision NOT NULL,
	"storage_iops_percent" integer DEFAULT 100 NOT NULL,
	"hosts_total" integer DEFAULT 8 NOT NULL,
	"hosts_down" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "storage_volumes" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"size_gb" double precision NOT NULL,
	"guaranteed_iops" integer NOT NULL,
	"media" text DEFAULT 'ssd' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"connection" text DEFAULT 'portal' NOT NULL,
	"external_bandwidth_mbps" integer NOT NULL,
	"inter_site_bandwidth_mbps" integer NOT NULL,
	"monthly_charge_cents" integer NOT NULL,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"price_ghz_cents" integer DEFAULT 1500 NOT NULL,
	"price_memory_gb_cents" integer DEFAULT 500 NOT NULL,
	"price_storage_gb_cents" integer DEFAULT 15 NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"live_failover_approval" boolean DEFAULT false NOT NULL,
	"approval_timeout_minutes" integer DEFAULT 30 NOT NULL,
	"provider_may_approve" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "vdcs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"site_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"vcpu_ghz" double precision NOT NULL,
	"memory_gb" double precision NOT NULL,
	"storage_gb" double precision NOT NULL,
	"guaranteed_iops" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vm_disks" (
	"id" text PRIMARY KEY NOT NULL,
	"vm_id" text NOT NULL,
	"label" text NOT NULL,
	"size_gb" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vm_nics" (
	"id" text PRIMARY KEY NOT NULL,
	"vm_id" text NOT NULL,
	"network" text NOT NULL,
	"ip_address" text NOT NULL,
	"mac_address" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vms" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"site_id" text NOT NULL,
	"name" text NOT NULL,
	"os" text NOT NULL,
	"vcpus" integer NOT NULL,
	"cpu_ghz" double precision NOT NULL,
	"memory_gb" double precision NOT NULL,
	"power_state" text DEFAULT 'on' NOT NULL,
	"agent_installed" boolean DEFAULT false NOT NULL,
	"write_mean_mbps" double precision NOT NULL,
	"write_peak_factor" double precision DEFAULT 3 NOT NULL,
	"write_peak_hour_utc" integer DEFAULT 14 NOT NULL,
	"burstiness" double precision DEFAULT 0.2 NOT NULL,
	"write_block_kb" integer DEFAULT 32 NOT NULL,
	"continuous_writer" boolean DEFAULT false NOT NULL,
	"boot_seconds" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "boot_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"delay_after_seconds" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_members" (
	"group_id" text NOT NULL,
	"vm_id" text NOT NULL,
	"boot_group_id" text,
	"sync_state" text DEFAULT 'syncing' NOT NULL,
	"sync_progress" double precision DEFAULT 0 NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "group_members_vm_id_unique" UNIQUE("vm_id")
);
--> statement-breakpoint
CREATE TABLE "protection_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source_site_id" text NOT NULL,
	"target_site_id" text NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"rpo_target_seconds" integer NOT NULL,
	"rto_target_minutes" integer NOT NULL,
	"journal_history_hours" integer NOT NULL,
	"journal_limit_gb" double precision NOT NULL,
	"app_checkpoint_minutes" integer DEFAULT 60 NOT NULL,
	"test_network" json NOT NULL,
	"live_network" json NOT NULL,
	"status" text DEFAULT 'initialising' NOT NULL,
	"sub_status" text,
	"rpo_seconds" double precision,
	"history_covered_seconds" integer DEFAULT 0 NOT NULL,
	"journal_used_gb" double precision DEFAULT 0 NOT NULL,
	"throughput_mbps" double precision DEFAULT 0 NOT NULL,
	"wan_mbps" double precision DEFAULT 0 NOT NULL,
	"backlog_mb" double precision DEFAULT 0 NOT NULL,
	"write_iops" double precision DEFAULT 0 NOT NULL,
	"applied_iops" double precision DEFAULT 0 NOT NULL,
	"limit_reason" text,
	"last_tested_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"config_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"time_ms" bigint NOT NULL,
	"kind" text NOT NULL,
	"tag" text,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "rpo_samples" (
	"group_id" text NOT NULL,
	"tier" integer NOT NULL,
	"time_ms" bigint NOT NULL,
	"rpo_seconds" double precision NOT NULL,
	"throughput_mbps" double precision NOT NULL,
	"wan_mbps" double precision NOT NULL,
	"write_iops" double precision DEFAULT 0 NOT NULL,
	"applied_iops" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "rpo_samples_group_id_tier_time_ms_pk" PRIMARY KEY("group_id","tier","time_ms")
);
--> statement-breakpoint
CREATE TABLE "operation_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"operation_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"group_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"from_site_id" text NOT NULL,
	"to_site_id" text NOT NULL,
	"checkpoint_id" text,
	"checkpoint_time_ms" bigint,
	"data_loss_seconds" double precision,
	"options" json NOT NULL,
	"started_by" text NOT NULL,
	"started_by_email" text NOT NULL,
	"acting_as_staff" boolean DEFAULT false NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"commit_deadline" timestamp (3) with time zone,
	"rto_seconds" double precision,
	"result" text,
	"notes" text,
	"error" text,
	"approval_id" text,
	"approved_by_email" text,
	"break_glass_reason" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"group_id" text,
	"site_id" text,
	"vm_id" text,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"message" text NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"acknowledged_at" timestamp (3) with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE TABLE "service_request_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"author_id" text NOT NULL,
	"author_email" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"priority" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"vdc_id" text,
	"resource_change" json,
	"requested_by" text NOT NULL,
	"assigned_to" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"respond_by" timestamp (3) with time zone NOT NULL,
	"resolved_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	"scope" text DEFAULT 'full' NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"totp_secret" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_sign_in_at" timestamp (3) with time zone,
	"password_changed_at" timestamp (3) with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"time" timestamp (3) with time zone NOT NULL,
	"simulated_time" timestamp (3) with time zone,
	"actor_id" text,
	"actor_email" text,
	"actor_role" text,
	"tenant_id" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"target_name" text,
	"outcome" text NOT NULL,
	"source_ip" text,
	"details" json,
	"count" integer DEFAULT 1 NOT NULL,
	"last_time" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sim_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" json NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"tiers" json NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_run_groups" (
	"run_id" text NOT NULL,
	"group_id" text NOT NULL,
	"tier" integer NOT NULL,
	"position" integer NOT NULL,
	"state" text NOT NULL,
	"operation_id" text,
	"error" text,
	"forecast_data_loss_seconds" double precision,
	"forecast_rto_seconds" double precision
);
--> statement-breakpoint
CREATE TABLE "recovery_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"source_site_id" text,
	"plan_id" text,
	"plan_name" text,
	"reason" text,
	"tier_delays" json NOT NULL,
	"options" json NOT NULL,
	"started_by" text NOT NULL,
	"started_by_email" text NOT NULL,
	"acting_as_staff" boolean DEFAULT false NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"test_result" text,
	"approval_id" text,
	"approved_by_email" text,
	"break_glass_reason" text
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" json NOT NULL,
	"trigger" text DEFAULT 'event' NOT NULL,
	"attempt" integer NOT NULL,
	"status" text NOT NULL,
	"status_code" integer,
	"latency_ms" integer,
	"error" text,
	"next_attempt_at" timestamp (3) with time zone,
	"first_attempt_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"attempted_at" timestamp (3) with time zone,
	"delivered_at" timestamp (3) with time zone,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text,
	"url" text NOT NULL,
	"events" json NOT NULL,
	"secret" text NOT NULL,
	"description" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_reason" text,
	"failing_since" timestamp (3) with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"tenant_id" text,
	"payload" json NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"webhooks_queued_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "sent_mail" (
	"id" text PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"event_ids" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_marks" (
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"period" text NOT NULL,
	"event_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notification_marks_kind_subject_id_period_pk" PRIMARY KEY("kind","subject_id","period")
);
--> statement-breakpoint
CREATE TABLE "user_devices" (
	"user_id" text NOT NULL,
	"device_hash" text NOT NULL,
	"first_seen_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "user_devices_user_id_device_hash_pk" PRIMARY KEY("user_id","device_hash")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" text NOT NULL,
	"event_type" text NOT NULL,
	"email" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "notification_preferences_user_id_event_type_pk" PRIMARY KEY("user_id","event_type")
);
--> statement-breakpoint
CREATE TABLE "app_check_faults" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"vm_id" text NOT NULL,
	"check_id" text,
	"reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_drill_operations" (
	"drill_id" text NOT NULL,
	"operation_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_drills" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"schedule_id" text,
	"schedule_name" text NOT NULL,
	"scheduled_for" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"result" text,
	"skip_code" text,
	"reason" text,
	"missed_slots" integer DEFAULT 0 NOT NULL,
	"groups" json NOT NULL,
	"checks" json NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_schedules" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"group_ids" json NOT NULL,
	"plan_id" text,
	"cron" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"checkpoint" text DEFAULT 'latest' NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"last_slot_at" timestamp (3) with time zone NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vm_app_checks" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"vm_id" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"params" json NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"group_ids" json NOT NULL,
	"request" json NOT NULL,
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_email" text NOT NULL,
	"requested_by_role" text NOT NULL,
	"requested_acting_as_staff" boolean DEFAULT false NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"decided_by" text,
	"decided_by_email" text,
	"decided_at" timestamp (3) with time zone,
	"comment" text,
	"operation_id" text,
	"run_id" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "totp_recovery_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_provider_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"provider_id" text NOT NULL,
	"tenant_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_providers" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret" text NOT NULL,
	"default_role" text DEFAULT 'user' NOT NULL,
	"groups_claim" text DEFAULT 'groups' NOT NULL,
	"group_roles" json NOT NULL,
	"require_sso" boolean DEFAULT false NOT NULL,
	"break_glass_user_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "identity_providers_tenant_id_unique" UNIQUE("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "ended_sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"ended_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outages" ADD CONSTRAINT "outages_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outages" ADD CONSTRAINT "outages_link_id_site_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."site_links"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_links" ADD CONSTRAINT "site_links_site_a_id_sites_id_fk" FOREIGN KEY ("site_a_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_links" ADD CONSTRAINT "site_links_site_b_id_sites_id_fk" FOREIGN KEY ("site_b_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_volumes" ADD CONSTRAINT "storage_volumes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storage_volumes" ADD CONSTRAINT "storage_volumes_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vdcs" ADD CONSTRAINT "vdcs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vdcs" ADD CONSTRAINT "vdcs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_disks" ADD CONSTRAINT "vm_disks_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_nics" ADD CONSTRAINT "vm_nics_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vms" ADD CONSTRAINT "vms_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boot_groups" ADD CONSTRAINT "boot_groups_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_boot_group_id_boot_groups_id_fk" FOREIGN KEY ("boot_group_id") REFERENCES "public"."boot_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_groups" ADD CONSTRAINT "protection_groups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_groups" ADD CONSTRAINT "protection_groups_source_site_id_sites_id_fk" FOREIGN KEY ("source_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protection_groups" ADD CONSTRAINT "protection_groups_target_site_id_sites_id_fk" FOREIGN KEY ("target_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpo_samples" ADD CONSTRAINT "rpo_samples_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operation_steps" ADD CONSTRAINT "operation_steps_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_comments" ADD CONSTRAINT "service_request_comments_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_vdc_id_vdcs_id_fk" FOREIGN KEY ("vdc_id") REFERENCES "public"."vdcs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_plans" ADD CONSTRAINT "recovery_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_run_groups" ADD CONSTRAINT "recovery_run_groups_run_id_recovery_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."recovery_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_run_groups" ADD CONSTRAINT "recovery_run_groups_group_id_protection_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."protection_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_run_groups" ADD CONSTRAINT "recovery_run_groups_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_runs" ADD CONSTRAINT "recovery_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_deliveries" ADD CONSTRAINT "outbox_deliveries_event_id_outbox_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."outbox_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_devices" ADD CONSTRAINT "user_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_check_faults" ADD CONSTRAINT "app_check_faults_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_check_faults" ADD CONSTRAINT "app_check_faults_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drill_operations" ADD CONSTRAINT "test_drill_operations_drill_id_test_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."test_drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drill_operations" ADD CONSTRAINT "test_drill_operations_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drills" ADD CONSTRAINT "test_drills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_schedules" ADD CONSTRAINT "test_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_app_checks" ADD CONSTRAINT "vm_app_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vm_app_checks" ADD CONSTRAINT "vm_app_checks_vm_id_vms_id_fk" FOREIGN KEY ("vm_id") REFERENCES "public"."vms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_recovery_codes" ADD CONSTRAINT "totp_recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_provider_domains" ADD CONSTRAINT "identity_provider_domains_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_provider_domains" ADD CONSTRAINT "identity_provider_domains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_providers" ADD CONSTRAINT "identity_providers_break_glass_user_id_users_id_fk" FOREIGN KEY ("break_glass_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ended_sessions" ADD CONSTRAINT "ended_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_windows_time_idx" ON "maintenance_windows" USING btree ("starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "outages_site_idx" ON "outages" USING btree ("site_id","started_at");--> statement-breakpoint
CREATE INDEX "outages_link_idx" ON "outages" USING btree ("link_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_links_pair_uq" ON "site_links" USING btree ("site_a_id","site_b_id");--> statement-breakpoint
CREATE INDEX "site_links_b_idx" ON "site_links" USING btree ("site_b_id");--> statement-breakpoint
CREATE INDEX "storage_volumes_tenant_idx" ON "storage_volumes" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vdcs_tenant_site_kind_uq" ON "vdcs" USING btree ("tenant_id","site_id","kind");--> statement-breakpoint
CREATE INDEX "vdcs_site_idx" ON "vdcs" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "vm_disks_vm_idx" ON "vm_disks" USING btree ("vm_id");--> statement-breakpoint
CREATE INDEX "vm_nics_vm_idx" ON "vm_nics" USING btree ("vm_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vms_tenant_name_uq" ON "vms" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "vms_tenant_site_idx" ON "vms" USING btree ("tenant_id","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "boot_groups_position_uq" ON "boot_groups" USING btree ("group_id","position");--> statement-breakpoint
CREATE INDEX "group_members_group_idx" ON "group_members" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "protection_groups_tenant_name_uq" ON "protection_groups" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "protection_groups_status_idx" ON "protection_groups" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "checkpoints_group_time_kind_idx" ON "checkpoints" USING btree ("group_id","time_ms","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "operation_steps_position_uq" ON "operation_steps" USING btree ("operation_id","position");--> statement-breakpoint
CREATE INDEX "operations_tenant_started_idx" ON "operations" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "operations_group_started_idx" ON "operations" USING btree ("group_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "operations_one_open_per_group_uq" ON "operations" USING btree ("group_id") WHERE status in ('pending', 'running', 'testing', 'awaiting-commit');--> statement-breakpoint
CREATE INDEX "alerts_tenant_open_idx" ON "alerts" USING btree ("tenant_id","resolved_at","raised_at");--> statement-breakpoint
CREATE INDEX "alerts_group_idx" ON "alerts" USING btree ("group_id","code","resolved_at");--> statement-breakpoint
CREATE INDEX "service_request_comments_request_idx" ON "service_request_comments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_tenant_idx" ON "service_requests" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_queue_idx" ON "service_requests" USING btree ("status","respond_by");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_tenant_idx" ON "users" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_time_idx" ON "audit_log" USING btree ("tenant_id","time");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("time");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_plans_tenant_name_uq" ON "recovery_plans" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_run_groups_pk" ON "recovery_run_groups" USING btree ("run_id","group_id");--> statement-breakpoint
CREATE INDEX "recovery_run_groups_operation_idx" ON "recovery_run_groups" USING btree ("operation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_run_groups_one_waiting_uq" ON "recovery_run_groups" USING btree ("group_id") WHERE state = 'waiting';--> statement-breakpoint
CREATE INDEX "recovery_runs_tenant_started_idx" ON "recovery_runs" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "recovery_runs_open_idx" ON "recovery_runs" USING btree ("status") WHERE status = 'in-progress';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_created_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_deliveries_event_channel_recipient_uq" ON "outbox_deliveries" USING btree ("event_id","channel","recipient");--> statement-breakpoint
CREATE INDEX "outbox_deliveries_due_idx" ON "outbox_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_events_tenant_idx" ON "outbox_events" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_events_webhooks_due_idx" ON "outbox_events" USING btree ("created_at") WHERE webhooks_queued_at is null;--> statement-breakpoint
CREATE INDEX "outbox_events_created_idx" ON "outbox_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sent_mail_sent_at_idx" ON "sent_mail" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "user_devices_user_seen_idx" ON "user_devices" USING btree ("user_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "app_check_faults_vm_idx" ON "app_check_faults" USING btree ("vm_id");--> statement-breakpoint
CREATE INDEX "test_drill_operations_op_idx" ON "test_drill_operations" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "test_drill_operations_drill_idx" ON "test_drill_operations" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "test_drills_tenant_started_idx" ON "test_drills" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "test_drills_schedule_idx" ON "test_drills" USING btree ("schedule_id","started_at");--> statement-breakpoint
CREATE INDEX "test_drills_running_idx" ON "test_drills" USING btree ("status") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "test_schedules_tenant_idx" ON "test_schedules" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "vm_app_checks_vm_idx" ON "vm_app_checks" USING btree ("vm_id");--> statement-breakpoint
CREATE INDEX "approvals_tenant_status_idx" ON "approvals" USING btree ("tenant_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "totp_recovery_codes_user_idx" ON "totp_recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "totp_recovery_codes_user_hash_idx" ON "totp_recovery_codes" USING btree ("user_id","code_hash");--> statement-breakpoint
CREATE INDEX "identity_provider_domains_provider_idx" ON "identity_provider_domains" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "ended_sessions_expires_idx" ON "ended_sessions" USING btree ("expires_at");