import type { PrismaClient } from '@cairn/db/client';
import { type AwsServiceName, recordAwsCall } from '@cairn/services/audit/record-aws-call';
import { classifyAwsError } from './aws-errors';
import type { AssumeRoleOutcome } from './team-credentials';

/** Who a job acts for and on what: the part of every AWS call's audit event a job knows up front. */
export interface AwsAuditScope {
  onBehalfOfUserId: string | null;
  actorLabel: string;
  teamId: string;
  jobId: string | null;
}

export interface AwsAuditTarget extends AwsAuditScope {
  resourceType: string;
  resourceId: string | null;
}

export interface AuditedAwsCallOptions {
  db: PrismaClient;
  audit: AwsAuditTarget;
  service: AwsServiceName;
  operation: string;
  now?: () => number;
}

interface AwsOutput {
  $metadata: { requestId?: string };
}

function requestIdOf(error: unknown): string | null {
  const metadata = (error as { $metadata?: { requestId?: string } } | null)?.$metadata;
  return metadata?.requestId ?? null;
}

/** Sends one AWS request and audits it, success or failure; the caller sees the original outcome. */
export async function auditedAwsCall<T extends AwsOutput>(
  options: AuditedAwsCallOptions,
  send: () => Promise<T>,
): Promise<T> {
  const { db, audit, service, operation } = options;
  const now = options.now ?? performance.now.bind(performance);
  const startedAt = now();
  const base = { ...audit, service, operation };
  let output: T;
  try {
    output = await send();
  } catch (error) {
    const classified = classifyAwsError(error);
    try {
      await recordAwsCall(db, {
        ...base,
        outcome: 'FAILED',
        awsRequestId: requestIdOf(error),
        durationMs: now() - startedAt,
        errorCode: classified.code,
        errorMessage: classified.message,
      });
    } catch {
      // The AWS error decides whether the job retries; a failed audit write must not replace it.
      // The retry's own call is audited again.
    }
    throw error;
  }
  // A call that succeeded but could not be audited fails the job: it retries, adopts the resource
  // by its derived name, and audits that.
  await recordAwsCall(db, {
    ...base,
    outcome: 'SUCCESS',
    awsRequestId: output.$metadata.requestId ?? null,
    durationMs: now() - startedAt,
  });
  return output;
}

/** Which AWS call is being made, so an adapter can have it audited without knowing the job. */
export interface AwsCallTarget {
  service: AwsServiceName;
  operation: string;
  resourceType: string;
  resourceId: string | null;
}

/** How adapters send: every request goes through one of these, so every request is audited. */
export type AwsCaller = <T extends AwsOutput>(target: AwsCallTarget, send: () => Promise<T>) => Promise<T>;

/** An AwsCaller that audits each call under one job's scope. */
export function createAuditedCaller(db: PrismaClient, scope: AwsAuditScope): AwsCaller {
  return (target, send) =>
    auditedAwsCall(
      {
        db,
        audit: { ...scope, resourceType: target.resourceType, resourceId: target.resourceId },
        service: target.service,
        operation: target.operation,
      },
      send,
    );
}

/**
 * The credentials provider's onAssumeRole hook: audits each AssumeRole as `aws.sts.AssumeRole` on
 * the role ARN. Cached sessions make no call, so they leave no event.
 */
export function auditAssumeRole(db: PrismaClient, actorLabel: string) {
  return (outcome: AssumeRoleOutcome) => {
    const failure = outcome.outcome === 'FAILED' ? classifyAwsError(outcome.error) : null;
    return recordAwsCall(db, {
      onBehalfOfUserId: outcome.team.onBehalfOfUserId ?? null,
      actorLabel,
      teamId: outcome.team.teamId,
      service: 'sts',
      operation: 'AssumeRole',
      resourceType: 'iam:role',
      resourceId: outcome.roleArn,
      outcome: outcome.outcome,
      awsRequestId: outcome.awsRequestId,
      durationMs: outcome.durationMs,
      errorCode: failure?.code,
      errorMessage: failure?.message,
    }).then(() => undefined);
  };
}
