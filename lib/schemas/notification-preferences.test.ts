import { describe, expect, it } from 'vitest';
import { DEFAULT_EMAIL_PREFERENCES, NOTIFICATION_EVENT_TYPES, PERSONAL_EVENT_TYPES } from './notifications';
import { emailWanted, EVENT_GROUPS, notificationPreferencesUpdateSchema, OFFERED_EVENT_TYPES, preferenceEventTypes } from './notification-preferences';
import { ROLES } from './users';

describe('notification preferences: the rules', () => {
  it('puts every event type in exactly one group', () => {
    const grouped = EVENT_GROUPS.flatMap((g) => g.types);
    expect([...grouped].sort()).toEqual([...NOTIFICATION_EVENT_TYPES].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('offers every role its defaults, never a personal event; shows the personal ones after the offered ones', () => {
    for (const role of ROLES) {
      for (const t of DEFAULT_EMAIL_PREFERENCES[role]) expect(OFFERED_EVENT_TYPES[role]).toContain(t);
      for (const t of PERSONAL_EVENT_TYPES) expect(OFFERED_EVENT_TYPES[role]).not.toContain(t);
      expect(preferenceEventTypes(role).slice(-PERSONAL_EVENT_TYPES.length)).toEqual([...PERSONAL_EVENT_TYPES]);
    }
  });

  it('emailWanted: personal always; not offered never; else the choice, else the default', () => {
    expect(emailWanted('user', 'account.password-changed', false)).toBe(true);
    expect(emailWanted('staff', 'rpo.warning', true)).toBe(false);
    expect(emailWanted('user', 'rpo.warning', true)).toBe(true);
    expect(emailWanted('user', 'rpo.breach', false)).toBe(false);
    expect(emailWanted('user', 'rpo.breach', undefined)).toBe(true);
    expect(emailWanted('user', 'rpo.warning', null)).toBe(false);
  });

  it('the update schema names unknown types and non-booleans by field', () => {
    const fields = (input: unknown) => {
      const r = notificationPreferencesUpdateSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(fields({ email: { 'rpo.breach': false, 'site.down': true } })).toEqual([]);
    expect(fields({ email: {} })).toEqual([]);
    expect(fields({ email: { 'rpo.nope': true } })).toEqual(['email.rpo.nope']);
    expect(fields({ email: { 'rpo.breach': 1 } })).toEqual(['email.rpo.breach']);
    expect(fields({ email: null })).toEqual(['email']);
    expect(fields({})).toEqual(['email']);
  });
});
