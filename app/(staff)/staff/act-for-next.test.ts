import { describe, expect, it } from 'vitest';
import { actForLanding } from './act-for-next';

describe('actForLanding', () => {
  it('lands on the run wizard with its query', () => {
    expect(actForLanding('/recovery/new?type=failover&sourceSiteId=london')).toBe('/recovery/new?type=failover&sourceSiteId=london');
    expect(actForLanding('/recovery/new')).toBe('/recovery/new');
  });

  it('falls back to the home page for anything else', () => {
    for (const next of [undefined, null, 42, new FormData(), '', '/', '/groups', '/recovery/newer', '/recovery/new/../../staff', '//evil.test/recovery/new', 'https://evil.test/recovery/new', '/recovery/new\\@evil.test', 'javascript:alert(1)']) {
      expect(actForLanding(next)).toBe('/');
    }
  });
});
