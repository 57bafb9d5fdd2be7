import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, serverConfig } from '@/lib/config';

const SECRET_FILE = 'auth-secret';

let cached: string | undefined;

/**
 * The key that signs and encrypts session cookies. AUTH_SECRET wins; otherwise a random secret
 * is generated once and kept next to the database, so sessions survive restarts and the key
 * travels with the data it protects (back up / wipe them together).
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = serverConfig().AUTH_SECRET;
  cached = fromEnv ?? readOrCreateSecretFile(secretFilePath());
  return cached;
}

export function secretFilePath(): string {
  const db = databasePath();
  const dir = db === ':memory:' ? path.resolve('data') : path.dirname(path.resolve(db));
  return path.join(dir, SECRET_FILE);
}

function readOrCreateSecretFile(file: string): string {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    // 'wx' fails if another process won the race; then we read theirs, so all agree.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fs.readFileSync(file, 'utf8').trim();
  }
}

/**
 * next-auth v4 reads NEXTAUTH_SECRET directly in some code paths (getToken defaults, the
 * route handler when options.secret is unset), so mirror the secret there.
 *
 * NEXTAUTH_URL is deliberately NOT defaulted to http://localhost:$PORT: when set, next-auth
 * builds every redirect from it, so a portal opened at 127.0.0.1 or a LAN name would be sent to
 * another origin (other cookies). Without it we trust the Host / X-Forwarded-* headers
 * (AUTH_TRUST_HOST), which is right for a single app behind its own reverse proxy. Set
 * NEXTAUTH_URL=https://... in production to pin the origin and get Secure cookies.
 */
export function ensureAuthEnv(): void {
  process.env.NEXTAUTH_SECRET ||= authSecret();
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ||= 'true';
}
