import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The web process's configuration: the only place that reads process.env. Parsed once at startup
 * so a misconfigured install fails loudly instead of on the first request that needs a value.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z
  .object({
    CAIRN_MODE: z.enum(['demo', 'production']).default('production'),
    DATABASE_URL: z.url({ error: 'DATABASE_URL must be a postgres:// connection string' }),
    NEXTAUTH_URL: z.url().default('http://localhost:3000'),
    NEXTAUTH_SECRET: optionalString,
    OIDC_ISSUER: optionalString.pipe(z.url().optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: optionalString,
    AWS_ENDPOINT_URL: optionalString.pipe(z.url().optional()),
    // Comma-separated: users who sign in with one of these verified emails become org admins.
    CAIRN_ORG_ADMIN_EMAILS: optionalString,
    CAIRN_WORKER_ROLE_ARN: optionalString.pipe(
      z
        .string()
        .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, {
          message: 'CAIRN_WORKER_ROLE_ARN must be the IAM role ARN the worker runs as',
        })
        .optional(),
    ),
    // Checkpoint verification needs only the public key; the signing key belongs to the worker.
    AUDIT_VERIFY_PUBLIC_KEY: optionalString,
    AUDIT_VERIFY_PUBLIC_KEY_FILE: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Readiness compares these with _prisma_migrations; `next start` and the standalone server run in apps/web.
    CAIRN_MIGRATIONS_DIR: optionalString,
    // Per API token (or per IP without one), per web instance; 0 turns the limit off.
    INGEST_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
    // Sent only by a production build served at an https NEXTAUTH_URL; 0 turns it off.
    HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(31_536_000),
    NODE_ENV: optionalString,
    // OpenTelemetry traces go to this OTLP/HTTP collector when set; off otherwise.
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url().optional()),
    OTEL_SERVICE_NAME: optionalString,
  })
  .superRefine((value, ctx) => {
    if (value.CAIRN_MODE === 'production' && (value.NEXTAUTH_SECRET?.length ?? 0) < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEXTAUTH_SECRET'],
        message: 'NEXTAUTH_SECRET is required in production mode (at least 32 characters)',
      });
    }
    const oidc = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'OIDC needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
      });
    }
  });

export interface Env {
  mode: 'demo' | 'production';
  isDemo: boolean;
  databaseUrl: string;
  nextAuthUrl: string;
  nextAuthSecret: string;
  /** Secure, __Secure- prefixed cookies: always in production mode, and whenever served over https. */
  useSecureCookies: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  awsEndpointUrl: string | null;
  /** The role the worker runs as, which each team's role must trust; unset shows a placeholder. */
  awsWorkerRoleArn: string | null;
  /** Verified emails that make their user an org admin on sign-in (bootstrapping an install). */
  orgAdminEmails: string[];
  /** Where the public keys that verify audit checkpoints come from (PEM, or a PEM file). */
  auditVerifyKeys: { AUDIT_VERIFY_PUBLIC_KEY?: string; AUDIT_VERIFY_PUBLIC_KEY_FILE?: string };
  logLevel: string;
  /** prisma/migrations as this build ships it, for the readiness check. */
  migrationsDir: string;
  /** Requests per minute to the MLflow ingest API per token (or IP); 0 means unlimited. */
  ingestRateLimitPerMinute: number;
  /** The Strict-Transport-Security max-age, or null when the header is not sent. */
  hstsMaxAgeSeconds: number | null;
  isProductionBuild: boolean;
  /** Where traces go, or null when tracing is off. */
  otel: { endpoint: string; serviceName: string } | null;
}

// `next build` imports every route module to collect its config; nothing is served then, so the
// build must not require runtime secrets.
const isBuildPhase = process.env.NEXT_PHASE === 'phase-production-build';

function loadEnv(): Env {
  const source = isBuildPhase
    ? {
        ...process.env,
        CAIRN_MODE: 'demo',
        DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://build@localhost:5432/build',
      }
    : process.env;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for @cairn/web:\n${problems.join('\n')}`);
  }
  const value = parsed.data;
  const isDemo = value.CAIRN_MODE === 'demo';
  return {
    mode: value.CAIRN_MODE,
    isDemo,
    databaseUrl: value.DATABASE_URL,
    nextAuthUrl: value.NEXTAUTH_URL,
    // Demo mode only: a stable secret derived from the database URL keeps sessions valid across
    // restarts of the same demo without asking the user to configure anything.
    nextAuthSecret:
      value.NEXTAUTH_SECRET ??
      createHash('sha256').update(`cairn-demo-session:${value.DATABASE_URL}`).digest('hex'),
    useSecureCookies: !isDemo || value.NEXTAUTH_URL.startsWith('https://'),
    oidc:
      value.OIDC_ISSUER && value.OIDC_CLIENT_ID && value.OIDC_CLIENT_SECRET
        ? {
            issuer: value.OIDC_ISSUER.replace(/\/+$/, ''),
            clientId: value.OIDC_CLIENT_ID,
            clientSecret: value.OIDC_CLIENT_SECRET,
            name: value.OIDC_NAME ?? 'Single sign-on',
          }
        : null,
    awsEndpointUrl: value.AWS_ENDPOINT_URL?.replace(/\/+$/, '') ?? null,
    awsWorkerRoleArn: value.CAIRN_WORKER_ROLE_ARN ?? null,
    orgAdminEmails: (value.CAIRN_ORG_ADMIN_EMAILS ?? '')
      .split(',')
      .map((email) => email.trim())
      .filter((email) => email !== ''),
    auditVerifyKeys: {
      AUDIT_VERIFY_PUBLIC_KEY: value.AUDIT_VERIFY_PUBLIC_KEY,
      AUDIT_VERIFY_PUBLIC_KEY_FILE: value.AUDIT_VERIFY_PUBLIC_KEY_FILE,
    },
    logLevel: value.LOG_LEVEL,
    migrationsDir: resolve(value.CAIRN_MIGRATIONS_DIR ?? '../../prisma/migrations'),
    ingestRateLimitPerMinute: value.INGEST_RATE_LIMIT_PER_MINUTE,
    hstsMaxAgeSeconds:
      value.NODE_ENV === 'production' &&
      value.NEXTAUTH_URL.startsWith('https://') &&
      value.HSTS_MAX_AGE_SECONDS > 0
        ? value.HSTS_MAX_AGE_SECONDS
        : null,
    isProductionBuild: value.NODE_ENV === 'production',
    otel: value.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: value.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: value.OTEL_SERVICE_NAME ?? 'cairn-web' }
      : null,
  };
}

export const env: Env = loadEnv();
