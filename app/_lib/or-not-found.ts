import { notFound } from 'next/navigation';
import { NotFoundError } from '@/lib/core/errors';

/**
 * A domain read for a page, or the 404 page: an unknown id and another tenant's id answer the
 * same (the domain throws NotFoundError for both). Anything else goes to the error boundary.
 */
export async function orNotFound<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
