-- The audit trail is append-only, as on SQLite (db/migrations 0001 and 0020): any UPDATE, DELETE
-- or TRUNCATE of audit_log is refused, but for one change: a refusal or failure entry counting up
-- its repeats within its minute (lib/core/audit.ts) — `count` grows, `last_time` moves forward
-- and stays within 60 s of the entry's `time`, and every other column is unchanged. Unlike
-- SQLite's trigger, which lists the columns, the comparison takes the whole row but those two, so
-- a column added later is covered without touching this function.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.outcome <> 'success'
      AND NEW.count > OLD.count
      AND NEW.last_time IS NOT NULL
      AND NEW.last_time >= COALESCE(OLD.last_time, OLD.time)
      AND NEW.last_time < OLD.time + interval '60 seconds'
      AND (to_jsonb(NEW) - 'count' - 'last_time') = (to_jsonb(OLD) - 'count' - 'last_time')
    THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
