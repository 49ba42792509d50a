import type { PrismaClient } from '@cairn/db/client';
import type { JobContract } from '@cairn/services/jobs/job-contracts';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { Logger } from 'pino';
import { type ClassifiedAwsError, classifyAwsError } from '../aws/aws-errors';
import type { TeamCredentialsProvider } from '../aws/team-credentials';

/** How reconcilers pace their polling of AWS, and when they stop waiting. */
export interface ReconcilePolicy {
  firstPollSeconds: number;
  maxPollSeconds: number;
  timeLimitSeconds: number;
}

export const DEFAULT_RECONCILE_POLICY: ReconcilePolicy = {
  firstPollSeconds: 5,
  maxPollSeconds: 60,
  timeLimitSeconds: 6 * 60 * 60,
};

/** What every handler may use: the database, the queue, team credentials, where AWS is, a logger. */
export interface WorkerDeps {
  db: PrismaClient;
  /** For handlers that schedule a next step (reconcilers); absent where no handler needs it. */
  queue?: JobQueue;
  credentials: TeamCredentialsProvider;
  awsEndpoint: string | null;
  logger: Logger;
  reconcile?: ReconcilePolicy;
  /** Webhook deliveries may reach loopback and private networks (WEBHOOK_ALLOW_PRIVATE_ADDRESSES). */
  allowsPrivateWebhookAddresses?: boolean;
  /** The cost job reads billed spend from Cost Explorer for complete days (COST_EXPLORER_ENABLED). */
  isCostExplorerEnabled?: boolean;
}

export interface JobRun {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  isLastAttempt: boolean;
  deps: WorkerDeps;
}

/**
 * A queue's handler: decodes nothing itself (the runner parses the payload with the contract) and
 * throws AWS errors as they come. `giveUp` records the failure in the domain when the job will not
 * be tried again, so the user sees the reason.
 */
export interface JobHandler<Payload> {
  contract: JobContract<Payload>;
  run(payload: Payload, run: JobRun): Promise<unknown>;
  giveUp?(payload: Payload, run: JobRun, failure: ClassifiedAwsError): Promise<void>;
}

export interface RunnerOptions {
  /** Jobs claimed per fetch; each is settled on its own. */
  batchSize: number;
  /** Fetch loops per queue in this process. */
  localConcurrency: number;
  pollingIntervalSeconds?: number;
}

/** Starts a worker loop per contract queue; returns when all are registered. */
export async function registerHandlers(
  queue: JobQueue,
  handlers: JobHandler<never>[],
  deps: WorkerDeps,
  options: RunnerOptions,
): Promise<void> {
  for (const handler of handlers as JobHandler<unknown>[]) {
    await queue.work(
      handler.contract.name,
      {
        batchSize: options.batchSize,
        localConcurrency: options.localConcurrency,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
        includeMetadata: true,
        perJobResults: true,
      },
      (jobs: JobWithMetadata<unknown>[]) => Promise.all(jobs.map((job) => runOne(handler, job, deps))),
    );
  }
}

/**
 * One job to one result: completed; failed (pg-boss retries it with backoff) for throttling, 5xx
 * and timeouts; dead-lettered at once for what a retry cannot fix (bad input, access denied, a team
 * without a role).
 */
export async function runOne(
  handler: JobHandler<unknown>,
  job: Pick<JobWithMetadata<unknown>, 'id' | 'data' | 'retryCount' | 'retryLimit'>,
  deps: WorkerDeps,
): Promise<JobResult> {
  const log = deps.logger.child({ queue: handler.contract.name, jobId: job.id, attempt: job.retryCount + 1 });
  const parsed = handler.contract.payload.safeParse(job.data);
  if (!parsed.success) {
    log.error({ issues: parsed.error.issues }, 'job payload breaks its contract');
    return {
      id: job.id,
      status: 'deadletter',
      output: { message: `Invalid payload: ${parsed.error.message}` },
    };
  }
  const run: JobRun = {
    jobId: job.id,
    retryCount: job.retryCount,
    isLastAttempt: job.retryCount >= job.retryLimit,
    deps,
  };
  try {
    const output = await handler.run(parsed.data, run);
    log.info('job completed');
    return { id: job.id, status: 'completed', output: (output ?? {}) as object };
  } catch (error) {
    const failure = classifyAwsError(error);
    // Only transient trouble is worth another attempt; a missing pipeline or a clash that the
    // handler did not adopt stays the same however often it is tried.
    const isPermanent = failure.kind !== 'retryable';
    const isFinal = isPermanent || run.isLastAttempt;
    const output = { message: `${failure.code}: ${failure.message}`, code: failure.code, kind: failure.kind };
    if (isFinal) {
      try {
        await handler.giveUp?.(parsed.data, run, failure);
      } catch (recordError) {
        // The job stays failed either way; retrying it replays giveUp, which is idempotent.
        log.error({ error: String(recordError) }, 'could not record the failure');
        return { id: job.id, status: 'failed', output };
      }
    }
    log.warn({ code: failure.code, kind: failure.kind, isFinal }, 'job failed');
    return { id: job.id, status: isPermanent ? 'deadletter' : 'failed', output };
  }
}
