import { describe, expect, it } from 'vitest';
import { assumptionsFrom, initialWizardState, parseWizardSpec } from './deploy-wizard-state';

const VERSION = '0192f3a0-0000-7000-8000-000000000001';
const OTHER = '0192f3a0-0000-7000-8000-000000000002';

describe('deploy wizard state', () => {
  it('parses the defaults as a real-time endpoint deployed all at once', () => {
    const parsed = parseWizardSpec(initialWizardState(VERSION));
    expect(parsed.isValid).toBe(true);
    expect(parsed.spec).toMatchObject({
      type: 'REALTIME',
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 },
      rollsBackOnAlarm: true,
    });
    expect(parsed.spec && 'autoscaling' in parsed.spec ? parsed.spec.autoscaling : undefined).toBeUndefined();
  });

  it('asks for a version before anything else', () => {
    const parsed = parseWizardSpec(initialWizardState(null));
    expect(parsed.isValid).toBe(false);
    expect(parsed.errors.modelVersionId).toBe('Model version is required');
  });

  it('names an emptied number box by its field path', () => {
    const state = { ...initialWizardState(VERSION), strategyKind: 'CANARY' as const, canaryPercent: '' };
    const parsed = parseWizardSpec(state);
    expect(parsed.isValid).toBe(false);
    expect(parsed.errors['strategy.canaryPercent']).toMatch(/Canary size/);
  });

  it('keeps only the chosen type and strategy fields in the spec', () => {
    const state = {
      ...initialWizardState(VERSION),
      type: 'ASYNC' as const,
      asyncOutputS3Uri: 's3://cairn-outputs/video/',
      strategyKind: 'LINEAR' as const,
      stepPercent: 25,
      intervalSeconds: 120,
    };
    const parsed = parseWizardSpec(state);
    expect(parsed.spec).toMatchObject({
      type: 'ASYNC',
      outputS3Uri: 's3://cairn-outputs/video/',
      strategy: { kind: 'LINEAR', stepPercent: 25, intervalSeconds: 120 },
    });
    expect(parsed.spec).not.toHaveProperty('failureS3Uri', '');
  });

  it('sends A/B variants with their own instances', () => {
    const state = {
      ...initialWizardState(VERSION),
      strategyKind: 'AB' as const,
      variants: [
        { rowId: 1, modelVersionId: OTHER, weight: 1, instanceType: 'ml.c5.large', instanceCount: 2 },
      ],
    };
    expect(parseWizardSpec(state).spec).toMatchObject({
      strategy: { kind: 'AB', primaryWeight: 1, variants: [{ modelVersionId: OTHER, instanceCount: 2 }] },
    });
  });

  it('states serverless traffic and batch runs as cost assumptions, nothing for instance types', () => {
    const state = initialWizardState(VERSION);
    expect(assumptionsFrom(state)).toEqual({});
    expect(assumptionsFrom({ ...state, type: 'SERVERLESS' })).toEqual({
      serverlessTraffic: { requestsPerMonth: 1_000_000, avgDurationMs: 100 },
    });
    expect(assumptionsFrom({ ...state, type: 'SERVERLESS', avgDurationMs: '' })).toEqual({});
    expect(assumptionsFrom({ ...state, type: 'BATCH' })).toEqual({
      batchRunsPerMonth: 30,
      batchHoursPerRun: 1,
    });
  });
});
