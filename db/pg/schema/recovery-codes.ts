import { pgTable, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamp } from './columns';
import { users } from './users';

/**
 * Two-factor recovery codes (issue 19): ten one-time codes made when two-factor is switched on
 * (or regenerated), shown once. Only a SHA-256 of each is stored (80 random bits each: see
 * lib/auth/recovery-codes.ts). A code is used up by setting used_at in a conditional UPDATE.
 */
export const totpRecoveryCodes = pgTable(
  'totp_recovery_codes',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('totp_recovery_codes_user_idx').on(t.userId), uniqueIndex('totp_recovery_codes_user_hash_idx').on(t.userId, t.codeHash)],
);
