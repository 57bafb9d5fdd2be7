'use client';

import { useEffect, useState } from 'react';

/**
 * "Now" on the simulated clock, from the server's reading at render time moving on with the
 * wall clock. Good to the minute, which is all relative ages ("3 d ago") need; the first render
 * uses the server's value exactly so hydration matches.
 */
export function useSimNow(serverNowMs: number, everyMs = 30_000): number {
  const [now, setNow] = useState(serverNowMs);
  useEffect(() => {
    const mountedAt = Date.now();
    const timer = setInterval(() => setNow(serverNowMs + (Date.now() - mountedAt)), everyMs);
    return () => clearInterval(timer);
  }, [serverNowMs, everyMs]);
  return now;
}
