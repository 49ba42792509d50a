import type { DeploymentSpecInput } from '@cairn/core/schemas/deployment';
import { createDeploymentInput } from '@cairn/core/schemas/deployment-request';
import type { PrismaClient } from '@cairn/db/client';
import { createDeployment } from '@cairn/services/deployments/create-deployment';
import { contextFor, makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import type { WorkerTestStack } from '../testing/worker-test-stack';

/** Helpers for the deployment integration tests: a team that can deploy, and a way to watch. */

export const TEAM_ROLE_ARN = 'arn:aws:iam::210987654321:role/cairn-team-deploy';
const IMAGE = '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer';

export async function teamThatDeploys(db: PrismaClient) {
  const team = await makeTeam(db);
  await db.team.update({ where: { id: team.teamId }, data: { iamRoleArn: TEAM_ROLE_ARN } });
  const experiment = await db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: 'training' },
  });
  const run = await db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-fox',
      status: 'FINISHED',
      startTime: new Date(),
    },
  });
  const group = await db.modelGroup.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'card-fraud',
      awsName: `cairn-mpg-${crypto.randomUUID().replaceAll('-', '')}`,
    },
  });
  /** An approved version, registered in SageMaker; `image` with "fail" in it never starts. */
  const version = (number: number, image = `${IMAGE}:${number}.0.0`) =>
    db.modelVersion.create({
      data: {
        teamId: team.teamId,
        projectId: team.projectId,
        modelGroupId: group.id,
        version: number,
        runId: run.id,
        artifactUri: `s3://cairn-artifacts/card-fraud/v${number}/model.tar.gz`,
        inferenceImageUri: image,
        framework: 'SKLEARN',
        approvalStatus: 'APPROVED',
        awsStatus: 'READY',
      },
    });
  return { team, version };
}

/** Deploys through the service, as the wizard does, with the team's engineer. */
export function deploy(stack: WorkerTestStack, team: TestTeam, spec: DeploymentSpecInput) {
  const input = createDeploymentInput.parse({ teamId: team.teamId, projectId: team.projectId, spec });
  return createDeployment({ ...contextFor(stack.t.db, team.engineer), queue: stack.producer }, input);
}

/** Waits until the deployment reaches one of `statuses` (or the time runs out) and returns it. */
export async function deploymentReaching(
  db: PrismaClient,
  deploymentId: string,
  statuses: string[],
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const deployment = await db.deployment.findUniqueOrThrow({
      where: { id: deploymentId },
      include: { events: { orderBy: { occurredAt: 'asc' } } },
    });
    if (statuses.includes(deployment.status) || Date.now() > deadline) return deployment;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The statuses of the timeline, each run of repeats once. */
export function statusesOf(events: { status: string }[]): string[] {
  return events.map((event) => event.status).filter((status, index, all) => status !== all[index - 1]);
}

export async function simResources(stack: WorkerTestStack, type: string, name?: string) {
  const response = await fetch(`${stack.sim.url}/_sim/resources?type=${type}`);
  const { resources } = (await response.json()) as {
    resources: {
      name: string;
      status: string;
      arn: string;
      createdBy: { roleArn?: string };
      details?: Record<string, unknown>;
    }[];
  };
  return name ? resources.filter((resource) => resource.name === name) : resources;
}

export async function simAdmin(stack: WorkerTestStack, method: string, path: string, body?: unknown) {
  const response = await fetch(`${stack.sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`aws-sim ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
}
