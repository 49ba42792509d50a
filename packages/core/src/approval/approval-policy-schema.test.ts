import { describe, expect, it } from 'vitest';
import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY } from '../schemas/approval-policy';

const firstMessage = (input: unknown) => {
  const result = approvalPolicySchema.safeParse(input);
  return result.success
    ? null
    : { path: result.error.issues[0]?.path.join('.'), message: result.error.issues[0]?.message };
};

describe('the approval policy schema', () => {
  it('fills the defaults from the required approvals alone', () => {
    expect(approvalPolicySchema.parse({ requiredApprovals: 1 })).toEqual(DEFAULT_APPROVAL_POLICY);
    expect(DEFAULT_APPROVAL_POLICY.requestTtlHours).toBe(168);
  });

  it('keeps a full policy as given', () => {
    const policy = {
      requiredApprovals: 5,
      metricGates: [
        { metric: 'val/accuracy', op: '>=', threshold: 0.85 },
        { metric: 'loss', op: '<', threshold: -0.5 },
      ],
      beatsProduction: { metric: 'val/accuracy', direction: 'higher' },
      budgetHeadroom: true,
      requestTtlHours: 720,
    };
    expect(approvalPolicySchema.parse(policy)).toEqual(policy);
  });

  const gate = { metric: 'accuracy', op: '>=', threshold: 0.85 };
  it.each([
    {
      name: 'no approvals',
      input: { requiredApprovals: 0 },
      path: 'requiredApprovals',
      message: 'Required approvals must be between 1 and 5',
    },
    {
      name: 'six approvals',
      input: { requiredApprovals: 6 },
      path: 'requiredApprovals',
      message: 'Required approvals must be between 1 and 5',
    },
    {
      name: 'half an approval',
      input: { requiredApprovals: 1.5 },
      path: 'requiredApprovals',
      message: 'Required approvals must be a whole number',
    },
    {
      name: 'approvals as text',
      input: { requiredApprovals: '2' },
      path: 'requiredApprovals',
      message: 'Required approvals must be a number',
    },
    {
      name: 'a missing metric name',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, metric: '' }] },
      path: 'metricGates.0.metric',
      message: 'Gate metric is required',
    },
    {
      name: 'a 251-character metric name',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, metric: 'a'.repeat(251) }] },
      path: 'metricGates.0.metric',
      message: 'Gate metric must be at most 250 characters',
    },
    {
      name: 'a metric name MLflow rejects',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, metric: 'acc:top1' }] },
      path: 'metricGates.0.metric',
      message: 'Gate metric may only use letters, digits, spaces and _ - . /',
    },
    {
      name: 'an unknown operator',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, op: '!=' }] },
      path: 'metricGates.0.op',
      message: 'Gate operator must be one of >= > <= < ==',
    },
    {
      name: 'a NaN threshold',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, threshold: Number.NaN }] },
      path: 'metricGates.0.threshold',
      message: 'Gate threshold must be a finite number',
    },
    {
      name: 'an infinite threshold',
      input: { requiredApprovals: 1, metricGates: [{ ...gate, threshold: Number.POSITIVE_INFINITY }] },
      path: 'metricGates.0.threshold',
      message: 'Gate threshold must be a finite number',
    },
    {
      name: '21 gates',
      input: { requiredApprovals: 1, metricGates: Array.from({ length: 21 }, () => gate) },
      path: 'metricGates',
      message: 'Metric gates: at most 20 allowed',
    },
    {
      name: 'a bad direction',
      input: { requiredApprovals: 1, beatsProduction: { metric: 'accuracy', direction: 'up' } },
      path: 'beatsProduction.direction',
      message: "Primary metric direction must be 'higher' or 'lower'",
    },
    {
      name: 'a primary metric without a name',
      input: { requiredApprovals: 1, beatsProduction: { metric: '', direction: 'higher' } },
      path: 'beatsProduction.metric',
      message: 'Primary metric is required',
    },
    {
      name: 'budget headroom as text',
      input: { requiredApprovals: 1, budgetHeadroom: 'yes' },
      path: 'budgetHeadroom',
      message: 'Budget headroom must be true or false',
    },
    {
      name: 'a zero-hour expiry',
      input: { requiredApprovals: 1, requestTtlHours: 0 },
      path: 'requestTtlHours',
      message: 'Request expiry must be between 1 and 720 hours',
    },
    {
      name: 'a 721-hour expiry',
      input: { requiredApprovals: 1, requestTtlHours: 721 },
      path: 'requestTtlHours',
      message: 'Request expiry must be between 1 and 720 hours',
    },
  ])('rejects $name, naming the field', ({ input, path, message }) => {
    expect(firstMessage(input)).toEqual({ path, message });
  });
});
