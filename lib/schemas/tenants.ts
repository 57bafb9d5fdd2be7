/** How a tenant reaches the service, whether it may sign in, and what a vDC is for. */
export const CONNECTION_OPTIONS = ['portal', 'vpn', 'mpls', 'p2p'] as const;
export const TENANT_STATUSES = ['active', 'suspended'] as const;
export const VDC_KINDS = ['production', 'recovery'] as const;
