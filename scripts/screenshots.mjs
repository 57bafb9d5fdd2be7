// Screenshots of portal pages as one user, for looking at the UI before calling it done.
//   node scripts/screenshots.mjs [--dark] [--width 390] [--base http://localhost:3000] [--email admin@acme.test] [--out screenshots] / /groups /vms ...
// Signs in through the real form (DEMO_PASSWORD or demo-password), then saves one full-page PNG per path.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const dark = args.includes('--dark') && Boolean(args.splice(args.indexOf('--dark'), 1));
const base = opt('base', 'http://localhost:3000');
const email = opt('email', 'admin@acme.test');
const out = opt('out', 'screenshots');
const width = Number(opt('width', '1440'));
const pages = args.length ? args : ['/'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: width < 800 ? 844 : 1000 }, colorScheme: dark ? 'dark' : 'light' });
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'demo-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  fs.mkdirSync(out, { recursive: true });
  for (const p of pages) {
    await page.goto(`${base}${p}`);
    await page.waitForLoadState('networkidle').catch(() => {});
    const file = path.join(out, `${email.split('@')[0]}${p.replace(/[^\w]+/g, '_')}${dark ? '_dark' : ''}${width !== 1440 ? `_${width}` : ''}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
} finally {
  await browser.close();
}
