/**
 * "Sign-in from a new device" (issue 16). A device is the browser family and operating system
 * (from the User-Agent, versions left out so an update is not a new device) and the network the
 * sign-in came from (the client address's /24 for IPv4, /48 for IPv6). Only a hash of it, keyed
 * by the person, is stored (user_devices), the 20 most recently seen per person. A successful
 * sign-in from a device not among them records `signin.new-device` for that person, except the
 * account's first sign-in (nothing known yet: nothing to compare with).
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { DB } from '@/db';
import { userDevices } from '@/db/schema';
import { recordEvent } from '@/lib/core/outbox';

/** How many devices are remembered per person (the most recently seen). */
export const MAX_DEVICES_PER_USER = 20;

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
  [/^curl\//, 'curl'],
  [/^python-requests\/|^Python-urllib\//, 'Python'],
  [/^node-fetch|^undici|^node\b/i, 'Node.js'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** "Firefox on Linux", "curl", "an unknown browser": what the message names the device by. */
export function deviceFamily(userAgent: string | null): string {
  if (!userAgent) return 'an unknown browser';
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? 'an unknown browser';
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/** The network of an address: "192.0.2.0/24", "2001:db8:1::/48"; "an unknown network" without one. */
export function networkOf(ip: string | null): string {
  if (!ip) return 'an unknown network';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(mapped ? mapped[1] : ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(':')) {
    const [head, tail = ''] = ip.toLowerCase().replace(/%.*$/, '').split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
    const first = groups.slice(0, 3).map((g) => (parseInt(g || '0', 16) || 0).toString(16));
    return `${first.join(':')}::/48`;
  }
  return 'an unknown network';
}

export type SignInDevice = { family: string; network: string; hash: string };

/** The device of a sign-in, with its hash keyed by the person (the same device of two people hashes apart). */
export function signInDevice(userId: string, userAgent: string | null, ip: string | null): SignInDevice {
  const family = deviceFamily(userAgent);
  const network = networkOf(ip);
  const hash = createHash('sha256').update(`cloudshield-device\n${userId}\n${family}\n${network}`).digest('hex');
  return { family, network, hash };
}

export type DeviceOutcome = 'first' | 'known' | 'new';

/**
 * Remembers the device of a successful sign-in and, when the person has signed in before but
 * never from it, records `signin.new-device` (to that person only), in one transaction.
 */
export function noteSignInDevice(
  db: DB,
  user: { id: string; tenantId: string | null },
  ctx: { userAgent: string | null; sourceIp: string | null; channel: 'web' | 'api' },
  nowMs: number = Date.now(),
): DeviceOutcome {
  const device = signInDevice(user.id, ctx.userAgent, ctx.sourceIp);
  const now = new Date(nowMs);
  return db.transaction((tx) => {
    const known = tx.select({ hash: userDevices.deviceHash }).from(userDevices).where(eq(userDevices.userId, user.id)).all();
    if (known.some((d) => d.hash === device.hash)) {
      tx.update(userDevices).set({ lastSeenAt: now }).where(and(eq(userDevices.userId, user.id), eq(userDevices.deviceHash, device.hash))).run();
      return 'known';
    }
    tx.insert(userDevices).values({ userId: user.id, deviceHash: device.hash, firstSeenAt: now, lastSeenAt: now }).run();
    // Keep the most recently seen few: an old device forgotten is "new" again, which errs on the safe side.
    const keep = tx.select({ hash: userDevices.deviceHash }).from(userDevices).where(eq(userDevices.userId, user.id))
      .orderBy(desc(userDevices.lastSeenAt), desc(userDevices.firstSeenAt)).limit(MAX_DEVICES_PER_USER).all().map((d) => d.hash);
    tx.delete(userDevices).where(and(eq(userDevices.userId, user.id), notInArray(userDevices.deviceHash, keep))).run();
    if (!known.length) return 'first';
    const how = ctx.channel === 'api' ? 'An API token was requested with your password' : 'Someone signed in to your account';
    recordEvent(tx, {
      type: 'signin.new-device', tenantId: user.tenantId, occurredAt: nowMs,
      payload: {
        userId: user.id, device: device.family, network: device.network, channel: ctx.channel, subject: `${device.family} from ${device.network}`,
        summary: `${how} from a device not seen before: ${device.family}, from ${device.network}. If this was not you, change your password at once.`,
      },
    });
    return 'new';
  });
}
