/** Types for forwarding.mjs (plain JavaScript so that server.mjs can run it without a compiler). */
export declare const CLIENT_IP_HEADER: 'x-cloudshield-client-ip';
export declare const PROTO_HEADER: 'x-cloudshield-proto';
export declare const HSTS_VALUE: string;
export declare const MAX_TRUST_PROXY_HOPS: number;
export declare function parseTrustProxyHops(value: string | undefined): number;
export declare function normalizeIp(raw: string | null | undefined): string | null;
export declare function clientIpFrom(input: { forwardedFor?: string | string[] | null; remoteAddress?: string | null; hops: number }): string | null;
export declare function requestProtoFrom(input: { forwardedProto?: string | string[] | null; encrypted: boolean; hops: number }): 'https' | 'http';
export declare function applyTrustedForwarding(
  req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string; encrypted?: boolean } },
  hops: number,
): { clientIp: string | null; proto: 'https' | 'http' };
export declare function markTrustedForwarding(on?: boolean): void;
export declare function trustedForwardingActive(): boolean;
