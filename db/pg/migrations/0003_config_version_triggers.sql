-- The configuration version (db/pg/schema/config-version.ts), as SQLite's 0023_render_config_version:
-- one counter that every change of configuration moves, whoever writes it, and that replication
-- state never moves. The UPDATE OF lists match SQLite's (a test compares them): a column added
-- later to one of these tables that a cached read uses must be added to its list on both
-- databases. Statement triggers: an UPDATE that matched no row counts too (a spare refetch).
INSERT INTO config_version (id, n) VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION config_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE config_version SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER protection_groups_config_insert AFTER INSERT ON protection_groups FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER protection_groups_config_delete AFTER DELETE ON protection_groups FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER protection_groups_config_update AFTER UPDATE OF "id", "tenant_id", "name", "description", "source_site_id", "target_site_id", "priority", "rpo_target_seconds", "rto_target_minutes", "journal_history_hours", "journal_limit_gb", "app_checkpoint_minutes", "test_network", "live_network", "config_version" ON protection_groups FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER group_members_config_insert AFTER INSERT ON group_members FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER group_members_config_delete AFTER DELETE ON group_members FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER group_members_config_update AFTER UPDATE OF "group_id", "vm_id", "boot_group_id" ON group_members FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vms_config_insert AFTER INSERT ON vms FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vms_config_delete AFTER DELETE ON vms FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vms_config_update AFTER UPDATE OF "id", "tenant_id", "site_id", "name", "os", "vcpus", "cpu_ghz", "memory_gb", "agent_installed", "write_mean_mbps", "write_peak_factor", "write_peak_hour_utc", "burstiness", "write_block_kb", "continuous_writer", "boot_seconds" ON vms FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_disks_config_insert AFTER INSERT ON vm_disks FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_disks_config_delete AFTER DELETE ON vm_disks FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_disks_config_update AFTER UPDATE ON vm_disks FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_nics_config_insert AFTER INSERT ON vm_nics FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_nics_config_delete AFTER DELETE ON vm_nics FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vm_nics_config_update AFTER UPDATE ON vm_nics FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vdcs_config_insert AFTER INSERT ON vdcs FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vdcs_config_delete AFTER DELETE ON vdcs FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER vdcs_config_update AFTER UPDATE ON vdcs FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER storage_volumes_config_insert AFTER INSERT ON storage_volumes FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER storage_volumes_config_delete AFTER DELETE ON storage_volumes FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
--> statement-breakpoint
CREATE TRIGGER storage_volumes_config_update AFTER UPDATE ON storage_volumes FOR EACH STATEMENT EXECUTE FUNCTION config_version_bump();
