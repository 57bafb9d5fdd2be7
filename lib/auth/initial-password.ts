import { randomBytes } from 'node:crypto';

// 32 symbols without look-alikes (no 0/O, 1/I): 20 of them carry 100 bits, in groups of 4 to read out.
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A one-time password, e.g. `7KQM-X4RT-...`: crypto random (100 bits, 24 characters), shown
 * once to whoever hands it over (an invite, a reset, the first administrator of a database).
 */
export function generateInitialPassword(): string {
  const bytes = randomBytes(20);
  const chars = Array.from(bytes, (b) => PASSWORD_ALPHABET[b & 31]);
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
