import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const isDev = process.env.NODE_ENV === 'development';

/**
 * Content-Security-Policy for `next start`. Scripts and styles allow 'unsafe-inline' because
 * the App Router streams its RSC payload in inline <script> tags and Recharts/next/font set
 * inline styles; the alternative, per-request nonces from proxy.ts, would also have to cover
 * prerendered pages (not-found, errors), which cannot carry one. What keeps XSS contained
 * instead: no third-party origin anywhere (everything 'self'), React's escaping, no eval in
 * production, object-src 'none', base-uri/form-action 'self' and frame-ancestors 'none'.
 * `next dev` additionally needs eval (React's debugging) and its HMR websocket.
 */
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: csp },
  // For browsers that predate frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // HSTS is left to the TLS-terminating proxy: sent over plain http it would be ignored anyway.
];

/**
 * The icon sprite's URL changes whenever the icons or their drawings do, so it can be cached
 * for good (app/icons.svg).
 */
const require = createRequire(import.meta.url);
const iconSpriteVersion = createHash('sha256')
  .update(fs.readFileSync(new URL('./components/ui/icon-glyphs.ts', import.meta.url)))
  .update(fs.readFileSync(new URL('./components/ui/icon-sprite.ts', import.meta.url)))
  .update(fs.readFileSync(require.resolve('lucide/package.json')))
  .digest('hex')
  .slice(0, 12);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons must stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  // A separate build directory per process when set (parallel e2e or dev servers in one checkout).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  env: { NEXT_PUBLIC_ICON_SPRITE: `/icons.svg?v=${iconSpriteVersion}` },
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
