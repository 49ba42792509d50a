import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The container image (apps/web/Dockerfile) builds the self-contained server; the launcher and the
// tests build for `next start` and keep the default output.
// biome-ignore lint/style/noProcessEnv: a build-time switch, read before any app code runs.
const isStandaloneBuild = process.env.CAIRN_NEXT_OUTPUT === 'standalone';

const nextConfig: NextConfig = {
  ...(isStandaloneBuild ? { output: 'standalone' as const } : {}),
  // Workspace packages ship TypeScript source, so Next compiles them with the app.
  transpilePackages: ['@cairn/api', '@cairn/core', '@cairn/db', '@cairn/services'],
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
  serverExternalPackages: [
    'pg',
    '@prisma/adapter-pg',
    '@prisma/client',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/resources',
  ],
  poweredByHeader: false,
  // The readiness probe compares the migrations the build ships with those the database applied.
  outputFileTracingIncludes: { '/api/ready': ['../../prisma/migrations/**/migration.sql'] },
  // Pages and API responses get their headers from src/proxy.ts; the build's assets get these.
  async headers() {
    return [
      {
        source: '/_next/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
  reactStrictMode: true,
  typedRoutes: false,
  experimental: {
    optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@mantine/dates', '@tabler/icons-react'],
  },
};

export default nextConfig;
