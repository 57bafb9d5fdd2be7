import { describe, expect, it } from 'vitest';
import { issuesOf } from '@/lib/testing/zod';
import { inviteUserSchema, updateUserSchema } from './users';

describe('inviting a user', () => {
  it('stores the email trimmed and lower-case, as a user by default', () => {
    expect(inviteUserSchema.parse({ name: ' Jo Smith ', email: '  Jo.Smith@Example.COM ' })).toEqual({ name: 'Jo Smith', email: 'jo.smith@example.com', role: 'user' });
  });

  it('says "required" for no email, and refuses what is not one', () => {
    expect(issuesOf(inviteUserSchema, { name: 'Jo', email: '   ' })).toEqual(['email: Email is required.']);
    expect(issuesOf(inviteUserSchema, { name: 'Jo', email: 'jo at example.com' })).toEqual(['email: Enter a valid email address, e.g. jo@example.com.']);
  });

  it('never makes staff here', () => {
    expect(issuesOf(inviteUserSchema, { name: 'Jo', email: 'jo@example.com', role: 'staff' })).toEqual(['role: Role must be user or client_admin.']);
    expect(inviteUserSchema.parse({ name: 'Jo', email: 'jo@example.com', role: 'client_admin' }).role).toBe('client_admin');
  });
});

describe('updating a user', () => {
  it('takes a role, disabling, or both', () => {
    expect(updateUserSchema.parse({ role: 'client_admin' })).toEqual({ role: 'client_admin' });
    expect(updateUserSchema.parse({ disabled: false })).toEqual({ disabled: false });
    expect(updateUserSchema.parse({ role: 'user', disabled: true })).toEqual({ role: 'user', disabled: true });
  });

  it('refuses an update that changes nothing, on role', () => {
    expect(issuesOf(updateUserSchema, {})).toEqual(['role: Send role or disabled (or both).']);
  });

  it('wants a JSON boolean for disabled', () => {
    expect(issuesOf(updateUserSchema, { disabled: 'true' })).toEqual(['disabled: disabled must be true or false (a JSON boolean, not text).']);
  });
});
