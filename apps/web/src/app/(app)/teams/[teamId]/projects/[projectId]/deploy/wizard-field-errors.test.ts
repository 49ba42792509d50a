import { describe, expect, it } from 'vitest';
import { issuesByField, visibleFieldErrors, wizardFieldOf } from './wizard-field-errors';

describe('wizard field errors', () => {
  it('joins two refusals of one field and strips the server prefix', () => {
    expect(
      issuesByField([
        { field: 'strategy.canaryPercent', code: 'a', message: 'Too big.' },
        { field: 'strategy.canaryPercent', code: 'b', message: 'Also odd.' },
        { field: 'environment', code: 'c', message: 'Staging first.' },
      ]),
    ).toEqual({ 'strategy.canaryPercent': 'Too big. Also odd.', environment: 'Staging first.' });
    expect(wizardFieldOf('spec.strategy.canaryPercent')).toBe('strategy.canaryPercent');
    expect(wizardFieldOf('budgetOverrideReason')).toBe('budgetOverrideReason');
  });

  it('holds back "is required" until a first Deploy click, and lets the schema speak before the preview', () => {
    const schema = { outputS3Uri: 'Output S3 location is required', instanceType: 'Instance type must be…' };
    const refusals = { instanceType: 'Refused by SageMaker', environment: 'Staging first' };
    expect(visibleFieldErrors(schema, refusals, false)).toEqual({
      instanceType: 'Instance type must be…',
      environment: 'Staging first',
    });
    expect(visibleFieldErrors(schema, refusals, true)).toHaveProperty('outputS3Uri');
  });
});
