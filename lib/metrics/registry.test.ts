import { describe, expect, it } from 'vitest';
import { routeTemplate } from './registry';

describe('routeTemplate', () => {
  it('puts each param\'s name where its value is in the path', () => {
    expect(routeTemplate('/api/v1/groups/grp_7k2m9x4q1c8d/rpo', { id: 'grp_7k2m9x4q1c8d' })).toBe('/api/v1/groups/:id/rpo');
    expect(routeTemplate('/api/v1/webhooks/wh_1/deliveries/whd_2/redeliver', { id: 'wh_1', deliveryId: 'whd_2' })).toBe('/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver');
  });

  it('keeps static segments whatever value a caller chooses, in route order', () => {
    // An id equal to a static segment before it is not mistaken for it: values match after the previous param.
    expect(routeTemplate('/api/v1/groups/groups', { id: 'groups' })).toBe('/api/v1/:id/groups');
    expect(routeTemplate('/api/v1/webhooks/a/deliveries/a/redeliver', { id: 'a', deliveryId: 'a' })).toBe('/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver');
  });

  it('matches encoded values and leaves routes without params as they are', () => {
    expect(routeTemplate('/api/v1/groups/a%20b', { id: 'a b' })).toBe('/api/v1/groups/:id');
    expect(routeTemplate('/api/v1/groups/%E0%A4%A', { id: '%E0%A4%A' })).toBe('/api/v1/groups/:id');
    expect(routeTemplate('/api/v1/groups', {})).toBe('/api/v1/groups');
  });
});
