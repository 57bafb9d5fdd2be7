import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/core/errors';
import { formObject, runAction } from './run-action';

describe('runAction', () => {
  it('hands back the message of a use case that succeeded', async () => {
    expect(await runAction(async () => 'Saved.')).toMatchObject({ ok: true, message: 'Saved.' });
    expect(await runAction(() => undefined)).toMatchObject({ ok: true, message: undefined });
  });

  it('maps a validation error to the first message of each field', async () => {
    const result = await runAction(() => {
      throw new ValidationError([
        { field: 'name', message: 'Name is required.' },
        { field: 'name', message: 'Name is too short.' },
        { field: 'rto', message: 'RTO must be a number.' },
      ]);
    });
    expect(result).toMatchObject({ ok: false, message: 'Check the highlighted fields.', errors: { name: 'Name is required.', rto: 'RTO must be a number.' } });
  });

  it('keeps the field a conflict names, either as field errors or as one field', async () => {
    const byErrors = await runAction(() => {
      throw new ConflictError('A protection group named "web" already exists.', { errors: [{ field: 'name', message: 'This name is already used by another group.' }] });
    });
    expect(byErrors).toMatchObject({ ok: false, message: 'A protection group named "web" already exists.', errors: { name: 'This name is already used by another group.' } });
    const byField = await runAction(() => {
      throw new ConflictError('The slug "acme" is already taken by another tenant.', { field: 'slug' });
    });
    expect(byField).toMatchObject({ ok: false, errors: { slug: 'The slug "acme" is already taken by another tenant.' } });
    const plain = await runAction(() => {
      throw new NotFoundError('protection group', 'g-1');
    });
    expect(plain).toMatchObject({ ok: false, message: 'No protection group with id g-1.', errors: undefined });
  });

  it('hands the submitted values back on failure only, without Next.js action fields', async () => {
    const form = new FormData();
    form.set('name', 'web');
    form.set('$ACTION_ID_abc', '');
    const failed = await runAction(() => {
      throw new ConflictError('Taken.', { field: 'name' });
    }, form);
    expect(failed).toMatchObject({ values: { name: 'web' } });
    expect(await runAction(() => 'Done.', form)).not.toHaveProperty('values');
    expect(formObject(form)).toEqual({ name: 'web' });
  });

  it('rethrows what is not a domain error', async () => {
    await expect(runAction(() => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});
