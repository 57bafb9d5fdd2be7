import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, markTrustedForwarding } from '@/lib/server/forwarding.mjs';
import { sourceIpOf, sourceIpOfRecord } from './request-meta';

const headers = (h: Record<string, string>) => new Headers(h);

afterEach(() => markTrustedForwarding(false));

describe('sourceIpOf', () => {
  it('never believes X-Forwarded-For or X-Real-IP', () => {
    markTrustedForwarding();
    expect(sourceIpOf(headers({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' }))).toBeNull();
    expect(sourceIpOf(headers({ 'x-forwarded-for': '203.0.113.7', [CLIENT_IP_HEADER]: '192.0.2.1' }))).toBe('192.0.2.1');
    expect(sourceIpOfRecord({ 'x-forwarded-for': '203.0.113.7', [CLIENT_IP_HEADER]: '192.0.2.1' })).toBe('192.0.2.1');
  });

  it('reads the address server.mjs set, normalised; garbage gives none', () => {
    markTrustedForwarding();
    expect(sourceIpOf(headers({ [CLIENT_IP_HEADER]: '::ffff:192.0.2.1' }))).toBe('192.0.2.1');
    expect(sourceIpOf(headers({ [CLIENT_IP_HEADER]: 'not an address' }))).toBeNull();
  });

  it('without server.mjs in front (next dev, bare next start) there is no address rather than a forged one', () => {
    expect(sourceIpOf(headers({ [CLIENT_IP_HEADER]: '192.0.2.1', 'x-forwarded-for': '203.0.113.7' }))).toBeNull();
    expect(sourceIpOfRecord({ [CLIENT_IP_HEADER]: '192.0.2.1' })).toBeNull();
  });
});
