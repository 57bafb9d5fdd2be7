import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { createWebhookSchema, updateWebhookSchema, WEBHOOK_EVENT_TYPES } from './webhooks';

describe('a webhook endpoint', () => {
  it('subscribes to each event type at most once, and to at least one', () => {
    expect(issuesOf(createWebhookSchema, { url: 'https://hooks.example.com/cs', events: ['site.down', 'site.down'] })).toEqual(['events: Name each event type once.']);
    expect(issuesOf(createWebhookSchema, { url: 'https://hooks.example.com/cs', events: [] })).toEqual(['events: Choose at least one event type.']);
    expect(issuesOf(createWebhookSchema, { url: 'https://hooks.example.com/cs', events: ['site.down', 'rpo.breach'] })).toEqual([]);
  });

  it('offers every outbox event but a person\'s own security events, plus the test event', () => {
    expect(WEBHOOK_EVENT_TYPES).toContain('run.awaiting-decision');
    expect(WEBHOOK_EVENT_TYPES).toContain('token.created');
    expect(WEBHOOK_EVENT_TYPES).toContain('webhook.test');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('account.password-changed');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('signin.new-device');
  });

  it('is changed by naming at least one of enabled, events, description', () => {
    expect(issuesOf(updateWebhookSchema, {})).toEqual(['enabled: Send enabled, events or description.']);
    expect(issuesOf(updateWebhookSchema, { enabled: true })).toEqual([]);
    expect(issuesOf(updateWebhookSchema, { events: ['site.up'] })).toEqual([]);
    expect(issuesOf(updateWebhookSchema, { description: 'Pager' })).toEqual([]);
  });
});
