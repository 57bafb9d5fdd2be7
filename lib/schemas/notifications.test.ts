import { describe, expect, it } from 'vitest';
import { roleReceives } from './notifications';

describe('who is e-mailed by default', () => {
  it('a client admin gets everything of their tenant, a user the outcomes and breaches, staff the shared estate and failures', () => {
    expect(roleReceives('client_admin', 'operation.started')).toBe(true);
    expect(roleReceives('client_admin', 'account.password-changed')).toBe(false); // personal: that person only
    expect(roleReceives('user', 'rpo.breach')).toBe(true);
    expect(roleReceives('user', 'rpo.warning')).toBe(false);
    expect(roleReceives('staff', 'site.down')).toBe(true);
    expect(roleReceives('staff', 'operation.started')).toBe(false);
  });
});
