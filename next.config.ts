import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only modules stay out of the bundles; route handlers reach them through the
  // runtime that server/main.ts builds, never by importing them.
  serverExternalPackages: ['better-sqlite3', 'pino', 'pino-pretty'],
}

export default nextConfig
