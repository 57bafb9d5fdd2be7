-- RPO sample tier 1 goes from one row a minute to one row per 2.5 minutes (RPO_TIERS), so a 24 h
-- chart reads 576 rows as they are instead of 1,440 bucketed per request. Rows written at the old
-- step are rolled up into the new one (worst RPO, mean rates; a minute that straddles two
-- 2.5-minute intervals counts in the one it starts in), parked as tier -1 while tier 1 is emptied.
INSERT INTO rpo_samples (group_id, tier, time_ms, rpo_seconds, throughput_mbps, wan_mbps, write_iops, applied_iops)
SELECT group_id, -1, (time_ms / 150000) * 150000, max(rpo_seconds), avg(throughput_mbps), avg(wan_mbps), avg(write_iops), avg(applied_iops)
FROM rpo_samples WHERE tier = 1 GROUP BY group_id, time_ms / 150000;
--> statement-breakpoint
DELETE FROM rpo_samples WHERE tier = 1;
--> statement-breakpoint
UPDATE rpo_samples SET tier = 1 WHERE tier = -1;
