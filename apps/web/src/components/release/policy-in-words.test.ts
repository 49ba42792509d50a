import { DEFAULT_APPROVAL_POLICY } from '@cairn/core/schemas/approval-policy';
import { describe, expect, it } from 'vitest';
import { formatHours, policyInWords } from './policy-in-words';

describe('the approval policy in words', () => {
  it('says the default policy in two sentences', () => {
    expect(policyInWords(DEFAULT_APPROVAL_POLICY)).toEqual([
      '1 approval from approvers who neither registered the version nor authored its run.',
      'A request expires 7 days after it is opened.',
    ]);
  });

  it('says every rule of a full policy, gates in order', () => {
    expect(
      policyInWords({
        requiredApprovals: 2,
        metricGates: [
          { metric: 'accuracy', op: '>=', threshold: 0.85 },
          { metric: 'loss', op: '<', threshold: 0.3 },
        ],
        beatsProduction: { metric: 'auc', direction: 'higher' },
        budgetHeadroom: true,
        requestTtlHours: 36,
      }),
    ).toEqual([
      '2 approvals from approvers who neither registered the version nor authored its run.',
      "The run's accuracy must be >= 0.85.",
      "The run's loss must be < 0.3.",
      'auc must be at least as good as the version in production (higher is better).',
      "The predicted monthly cost must fit in what is left of the team's budget.",
      'A request expires 36 hours after it is opened.',
    ]);
  });

  it('turns whole days into days', () => {
    expect(formatHours(1)).toBe('1 hour');
    expect(formatHours(24)).toBe('1 day');
    expect(formatHours(720)).toBe('30 days');
    expect(formatHours(25)).toBe('25 hours');
  });
});
