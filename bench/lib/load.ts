import autocannon from 'autocannon';

export type LoadResult = { requestsPerSec: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

/** Drives one URL with autocannon for a few seconds and returns throughput and latency. */
export async function load(url: string, { headers = {}, seconds = 8, connections = 10 }: { headers?: Record<string, string>; seconds?: number; connections?: number } = {}): Promise<LoadResult> {
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
