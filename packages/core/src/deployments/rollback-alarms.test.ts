import { describe, expect, it } from 'vitest';
import { awsResourceName } from '../aws-names';
import { deploymentSpecSchema } from '../schemas/deployment';
import { usesRollbackAlarms } from './rollback-alarms';

const ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const PREVIOUS = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const VERSION = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d';

const realtime = (overrides: Record<string, unknown> = {}) => ({
  type: 'REALTIME',
  modelVersionId: VERSION,
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 2,
  strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 300 },
  ...overrides,
});

describe('usesRollbackAlarms', () => {
  it.each([
    { name: 'a canary update', spec: realtime(), previous: PREVIOUS, config: null, expected: true },
    {
      name: 'a canary update on its own config',
      spec: realtime(),
      previous: PREVIOUS,
      config: awsResourceName('endpoint-config', ID),
      expected: true,
    },
    { name: 'a first create', spec: realtime(), previous: null, config: null, expected: false },
    {
      name: 'an update with auto-rollback off',
      spec: realtime({ rollsBackOnAlarm: false }),
      previous: PREVIOUS,
      config: null,
      expected: false,
    },
    {
      name: 'a rollback to an earlier config',
      spec: realtime(),
      previous: PREVIOUS,
      config: awsResourceName('endpoint-config', PREVIOUS),
      expected: false,
    },
    {
      name: 'a serverless update',
      spec: {
        type: 'SERVERLESS',
        modelVersionId: VERSION,
        environment: 'STAGING',
        memorySizeMb: 2048,
        maxConcurrency: 5,
      },
      previous: PREVIOUS,
      config: null,
      expected: false,
    },
  ])('$name: $expected', ({ spec, previous, config, expected }) => {
    expect(deploymentSpecSchema.safeParse(spec).success).toBe(true);
    expect(
      usesRollbackAlarms({ id: ID, spec, previousDeploymentId: previous, endpointConfigName: config }),
    ).toBe(expected);
  });
});
