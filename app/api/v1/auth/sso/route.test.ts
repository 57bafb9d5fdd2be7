import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/lib/domain/core/database';
import { resetAuthRateLimits } from '@/lib/auth/rate-limit';
import { apiRequest, callRoute, serveTestDb } from '@/lib/testing/api';
import { seededTestDb } from '@/lib/testing/db';
import { CLIENT_IP_HEADER, markTrustedForwarding } from '@/lib/server/forwarding.mjs';
import { GET } from './route';

let db: DB;
beforeAll(async () => {
  db = await seededTestDb();
  serveTestDb(db);
  // As under server.mjs, which sets the client address header from the socket.
  markTrustedForwarding();
});
beforeEach(() => resetAuthRateLimits());

const lookup = (email: string, ip: string) => callRoute(GET, apiRequest(`/api/v1/auth/sso?email=${encodeURIComponent(email)}`, { headers: { [CLIENT_IP_HEADER]: ip } }));

describe('GET /api/v1/auth/sso is throttled per client address', () => {
  it('30 look-ups a minute from one address, then 429 with Retry-After; another address is not affected', async () => {
    for (let i = 0; i < 30; i++) expect((await lookup(`someone${i}@elsewhere.example`, '203.0.113.9')).status, `look-up ${i + 1}`).toBe(200);
    const limited = await lookup('someone@elsewhere.example', '203.0.113.9');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const other = await lookup('someone@elsewhere.example', '198.51.100.4');
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ provider: null });
  });

  it('an unknown domain answers the same shape as a known one', async () => {
    const res = await lookup('someone@elsewhere.example', '203.0.113.10');
    expect(Object.keys(await res.json())).toEqual(['provider']);
  });
});
