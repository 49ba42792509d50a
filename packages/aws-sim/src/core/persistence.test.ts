import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeEndpointCommand,
  DescribeModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, describe, expect, it } from 'vitest';
import { startAwsSim } from '../server';
import { admin, assumeTeamRole, EXECUTION_ROLE_ARN, pollUntil, sageMaker } from '../testing/sim-clients';

const directory = mkdtempSync(join(tmpdir(), 'aws-sim-state-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('stateFile', () => {
  it('keeps resources, their creators and issued sessions across a restart', async () => {
    const stateFile = join(directory, 'nested', 'state.json');
    const first = await startAwsSim({ port: 0, timeScale: 0.005, stateFile });
    const credentials = await assumeTeamRole(first, 'ada@example.com');
    const client = sageMaker(first, { credentials });
    await client.send(
      new CreateModelCommand({
        ModelName: 'm',
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: 'i' },
      }),
    );
    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: 'c',
        ProductionVariants: [
          { VariantName: 'v', ModelName: 'm', InitialInstanceCount: 1, InstanceType: 'ml.m5.large' },
        ],
      }),
    );
    await client.send(new CreateEndpointCommand({ EndpointName: 'kept', EndpointConfigName: 'c' }));
    await client.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }));
    const { ModelPackageArn } = await client.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: 'g' }),
    );
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1 });

    const second = await startAwsSim({ port: 0, timeScale: 0.005, stateFile });
    try {
      // The same session keys still authenticate after the restart.
      const again = sageMaker(second, { credentials });
      const { last } = await pollUntil(
        async () => (await again.send(new DescribeEndpointCommand({ EndpointName: 'kept' }))).EndpointStatus,
        (status) => status === 'InService',
      );
      expect(last).toBe('InService');
      const described = await again.send(
        new DescribeModelPackageCommand({ ModelPackageName: ModelPackageArn }),
      );
      expect(described.ModelPackageVersion).toBe(1);
      const next = await again.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'g' }));
      expect(next.ModelPackageArn).toMatch(/\/g\/2$/);
      const { body } = await admin(second, 'GET', '/_sim/resources?type=endpoint');
      expect(body.resources).toMatchObject([
        { name: 'kept', createdBy: { sourceIdentity: 'ada@example.com' } },
      ]);
    } finally {
      await second.close();
    }
  });
});
