import { describe, expect, it } from 'vitest';
import { decisionBlock } from './decision-guard';

const SITES = { fromSiteName: 'London', toSiteName: 'Zurich' };

describe('when a commit or rollback may not be carried out', () => {
  it('refuses a commit while the recovery site is offline, with no break-glass', () => {
    expect(decisionBlock(SITES, 'commit', { targetSiteOnline: false, sourceSiteOnline: true })).toEqual({
      site: 'target', siteName: 'Zurich', breakGlassAllowed: false,
      message: 'Recovery site Zurich is offline: the recovered VMs cannot be kept running there. Wait until Zurich is back online, or roll back.',
    });
  });

  it('refuses a rollback while production is offline, unless a person breaks glass', () => {
    expect(decisionBlock(SITES, 'rollback', { sourceSiteOnline: false, targetSiteOnline: true })).toEqual({
      site: 'source', siteName: 'London', breakGlassAllowed: true,
      message:
        'Production site London is offline: a rollback would remove the recovered VMs at Zurich, the only running copy, and nothing could be restarted at London. Commit, wait until London is back online, or roll back with break-glass and a reason.',
    });
  });

  it('allows each decision when only the other site is down', () => {
    expect(decisionBlock(SITES, 'commit', { sourceSiteOnline: false })).toBeNull();
    expect(decisionBlock(SITES, 'rollback', { targetSiteOnline: false })).toBeNull();
  });

  it('counts a site of unknown reachability as online', () => {
    expect(decisionBlock(SITES, 'commit', {})).toBeNull();
    expect(decisionBlock(SITES, 'rollback', {})).toBeNull();
  });
});
