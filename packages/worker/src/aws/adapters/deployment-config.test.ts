import { describe, expect, it } from 'vitest';
import { buildDeploymentConfig } from './deployment-config';

describe('buildDeploymentConfig', () => {
  it('shifts all traffic at once and rolls back on any listed alarm', () => {
    expect(
      buildDeploymentConfig({
        shift: { kind: 'all-at-once' },
        waitSeconds: 300,
        rollbackAlarmNames: ['cairn-alarm-a', 'cairn-alarm-b'],
        terminationWaitSeconds: 120,
        maximumExecutionTimeoutSeconds: 3600,
      }),
    ).toEqual({
      BlueGreenUpdatePolicy: {
        TrafficRoutingConfiguration: { Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 300 },
        TerminationWaitInSeconds: 120,
        MaximumExecutionTimeoutInSeconds: 3600,
      },
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'cairn-alarm-a' }, { AlarmName: 'cairn-alarm-b' }] },
    });
  });

  it('sends a canary slice first, as a percentage of capacity', () => {
    expect(
      buildDeploymentConfig({
        shift: { kind: 'canary', canaryPercent: 10 },
        waitSeconds: 600,
        rollbackAlarmNames: ['cairn-alarm-a'],
      }).BlueGreenUpdatePolicy,
    ).toEqual({
      TrafficRoutingConfiguration: {
        Type: 'CANARY',
        WaitIntervalInSeconds: 600,
        CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 },
      },
    });
  });

  it('moves traffic in linear steps and omits rollback when there are no alarms', () => {
    const config = buildDeploymentConfig({
      shift: { kind: 'linear', stepPercent: 25 },
      waitSeconds: 120,
      rollbackAlarmNames: [],
    });
    expect(config.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration).toEqual({
      Type: 'LINEAR',
      WaitIntervalInSeconds: 120,
      LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 25 },
    });
    expect(config.AutoRollbackConfiguration).toBeUndefined();
  });
});
