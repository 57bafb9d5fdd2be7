/**
 * Bounds of a break-glass reason: enough to say why, short enough for an audit entry. Its own
 * module so the portal's form reads the same numbers as the API without the operations schemas.
 */
export const BREAK_GLASS_REASON = { min: 10, max: 500 } as const;
