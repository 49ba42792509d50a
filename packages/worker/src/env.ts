import { z } from 'zod';

/**
 * The worker's configuration: the only file of this package that reads process.env. Parsed at
 * startup so a misconfigured install fails before it claims a job.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z.object({
  DATABASE_URL: z.url({ error: 'DATABASE_URL must be a postgres:// connection string' }),
  AWS_REGION: z.string().trim().min(1).default('us-east-1'),
  AWS_ENDPOINT_URL: optionalString.pipe(z.url().optional()),
  // The SQS queue EventBridge fills with SageMaker and CodePipeline state changes; polling alone when unset.
  AWS_EVENTS_QUEUE_URL: optionalString.pipe(z.url().optional()),
  // Health counts a worker as alive for 30 s after its last beat, so a beat must come well inside that.
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(1_000).max(20_000).default(10_000),
  // Jobs claimed per fetch and fetch loops per queue: throughput without one job per poll.
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  // How soon a job whose worker died is noticed (its heartbeat went stale) and retried.
  WORKER_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  // Webhook receivers on loopback or private networks (an on-premises chat relay); off by default.
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.stringbool().default(false),
  // The Ed25519 key (PKCS#8 PEM, or a file holding it) that signs audit checkpoints; kept out of the database.
  AUDIT_SIGNING_KEY: optionalString,
  AUDIT_SIGNING_KEY_FILE: optionalString,
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1_000).max(60_000).default(60_000),
  // Read billed spend by cost-allocation tag from Cost Explorer (real AWS, tags activated); estimates only when off.
  COST_EXPLORER_ENABLED: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export interface Env {
  databaseUrl: string;
  awsRegion: string;
  awsEndpointUrl: string | null;
  awsEventsQueueUrl: string | null;
  heartbeatMs: number;
  batchSize: number;
  localConcurrency: number;
  superviseSeconds: number;
  logLevel: string;
  allowsPrivateWebhookAddresses: boolean;
  isCostExplorerEnabled: boolean;
  auditSigningKey: { AUDIT_SIGNING_KEY?: string | undefined; AUDIT_SIGNING_KEY_FILE?: string | undefined };
  auditCheckpointIntervalMs: number;
}

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for @cairn/worker:\n${problems.join('\n')}`);
  }
  const value = parsed.data;
  return {
    databaseUrl: value.DATABASE_URL,
    awsRegion: value.AWS_REGION,
    awsEndpointUrl: value.AWS_ENDPOINT_URL?.replace(/\/+$/, '') ?? null,
    awsEventsQueueUrl: value.AWS_EVENTS_QUEUE_URL ?? null,
    heartbeatMs: value.WORKER_HEARTBEAT_MS,
    batchSize: value.WORKER_BATCH_SIZE,
    localConcurrency: value.WORKER_CONCURRENCY,
    superviseSeconds: value.WORKER_SUPERVISE_SECONDS,
    logLevel: value.LOG_LEVEL,
    allowsPrivateWebhookAddresses: value.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    isCostExplorerEnabled: value.COST_EXPLORER_ENABLED,
    auditSigningKey: {
      AUDIT_SIGNING_KEY: value.AUDIT_SIGNING_KEY,
      AUDIT_SIGNING_KEY_FILE: value.AUDIT_SIGNING_KEY_FILE,
    },
    auditCheckpointIntervalMs: value.AUDIT_CHECKPOINT_INTERVAL_MS,
  };
}

export const env: Env = loadEnv();
