import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/core/errors';
import { MAX_BODY_BYTES, readJson } from './request-input';

/** A request whose body streams in chunks with no content-length (Transfer-Encoding: chunked). */
function chunked(chunks: string[], onPull?: () => void): Request {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (i < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[i++]));
      else controller.close();
    },
  });
  return new Request('http://localhost/api/v1/x', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
}

describe('readJson', () => {
  it('reads a chunked body within the limit', async () => {
    expect(await readJson(chunked(['{"name":', '"web"}']))).toEqual({ name: 'web' });
  });

  it('stops reading a chunked body at the limit with 413, without reading the rest', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    let pulled = 0;
    const error = await readJson(chunked(Array.from({ length: 1000 }, () => chunk), () => { pulled += 1; })).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    // 64 KiB is 4 chunks of 16 KiB: the fifth crosses the limit and the stream is cancelled there.
    expect(pulled).toBeLessThanOrEqual(Math.ceil(MAX_BODY_BYTES / chunk.length) + 2);
  });

  it('refuses a body longer than a lying content-length claims', async () => {
    const req = new Request('http://localhost/api/v1/x', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '10' }, body: JSON.stringify({ a: 'x'.repeat(MAX_BODY_BYTES) }) });
    await expect(readJson(req)).rejects.toMatchObject({ status: 413 });
  });

  it('refuses at once when content-length is over the limit', async () => {
    const req = new Request('http://localhost/api/v1/x', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }, body: '{}' });
    await expect(readJson(req)).rejects.toMatchObject({ status: 413 });
  });
});
