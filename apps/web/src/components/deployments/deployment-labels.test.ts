import { describe, expect, it } from 'vitest';
import {
  isDeploymentDeletable,
  isDeploymentSettling,
  latestTrafficPercent,
  strategyLabel,
} from './deployment-labels';

describe('deployment labels', () => {
  it('polls while SageMaker is still moving the deployment', () => {
    for (const status of ['PENDING', 'CREATING', 'UPDATING', 'ROLLING_BACK', 'DELETING'] as const)
      expect(isDeploymentSettling(status)).toBe(true);
    for (const status of ['IN_SERVICE', 'FAILED', 'DELETED', 'SUPERSEDED', 'UPDATE_ROLLBACK_FAILED'] as const)
      expect(isDeploymentSettling(status)).toBe(false);
  });

  it('offers Delete where the server takes it, not while updating or after the end', () => {
    for (const status of ['IN_SERVICE', 'FAILED', 'UPDATE_ROLLBACK_FAILED', 'PENDING', 'CREATING'] as const)
      expect(isDeploymentDeletable(status)).toBe(true);
    for (const status of [
      'UPDATING',
      'ROLLING_BACK',
      'DELETING',
      'DELETED',
      'SUPERSEDED',
      'SUCCEEDED',
    ] as const)
      expect(isDeploymentDeletable(status)).toBe(false);
  });

  it('reads traffic progress from the latest event that states it', () => {
    expect(latestTrafficPercent([])).toBeNull();
    expect(latestTrafficPercent([{ trafficPercent: null }])).toBeNull();
    expect(
      latestTrafficPercent([{ trafficPercent: 10 }, { trafficPercent: 100 }, { trafficPercent: null }]),
    ).toBe(100);
    expect(latestTrafficPercent([{ trafficPercent: 140 }])).toBe(100);
  });

  it('names strategies, and none for batch jobs', () => {
    expect(strategyLabel('CANARY')).toBe('Canary');
    expect(strategyLabel(null)).toBe('—');
    expect(strategyLabel('SOMETHING')).toBe('—');
  });
});
