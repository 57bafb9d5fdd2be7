/**
 * "Sign-in from a new device" (issue 16): remembered per person as a hash of the browser family
 * and the network; told on a successful sign-in from one not seen before, never on the
 * account's first sign-in, never for a known one, never to anyone but that person.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '@/db';
import { outboxDeliveries, outboxEvents, userDevices } from '@/db/schema';
import { seededTestDb } from '@/lib/testing/db';
import { verifyCredentials } from './credentials';
import { deviceFamily, MAX_DEVICES_PER_USER, networkOf, noteSignInDevice, signInDevice } from './devices';
import { resetAuthRateLimits } from './rate-limit';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const FIREFOX_LINUX_NEWER = 'Mozilla/5.0 (X11; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0';
const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

let db: DB;
beforeEach(async () => {
  resetAuthRateLimits();
  db = await seededTestDb();
});

const signIn = (email: string, userAgent: string | null, sourceIp: string | null, channel: 'web' | 'api' = 'web') =>
  verifyCredentials(db, { email, password: 'demo-password', otp: '' } as never, { sourceIp, channel, userAgent });

function told() {
  return db.select().from(outboxEvents).where(eq(outboxEvents.type, 'signin.new-device')).all().map((e) => ({
    ...e,
    to: db.select({ r: outboxDeliveries.recipient }).from(outboxDeliveries).where(eq(outboxDeliveries.eventId, e.id)).all().map((d) => d.r),
  }));
}

describe('what a device is', () => {
  it('the browser family and system, without versions', () => {
    expect(deviceFamily(FIREFOX_LINUX)).toBe('Firefox on Linux');
    expect(deviceFamily(CHROME_WINDOWS)).toBe('Chrome on Windows');
    expect(deviceFamily(SAFARI_IPHONE)).toBe('Safari on iOS');
    expect(deviceFamily(EDGE)).toBe('Edge on Windows');
    expect(deviceFamily('curl/8.5.0')).toBe('curl');
    expect(deviceFamily(null)).toBe('an unknown browser');
  });

  it('the network: /24 for IPv4 (mapped ones included), /48 for IPv6', () => {
    expect(networkOf('192.0.2.44')).toBe('192.0.2.0/24');
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.0/24');
    expect(networkOf('2001:db8:1:2::5')).toBe('2001:db8:1::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf(null)).toBe('an unknown network');
  });

  it('hashes per person: another version or address in the same network is the same device', () => {
    const a = signInDevice('usr_1', FIREFOX_LINUX, '192.0.2.1');
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(signInDevice('usr_1', FIREFOX_LINUX_NEWER, '192.0.2.200').hash).toBe(a.hash);
    expect(signInDevice('usr_2', FIREFOX_LINUX, '192.0.2.1').hash).not.toBe(a.hash);
    expect(signInDevice('usr_1', FIREFOX_LINUX, '192.0.3.1').hash).not.toBe(a.hash);
    expect(signInDevice('usr_1', CHROME_WINDOWS, '192.0.2.1').hash).not.toBe(a.hash);
  });
});

describe('signin.new-device', () => {
  it('not on the account\'s first sign-in; not from a known device; yes from a new one, to that person only', async () => {
    await signIn('admin@acme.test', FIREFOX_LINUX, '192.0.2.44');
    expect(told()).toEqual([]);
    await signIn('admin@acme.test', FIREFOX_LINUX_NEWER, '192.0.2.45');
    expect(told()).toEqual([]);
    await signIn('admin@acme.test', CHROME_WINDOWS, '203.0.113.9');
    const [e] = told();
    expect(told()).toHaveLength(1);
    expect(e).toMatchObject({ tenantId: 'ten_acme', payload: { userId: 'usr_admin_acme', device: 'Chrome on Windows', network: '203.0.113.0/24', channel: 'web' } });
    expect(String(e.payload.summary)).toMatch(/^Someone signed in to your account from a device not seen before: Chrome on Windows, from 203\.0\.113\.0\/24\./);
    expect(e.to).toEqual(['admin@acme.test']);
    // Now known: no second message.
    await signIn('admin@acme.test', CHROME_WINDOWS, '203.0.113.10');
    expect(told()).toHaveLength(1);
  });

  it('is per person: one person\'s devices say nothing about another\'s', async () => {
    await signIn('admin@acme.test', FIREFOX_LINUX, '192.0.2.44');
    await signIn('admin@globex.test', FIREFOX_LINUX, '192.0.2.44'); // globex's first sign-in
    expect(told()).toEqual([]);
    await signIn('admin@globex.test', SAFARI_IPHONE, '198.51.100.3');
    const events = told();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ tenantId: 'ten_globex' });
    expect(events[0].to).toEqual(['admin@globex.test']);
  });

  it('a token requested with the password from a new device says so; a failed sign-in records nothing', async () => {
    await signIn('user@acme.test', FIREFOX_LINUX, '192.0.2.44');
    await expect(verifyCredentials(db, { email: 'user@acme.test', password: 'wrong-password', otp: '' } as never, { sourceIp: '203.0.113.1', channel: 'web', userAgent: CHROME_WINDOWS })).rejects.toThrow();
    expect(told()).toEqual([]);
    expect(db.select().from(userDevices).all()).toHaveLength(1);
    await signIn('user@acme.test', 'curl/8.5.0', '203.0.113.1', 'api');
    expect(told()).toHaveLength(1);
    expect(String(told()[0].payload.summary)).toMatch(/^An API token was requested with your password from a device not seen before: curl, from 203\.0\.113\.0\/24/);
  });

  it('stores only hashes, and the most recently seen 20 per person', async () => {
    const user = { id: 'usr_user_acme', tenantId: 'ten_acme' };
    const base = Date.UTC(2030, 0, 1);
    for (let i = 0; i < MAX_DEVICES_PER_USER + 5; i++) noteSignInDevice(db, user, { userAgent: FIREFOX_LINUX, sourceIp: `10.0.${i}.1`, channel: 'web' }, base + i * 1000);
    const rows = db.select().from(userDevices).where(eq(userDevices.userId, user.id)).all();
    expect(rows).toHaveLength(MAX_DEVICES_PER_USER);
    for (const r of rows) expect(Object.values(r).join(' ')).not.toMatch(/Firefox|10\.0\./);
    // The oldest were forgotten: the newest is still known.
    expect(noteSignInDevice(db, user, { userAgent: FIREFOX_LINUX, sourceIp: `10.0.${MAX_DEVICES_PER_USER + 4}.9`, channel: 'web' }, base + 100_000)).toBe('known');
    expect(noteSignInDevice(db, user, { userAgent: FIREFOX_LINUX, sourceIp: '10.0.0.9', channel: 'web' }, base + 200_000)).toBe('new');
  });
});
