import { describe, expect, it } from 'vitest';
import { portalNav, STAFF_NAV } from './nav-items';

describe('navigation', () => {
  it('offers the audit log to client admins only', () => {
    expect(portalNav('client_admin').map((i) => i.href)).toContain('/audit');
    expect(portalNav('user').map((i) => i.href)).not.toContain('/audit');
  });

  it('offers Recovery (runs, with plans under it) to every client role, once', () => {
    for (const role of ['user', 'client_admin'] as const) {
      expect(portalNav(role).find((i) => i.label === 'Recovery')?.href).toBe('/recovery');
      expect(portalNav(role).filter((i) => i.href.startsWith('/recovery'))).toHaveLength(1);
    }
  });

  it('offers Approvals (four-eyes requests) to every client role', () => {
    for (const role of ['user', 'client_admin'] as const) expect(portalNav(role).map((i) => i.href)).toContain('/approvals');
  });

  it('keeps every staff section under /staff', () => {
    expect(STAFF_NAV.every((i) => i.href === '/staff' || i.href.startsWith('/staff/'))).toBe(true);
  });
});
