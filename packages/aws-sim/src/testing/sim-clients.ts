import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsSim } from '../server';

/** Test helpers: real SDK clients pointed at a sim, as the worker's would be. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const BASE_CREDENTIALS: TestCredentials = {
  accessKeyId: 'AKIATESTBASEKEY00001',
  secretAccessKey: 'test',
};
export const TEAM_ROLE_ARN = 'arn:aws:iam::123456789012:role/cairn-team-churn';
export const EXECUTION_ROLE_ARN = 'arn:aws:iam::123456789012:role/sagemaker-execution';

export function sageMaker(
  sim: AwsSim,
  options: { credentials?: TestCredentials; maxAttempts?: number } = {},
) {
  return new SageMakerClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: options.credentials ?? BASE_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export function sqs(sim: AwsSim, credentials: TestCredentials = BASE_CREDENTIALS) {
  return new SQSClient({ endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export function codePipeline(sim: AwsSim, credentials: TestCredentials = BASE_CREDENTIALS) {
  return new CodePipelineClient({ endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export function costExplorer(sim: AwsSim, credentials: TestCredentials = BASE_CREDENTIALS) {
  return new CostExplorerClient({ endpoint: sim.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

export function applicationAutoScaling(sim: AwsSim, credentials: TestCredentials = BASE_CREDENTIALS) {
  return new ApplicationAutoScalingClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
}

export async function assumeTeamRole(sim: AwsSim, sourceIdentity: string): Promise<TestCredentials> {
  const sts = new STSClient({ endpoint: sim.url, region: 'us-east-1', credentials: BASE_CREDENTIALS });
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: TEAM_ROLE_ARN,
      RoleSessionName: 'cairn-worker',
      SourceIdentity: sourceIdentity,
    }),
  );
  return {
    accessKeyId: Credentials!.AccessKeyId!,
    secretAccessKey: Credentials!.SecretAccessKey!,
    sessionToken: Credentials!.SessionToken!,
  };
}

/** Polls `read` until `isDone` holds or the deadline passes; returns every distinct value seen, in order. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<{ last: T; seen: T[] }> {
  const seen: T[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (seen.at(-1) !== value) seen.push(value);
    if (isDone(value) || Date.now() > deadline) return { last: value, seen };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export async function admin(sim: AwsSim, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * The states a poll saw, in order, ending in the last expected one. At test speed a busy machine
 * can poll right past a brief state, so a missing middle state is not a failure; a state out of
 * order, an unexpected one or a different end is.
 */
export function expectStatesInOrder<T>(seen: T[], expected: T[]) {
  let next = 0;
  for (const state of seen) {
    const at = expected.indexOf(state, next);
    if (at === -1)
      throw new Error(
        `Saw ${String(state)} out of order: ${JSON.stringify(seen)} vs ${JSON.stringify(expected)}`,
      );
    next = at + 1;
  }
  if (seen.at(-1) !== expected.at(-1)) {
    throw new Error(`Ended in ${String(seen.at(-1))}, expected ${String(expected.at(-1))}`);
  }
}
