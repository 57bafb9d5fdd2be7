import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Pages get their Content-Security-Policy from proxy.ts, with a fresh nonce per request
 * (lib/server/csp.ts). The paths proxy.ts does not see (the API and Next's own /_next/ files)
 * send JSON, scripts and styles, never a page that needs to run anything: a policy that
 * allows nothing covers them, including any HTML error page Next might answer there.
 */
const lockedDownCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders = [
  // For browsers that predate frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // HSTS: server.mjs, on requests that came over HTTPS (TLS socket, or a trusted proxy says so).
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
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: lockedDownCsp }] },
      { source: '/_next/:path*', headers: [{ key: 'Content-Security-Policy', value: lockedDownCsp }] },
    ];
  },
};

export default nextConfig;
