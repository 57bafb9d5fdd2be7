/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons must stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  // A separate build directory per process when set (parallel e2e or dev servers in one checkout).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
