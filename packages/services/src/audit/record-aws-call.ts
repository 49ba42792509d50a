import type { Actor } from '@cairn/core/actor';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import type { PrismaClient } from '@cairn/db/client';

/** The AWS services the worker calls; the middle segment of an `aws.<service>.<Operation>` action. */
export type AwsServiceName =
  | 'sagemaker'
  | 'codepipeline'
  | 'cloudwatch'
  | 'application-autoscaling'
  | 'sts'
  | 'ce';

export interface AwsCallRecord {
  /** The user whose request led to the call; null for work nobody asked for (e.g. scheduled polls). */
  onBehalfOfUserId: string | null;
  actorLabel: string;
  teamId: string;
  service: AwsServiceName;
  /** The API operation as AWS names it, e.g. `CreateEndpoint`. */
  operation: string;
  resourceType: string;
  resourceId: string | null;
  outcome: 'SUCCESS' | 'FAILED';
  awsRequestId: string | null | undefined;
  durationMs: number;
  errorCode?: string | null;
  errorMessage?: string | null;
  jobId?: string | null;
}

const MAX_REASON = 1_000;
// Access key ids are not secret on their own, but they identify a session; keep them out of the trail.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;

function failureReason(errorCode: string | null | undefined, errorMessage: string | null | undefined) {
  const text = [errorCode, errorMessage].filter(Boolean).join(': ');
  if (!text) return null;
  const scrubbed = text.replace(ACCESS_KEY_ID, '[access key id]');
  return scrubbed.length > MAX_REASON ? `${scrubbed.slice(0, MAX_REASON)}…` : scrubbed;
}

/** Audits one AWS call the worker made for a user: operation, resource, outcome, request id, duration. */
export function recordAwsCall(db: PrismaClient, call: AwsCallRecord) {
  const actor: Actor = { kind: 'worker', onBehalfOfUserId: call.onBehalfOfUserId, label: call.actorLabel };
  const jobId = call.jobId ?? null;
  const errorCode = call.outcome === 'FAILED' ? (call.errorCode ?? null) : null;
  return db.$transaction((tx) =>
    appendAuditEvent(tx, {
      actor,
      // The job id is the request id, so every call a job made can be listed together.
      request: { ip: null, userAgent: call.actorLabel, requestId: jobId ?? crypto.randomUUID() },
      action: `aws.${call.service}.${call.operation}`,
      resourceType: call.resourceType,
      resourceId: call.resourceId,
      teamId: call.teamId,
      outcome: call.outcome,
      reason: call.outcome === 'FAILED' ? failureReason(call.errorCode, call.errorMessage) : null,
      after: {
        service: call.service,
        operation: call.operation,
        durationMs: Math.round(call.durationMs),
        jobId,
        errorCode,
      },
      awsRequestId: call.awsRequestId ?? null,
    }),
  );
}
