import { createModelGroup } from '@cairn/services/model-groups/create-model-group';
import { contextFor, makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

let stack: WorkerTestStack;
let t: WorkerTestStack['t'];
let sim: WorkerTestStack['sim'];
let producer: WorkerTestStack['producer'];

beforeAll(async () => {
  stack = await startWorkerTestStack();
  ({ t, sim, producer } = stack);
});
afterAll(() => stack.stop());

interface SimResource {
  name: string;
  createdBy: { roleArn?: string; sourceIdentity?: string };
}

async function simAdmin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return (await response.json()) as { resources?: SimResource[] };
}

async function teamWithRole(role: string): Promise<TestTeam> {
  const team = await makeTeam(t.db);
  await t.db.team.update({
    where: { id: team.teamId },
    data: { iamRoleArn: `arn:aws:iam::210987654321:role/${role}` },
  });
  return team;
}

async function waitUntilSettled(teamId: string, expected: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await t.db.modelGroup.count({ where: { teamId, awsStatus: 'PENDING' } });
    if (
      (pending === 0 && (await t.db.modelGroup.count({ where: { teamId } })) === expected) ||
      Date.now() > deadline
    ) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('mirroring model groups to SageMaker', () => {
  it("creates one model package group under the team's role, with the requester as source identity", async () => {
    const team = await teamWithRole('cairn-team-mirror');
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    const group = await createModelGroup(ctx, {
      teamId: team.teamId,
      projectId: team.projectId,
      name: 'scorer',
      description: '',
    });
    await waitUntilSettled(team.teamId, 1, 20_000);

    const stored = await t.db.modelGroup.findUniqueOrThrow({ where: { id: group.id } });
    expect(stored).toMatchObject({ awsStatus: 'READY', awsArn: expect.stringContaining(group.awsName) });
    const { resources = [] } = await simAdmin('GET', '/_sim/resources?type=model-package-group');
    const mine = resources.filter((resource) => resource.name === group.awsName);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.createdBy).toMatchObject({
      roleArn: 'arn:aws:iam::210987654321:role/cairn-team-mirror',
      sourceIdentity: team.engineer.email,
    });
    const calls = await t.db.auditEvent.findMany({
      where: { action: 'aws.sagemaker.CreateModelPackageGroup', teamId: team.teamId },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'SUCCESS', onBehalfOfUserId: team.engineer.id });
  });

  it('converges on 200 groups with 30% throttling and 5% server errors injected: all ready, none twice', async () => {
    const team = await teamWithRole('cairn-team-faults');
    const ctx = { ...contextFor(t.db, team.engineer), queue: producer };
    await simAdmin('POST', '/_sim/faults', { throttlePercent: 30, errorPercent: 5, seed: 7 });
    try {
      const groups = [];
      for (let i = 0; i < 200; i++) {
        groups.push(
          await createModelGroup(ctx, {
            teamId: team.teamId,
            projectId: team.projectId,
            name: `g${i}`,
            description: '',
          }),
        );
      }
      await waitUntilSettled(team.teamId, 200, 150_000);
    } finally {
      await simAdmin('DELETE', '/_sim/faults');
    }
    const statuses = await t.db.modelGroup.groupBy({
      by: ['awsStatus'],
      where: { teamId: team.teamId },
      _count: true,
    });
    expect(statuses).toEqual([{ awsStatus: 'READY', _count: 200 }]);
    const names = new Set(
      (await t.db.modelGroup.findMany({ where: { teamId: team.teamId } })).map((g) => g.awsName),
    );
    const { resources = [] } = await simAdmin('GET', '/_sim/resources?type=model-package-group');
    const mine = resources.filter((resource) => names.has(resource.name));
    expect(mine).toHaveLength(200);
    expect(new Set(mine.map((resource) => resource.name)).size).toBe(200);
    // Every request the worker sent was one AWS would accept: the only errors were the injected ones.
    const log = (await (await fetch(`${sim.url}/_sim/requests?isError=true&isInjected=false`)).json()) as {
      requests: { operation: string; errorCode?: string }[];
    };
    expect(log.requests).toEqual([]);
  }, 180_000);
});
