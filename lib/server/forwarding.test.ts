import { afterEach, describe, expect, it } from 'vitest';
import {
  applyTrustedForwarding,
  clientIpFrom,
  CLIENT_IP_HEADER,
  markTrustedForwarding,
  normalizeIp,
  parseTrustProxyHops,
  PROTO_HEADER,
  requestProtoFrom,
} from './forwarding.mjs';

const SOCKET = '10.0.0.5';

describe('clientIpFrom', () => {
  it('hops 0: the socket address, whatever X-Forwarded-For says', () => {
    expect(clientIpFrom({ forwardedFor: '203.0.113.9', remoteAddress: SOCKET, hops: 0 })).toBe(SOCKET);
    expect(clientIpFrom({ forwardedFor: null, remoteAddress: SOCKET, hops: 0 })).toBe(SOCKET);
  });

  it('hops 1: the entry our proxy appended (the rightmost), not what the client put before it', () => {
    expect(clientIpFrom({ forwardedFor: '198.51.100.1, 203.0.113.9', remoteAddress: SOCKET, hops: 1 })).toBe('203.0.113.9');
    expect(clientIpFrom({ forwardedFor: '203.0.113.9', remoteAddress: SOCKET, hops: 1 })).toBe('203.0.113.9');
  });

  it('hops 2: the second entry from the right once the socket peer is appended', () => {
    // client → CDN (appends client) → nginx (appends CDN) → us (socket = nginx)
    expect(clientIpFrom({ forwardedFor: 'forged, 203.0.113.9, 192.0.2.80', remoteAddress: SOCKET, hops: 2 })).toBe('203.0.113.9');
    // Several X-Forwarded-For headers count as one list, in order.
    expect(clientIpFrom({ forwardedFor: ['forged', '203.0.113.9, 192.0.2.80'], remoteAddress: SOCKET, hops: 2 })).toBe('203.0.113.9');
  });

  it('fewer entries than hops: the leftmost (every entry came from a trusted proxy)', () => {
    expect(clientIpFrom({ forwardedFor: '203.0.113.9', remoteAddress: SOCKET, hops: 3 })).toBe('203.0.113.9');
    expect(clientIpFrom({ forwardedFor: undefined, remoteAddress: SOCKET, hops: 2 })).toBe(SOCKET);
    expect(clientIpFrom({ forwardedFor: '', remoteAddress: SOCKET, hops: 1 })).toBe(SOCKET);
  });

  it('garbage where an address should be: the next trusted entry to its right stands in', () => {
    expect(clientIpFrom({ forwardedFor: 'unknown', remoteAddress: SOCKET, hops: 1 })).toBe(SOCKET);
    expect(clientIpFrom({ forwardedFor: '<script>, 203.0.113.9', remoteAddress: SOCKET, hops: 1 })).toBe('203.0.113.9');
    expect(clientIpFrom({ forwardedFor: '198.51.100.1, ;DROP, 192.0.2.80', remoteAddress: SOCKET, hops: 2 })).toBe('192.0.2.80');
    expect(clientIpFrom({ forwardedFor: ',,, ,', remoteAddress: SOCKET, hops: 1 })).toBe(SOCKET);
    expect(clientIpFrom({ forwardedFor: 'x'.repeat(5000), remoteAddress: undefined, hops: 1 })).toBeNull();
  });

  it('IPv6 and ports', () => {
    expect(clientIpFrom({ forwardedFor: '[2001:DB8::7]:4711', remoteAddress: SOCKET, hops: 1 })).toBe('2001:db8::7');
    expect(clientIpFrom({ forwardedFor: '203.0.113.9:5555', remoteAddress: SOCKET, hops: 1 })).toBe('203.0.113.9');
    expect(clientIpFrom({ forwardedFor: '2001:db8::7', remoteAddress: SOCKET, hops: 1 })).toBe('2001:db8::7');
    expect(clientIpFrom({ forwardedFor: 'forged', remoteAddress: '::ffff:127.0.0.1', hops: 0 })).toBe('127.0.0.1');
    expect(clientIpFrom({ forwardedFor: null, remoteAddress: '::1', hops: 0 })).toBe('::1');
  });
});

describe('normalizeIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' "192.0.2.1" ', '192.0.2.1'],
    ['[::1]', '::1'],
    ['[::1]:80', '::1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['192.0.2.1:99999', null],
    ['999.0.2.1', null],
    ['example.com', null],
    ['', null],
    [null, null],
  ])('%s → %s', (raw, expected) => expect(normalizeIp(raw)).toBe(expected));
});

describe('parseTrustProxyHops', () => {
  it('defaults to 0 and accepts 0–10', () => {
    expect(parseTrustProxyHops(undefined)).toBe(0);
    expect(parseTrustProxyHops('')).toBe(0);
    expect(parseTrustProxyHops('1')).toBe(1);
    expect(parseTrustProxyHops(' 2 ')).toBe(2);
  });
  it.each(['-1', '1.5', 'one', 'true', '11', '1e1'])('refuses %s', (value) => {
    expect(() => parseTrustProxyHops(value)).toThrow(/TRUST_PROXY_HOPS/);
  });
});

describe('requestProtoFrom', () => {
  it('a TLS socket is https; X-Forwarded-Proto counts only with a trusted proxy', () => {
    expect(requestProtoFrom({ forwardedProto: undefined, encrypted: true, hops: 0 })).toBe('https');
    expect(requestProtoFrom({ forwardedProto: 'https', encrypted: false, hops: 0 })).toBe('http');
    expect(requestProtoFrom({ forwardedProto: 'https', encrypted: false, hops: 1 })).toBe('https');
    expect(requestProtoFrom({ forwardedProto: 'https, http', encrypted: false, hops: 1 })).toBe('http');
    expect(requestProtoFrom({ forwardedProto: 'HTTPS', encrypted: false, hops: 2 })).toBe('https');
  });
});

describe('applyTrustedForwarding', () => {
  const request = (headers: Record<string, string>, remoteAddress = SOCKET) => ({ headers: { ...headers } as Record<string, string | string[] | undefined>, socket: { remoteAddress, encrypted: false } });

  it('hops 0: drops the client-sent forwarding headers and its copy of ours', () => {
    const req = request({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.test', forwarded: 'for=203.0.113.9', [CLIENT_IP_HEADER]: '203.0.113.9', [PROTO_HEADER]: 'https', host: 'portal.test' });
    expect(applyTrustedForwarding(req, 0)).toEqual({ clientIp: SOCKET, proto: 'http' });
    expect(req.headers).toEqual({ host: 'portal.test', [CLIENT_IP_HEADER]: SOCKET, [PROTO_HEADER]: 'http' });
  });

  it('hops 1: X-Forwarded-For becomes the decided address, the proxy’s proto is kept', () => {
    const req = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-proto': 'https', [CLIENT_IP_HEADER]: '198.51.100.1' });
    expect(applyTrustedForwarding(req, 1)).toEqual({ clientIp: '203.0.113.9', proto: 'https' });
    expect(req.headers[CLIENT_IP_HEADER]).toBe('203.0.113.9');
    expect(req.headers['x-forwarded-for']).toBe('203.0.113.9');
  });

  it('no address at all: our header is absent rather than the client’s', () => {
    const req = request({ [CLIENT_IP_HEADER]: '203.0.113.9' }, '');
    expect(applyTrustedForwarding(req, 0).clientIp).toBeNull();
    expect(req.headers[CLIENT_IP_HEADER]).toBeUndefined();
  });
});

afterEach(() => markTrustedForwarding(false));
