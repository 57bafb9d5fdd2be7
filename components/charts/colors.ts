import { TONE_HEX } from '@/components/ui/tone';

/** Series colours of the charts, apart from the charts (importing them loads no chart). */
export const RPO_COLOR = '#0284c7';
export const OUTAGE_COLOR = TONE_HEX.danger;
export const WAN_COLOR = '#0284c7';
export const WRITES_COLOR = '#d97706';
export const WRITE_IOPS_COLOR = '#7c3aed';
export const APPLIED_IOPS_COLOR = '#059669';
export const IOPS_CAP_COLOR = '#dc2626';
