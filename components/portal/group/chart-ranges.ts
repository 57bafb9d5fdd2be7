/** The time ranges the charts offer, as an operator asks: the last hour, day, week, month. */
export const CHART_RANGES = [
  { key: '1h', label: '1 h', ms: 3600_000, pollMs: 5_000 },
  { key: '24h', label: '24 h', ms: 24 * 3600_000, pollMs: 5_000 },
  { key: '7d', label: '7 d', ms: 7 * 24 * 3600_000, pollMs: 60_000 },
  { key: '30d', label: '30 d', ms: 30 * 24 * 3600_000, pollMs: 300_000 },
] as const;

export type ChartRangeKey = (typeof CHART_RANGES)[number]['key'];

export const rangeOf = (key: ChartRangeKey) => CHART_RANGES.find((r) => r.key === key) ?? CHART_RANGES[1];
