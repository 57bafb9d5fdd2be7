/**
 * Lighthouse (its default mobile profile: simulated slow 4G and a 4× slower CPU) on pages of the
 * built app, signed in: the performance score with what makes it, for `npm run bench`
 * (BENCH_ONLY=lighthouse). Chromium as in ../shared/STACK.md; the session cookie goes in
 * `extraHeaders`.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { figure } from './lib/report';

const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export type LighthouseResult = { score: number; lcpMs: number; tbtMs: number; mainThreadMs: number; scriptKiB: number };

export async function lighthousePage(url: string, cookie: string): Promise<LighthouseResult> {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: cookie } });
    if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
    const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
    type Item = { resourceType?: string; transferSize?: number };
    const items = ((lhr.audits['resource-summary']?.details as { items?: Item[] } | undefined)?.items ?? []);
    const script = items.find((i) => i.resourceType === 'script')?.transferSize ?? Number.NaN;
    return { score: Math.round((lhr.categories.performance.score ?? 0) * 100), lcpMs: num('largest-contentful-paint'), tbtMs: num('total-blocking-time'), mainThreadMs: num('mainthread-work-breakdown'), scriptKiB: script / 1024 };
  } finally {
    chrome.kill();
  }
}

/** Median run of `runs` (by score) for each page, printed as figures. */
export async function benchLighthouse(pages: [name: string, url: string][], cookie: string, runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<void> {
  for (const [name, url] of pages) {
    const results: LighthouseResult[] = [];
    for (let i = 0; i < runs; i++) results.push(await lighthousePage(url, cookie));
    results.sort((a, b) => a.score - b.score);
    const r = results[Math.floor(results.length / 2)];
    figure(`${name}: performance score (median of ${runs}; runs ${results.map((x) => x.score).join(', ')})`, r.score, '', { op: '>=', value: 95 });
    figure(`${name}: largest contentful paint`, r.lcpMs / 1000, 's');
    figure(`${name}: total blocking time`, r.tbtMs, 'ms');
    figure(`${name}: main-thread work`, r.mainThreadMs / 1000, 's');
    figure(`${name}: scripts transferred`, r.scriptKiB, 'KiB');
  }
}
