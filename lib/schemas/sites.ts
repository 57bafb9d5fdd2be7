/** The state of a provider site. */
export const SITE_STATUSES = ['online', 'degraded', 'offline'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
