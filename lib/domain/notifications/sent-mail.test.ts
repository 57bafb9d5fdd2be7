import { describe, expect, it } from 'vitest';
import { sentMail } from '@/db/schema';
import { ForbiddenError, ValidationError } from '@/lib/core/errors';
import { ACME_ADMIN, ACME_USER, STAFF } from '@/lib/testing/actors';
import { seededTestDb } from '@/lib/testing/db';
import { listSentMail } from './sent-mail';

describe('listSentMail (staff "Sent mail")', () => {
  it('lists the kept messages newest first, for staff', async () => {
    const db = await seededTestDb();
    expect(listSentMail(db, STAFF).items).toEqual([]);
    const row = (id: string, ms: number) => ({ id, to: 'admin@acme.test', subject: `S ${id}`, text: 'body', html: '<p>body</p>', sentAt: new Date(ms), eventIds: [`evt_${id}`] });
    db.insert(sentMail).values([row('a', 1_000), row('b', 3_000), row('c', 2_000)]).run();
    const { items } = listSentMail(db, STAFF, { limit: '2' });
    expect(items.map((m) => m.id)).toEqual(['b', 'c']);
    expect(items[0]).toEqual({ id: 'b', to: 'admin@acme.test', subject: 'S b', text: 'body', sentAt: new Date(3_000).toISOString(), eventIds: ['evt_b'] });
  });

  it('refuses client roles', async () => {
    const db = await seededTestDb();
    for (const actor of [ACME_USER, ACME_ADMIN]) expect(() => listSentMail(db, actor)).toThrow(ForbiddenError);
  });

  it('names the bad field', async () => {
    const db = await seededTestDb();
    expect(() => listSentMail(db, STAFF, { limit: '0' })).toThrow(ValidationError);
  });
});
