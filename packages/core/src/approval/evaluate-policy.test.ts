import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { type ApprovalPolicy, DEFAULT_APPROVAL_POLICY } from '../schemas/approval-policy';
import type { ApprovalDecision, ApprovalEvidence, ApprovalRequestState } from './approval-types';
import { evaluateApprovalPolicy } from './evaluate-policy';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 25, 0) + h * 3_600_000);

const REGISTRANT = 'u-registrant';
const AUTHOR = 'u-author';

const evidence = (overrides: Partial<ApprovalEvidence> = {}): ApprovalEvidence => ({
  versionMetrics: { accuracy: 0.9, loss: 0.1 },
  productionMetrics: null,
  predictedMonthlyCostUsd: null,
  remainingBudgetUsd: null,
  registrantUserId: REGISTRANT,
  runAuthorUserId: AUTHOR,
  versionArtifactRevision: 2,
  ...overrides,
});

const request = (overrides: Partial<ApprovalRequestState> = {}): ApprovalRequestState => ({
  createdAt: hour(0),
  expiresAt: hour(168),
  status: 'PENDING',
  ...overrides,
});

const policy = (overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  ...DEFAULT_APPROVAL_POLICY,
  ...overrides,
});

let clock = 0;
const decision = (userId: string, overrides: Partial<ApprovalDecision> = {}): ApprovalDecision => ({
  userId,
  role: 'APPROVER' satisfies Role,
  decision: 'APPROVE',
  comment: '',
  artifactRevision: 2,
  decidedAt: hour(1 + (clock++ % 50)),
  ...overrides,
});
const approvals = (n: number) => Array.from({ length: n }, (_, i) => decision(`u-approver-${i}`));

const evaluate = (
  options: {
    policy?: ApprovalPolicy;
    evidence?: ApprovalEvidence;
    decisions?: ApprovalDecision[];
    request?: ApprovalRequestState;
    now?: Date;
  } = {},
) =>
  evaluateApprovalPolicy({
    policy: options.policy ?? policy(),
    evidence: options.evidence ?? evidence(),
    decisions: options.decisions ?? [],
    request: options.request ?? request(),
    now: options.now ?? hour(100),
  });

describe('quorum', () => {
  const cases = [1, 2, 3, 4, 5].flatMap((required) =>
    [required - 1, required, required + 1].map((given) => ({ required, given, approved: given >= required })),
  );

  it.each(cases)(
    '$given valid approvals of $required required -> approved $approved',
    ({ required, given, approved }) => {
      const result = evaluate({
        policy: policy({ requiredApprovals: required }),
        decisions: approvals(given),
      });
      expect(result.status).toBe(approved ? 'APPROVED' : 'PENDING');
      expect(result.isSatisfied).toBe(approved);
      expect(result.validApprovals).toBe(given);
      expect(result.approvalsNeeded).toBe(required);
      expect(result.approvalsMissing).toBe(Math.max(0, required - given));
      expect(result.gates.at(-1)).toMatchObject({
        kind: 'approvals',
        passed: approved,
        actual: given,
        expected: required,
      });
    },
  );
});

describe('decisions that do not count', () => {
  const cases: Array<{ name: string; decision: ApprovalDecision; code: string; reason: string }> = [
    {
      name: 'self-approval by the registrant',
      decision: decision(REGISTRANT),
      code: 'REGISTRANT',
      reason: 'registered this version, so cannot decide on it',
    },
    {
      name: "self-approval by the run's author",
      decision: decision(AUTHOR),
      code: 'RUN_AUTHOR',
      reason: 'authored the run behind this version, so cannot decide on it',
    },
    ...(['VIEWER', 'ENGINEER'] as const).map((role) => ({
      name: `role ${role}`,
      decision: decision('u-low', { role }),
      code: 'ROLE_TOO_LOW',
      reason: `held the ${role.charAt(0)}${role.slice(1).toLowerCase()} role when deciding; Approver or above is required`,
    })),
    {
      name: 'an older artifact revision',
      decision: decision('u-a', { artifactRevision: 1 }),
      code: 'STALE_REVISION',
      reason: 'decided on artifact revision 1; the version is now at revision 2',
    },
    {
      name: 'after expiry',
      decision: decision('u-a', { decidedAt: hour(168) }),
      code: 'AFTER_EXPIRY',
      reason: 'decided at 2026-12-02T00:00:00.000Z, after the request expired at 2026-12-02T00:00:00.000Z',
    },
  ];

  it.each(cases)('$name does not count, approving or rejecting', ({ decision: base, code, reason }) => {
    for (const kind of ['APPROVE', 'REJECT'] as const) {
      const result = evaluate({ decisions: [{ ...base, decision: kind }] });
      expect(result.validApprovals).toBe(0);
      expect(result.rejectedBy).toBeUndefined();
      expect(result.status).toBe('PENDING');
      expect(result.invalidDecisions).toEqual([
        { userId: base.userId, decision: kind, decidedAt: base.decidedAt, code, reason },
      ]);
    }
  });

  it('lets approvers and admins count', () => {
    const result = evaluate({
      policy: policy({ requiredApprovals: 2 }),
      decisions: [decision('u-a', { role: 'APPROVER' }), decision('u-b', { role: 'ADMIN' })],
    });
    expect(result).toMatchObject({ status: 'APPROVED', validApprovals: 2, invalidDecisions: [] });
  });

  it('keeps a quorum from being reached by the registrant and the author', () => {
    const result = evaluate({
      policy: policy({ requiredApprovals: 2 }),
      decisions: [decision(REGISTRANT), decision(AUTHOR), decision('u-a')],
    });
    expect(result.status).toBe('PENDING');
    expect(result.validApprovals).toBe(1);
    expect(result.invalidDecisions.map((d) => d.code).sort()).toEqual(['REGISTRANT', 'RUN_AUTHOR']);
  });

  it('invalidates approvals made before the artifact changed, and counts the re-votes', () => {
    const before = [
      decision('u-a', { artifactRevision: 1, decidedAt: hour(2) }),
      decision('u-b', { artifactRevision: 1, decidedAt: hour(3) }),
    ];
    const twoNeeded = policy({ requiredApprovals: 2 });
    expect(
      evaluate({ policy: twoNeeded, decisions: before, evidence: evidence({ versionArtifactRevision: 1 }) })
        .status,
    ).toBe('APPROVED');

    const afterChange = evaluate({ policy: twoNeeded, decisions: before });
    expect(afterChange).toMatchObject({ status: 'PENDING', validApprovals: 0 });
    expect(afterChange.invalidDecisions.map((d) => [d.userId, d.code])).toEqual([
      ['u-a', 'STALE_REVISION'],
      ['u-b', 'STALE_REVISION'],
    ]);

    const reVoted = evaluate({
      policy: twoNeeded,
      decisions: [
        ...before,
        decision('u-a', { decidedAt: hour(5) }),
        decision('u-b', { decidedAt: hour(6) }),
      ],
    });
    expect(reVoted).toMatchObject({ status: 'APPROVED', validApprovals: 2 });
  });

  it('counts a duplicate vote once, keeping the earliest', () => {
    const result = evaluate({
      policy: policy({ requiredApprovals: 2 }),
      decisions: [
        decision('u-a', { decidedAt: hour(2) }),
        decision('u-a', { decidedAt: hour(3) }),
        decision('u-a', { decidedAt: hour(4) }),
      ],
    });
    expect(result).toMatchObject({ status: 'PENDING', validApprovals: 1 });
    expect(result.invalidDecisions).toEqual([
      expect.objectContaining({ userId: 'u-a', code: 'DUPLICATE', decidedAt: hour(3) }),
      expect.objectContaining({ userId: 'u-a', code: 'DUPLICATE', decidedAt: hour(4) }),
    ]);
    expect(result.invalidDecisions[0]?.reason).toBe(
      'already decided on this request; only the first decision counts',
    );
  });

  it('ignores a later rejection by someone who already approved', () => {
    const result = evaluate({
      decisions: [
        decision('u-a', { decidedAt: hour(2) }),
        decision('u-a', { decision: 'REJECT', decidedAt: hour(3) }),
      ],
    });
    expect(result).toMatchObject({ status: 'APPROVED', validApprovals: 1 });
    expect(result.rejectedBy).toBeUndefined();
  });

  it('reads a same-instant approve and reject by one user as the rejection', () => {
    const at = hour(2);
    const result = evaluate({
      decisions: [decision('u-a', { decidedAt: at }), decision('u-a', { decision: 'REJECT', decidedAt: at })],
    });
    expect(result).toMatchObject({ status: 'REJECTED', rejectedBy: 'u-a', validApprovals: 0 });
  });
});

describe('rejection', () => {
  it('wins over a met quorum', () => {
    const result = evaluate({
      policy: policy({ requiredApprovals: 2 }),
      decisions: [
        ...approvals(3),
        decision('u-critic', { decision: 'REJECT', comment: 'drift on segment B' }),
      ],
    });
    expect(result).toMatchObject({
      status: 'REJECTED',
      rejectedBy: 'u-critic',
      isSatisfied: false,
      validApprovals: 3,
    });
  });

  it('names the earliest valid rejection', () => {
    const result = evaluate({
      decisions: [
        decision('u-late', { decision: 'REJECT', decidedAt: hour(9) }),
        decision(REGISTRANT, { decision: 'REJECT', decidedAt: hour(1) }),
        decision('u-early', { decision: 'REJECT', decidedAt: hour(4) }),
      ],
    });
    expect(result.rejectedBy).toBe('u-early');
  });

  it('wins even after expiry when it came before', () => {
    const result = evaluate({
      decisions: [decision('u-a', { decision: 'REJECT', decidedAt: hour(5) })],
      now: hour(500),
    });
    expect(result.status).toBe('REJECTED');
  });
});

describe('expiry', () => {
  it.each([
    { name: 'before expiry', now: hour(167), status: 'PENDING' },
    { name: 'at expiry', now: hour(168), status: 'EXPIRED' },
    { name: 'after expiry', now: hour(400), status: 'EXPIRED' },
  ])('an undecided request $name is $status', ({ now, status }) => {
    expect(evaluate({ policy: policy({ requiredApprovals: 2 }), decisions: approvals(1), now }).status).toBe(
      status,
    );
  });

  it('keeps a request approved before expiry approved', () => {
    expect(evaluate({ decisions: [decision('u-a', { decidedAt: hour(10) })], now: hour(400) }).status).toBe(
      'APPROVED',
    );
  });

  it('does not let a late approval complete the quorum', () => {
    const result = evaluate({ decisions: [decision('u-a', { decidedAt: hour(169) })], now: hour(170) });
    expect(result).toMatchObject({ status: 'EXPIRED', validApprovals: 0 });
  });
});

describe('a stored outcome', () => {
  it.each(['APPROVED', 'REJECTED', 'EXPIRED'] as const)(
    '%s stays, whatever the evaluation finds',
    (status) => {
      const result = evaluate({ request: request({ status }), decisions: [], now: hour(1) });
      expect(result.status).toBe(status);
      expect(result.isSatisfied).toBe(false);
    },
  );
});

describe('gates and approval together', () => {
  const strict = policy({
    requiredApprovals: 1,
    metricGates: [
      { metric: 'accuracy', op: '>=', threshold: 0.85 },
      { metric: 'loss', op: '<', threshold: 0.2 },
    ],
    beatsProduction: { metric: 'accuracy', direction: 'higher' },
    budgetHeadroom: true,
  });
  const passing = evidence({
    productionMetrics: { accuracy: 0.88 },
    predictedMonthlyCostUsd: 300,
    remainingBudgetUsd: 1_000,
  });

  it('approves when every gate passes and the quorum is met', () => {
    const result = evaluate({ policy: strict, evidence: passing, decisions: approvals(1) });
    expect(result.status).toBe('APPROVED');
    expect(result.gates.map((g) => [g.id, g.passed])).toEqual([
      ['metric-0', true],
      ['metric-1', true],
      ['beats-production', true],
      ['budget', true],
      ['approvals', true],
    ]);
  });

  it.each<{ name: string; change: Partial<ApprovalEvidence>; gate: string; reason: string }>([
    {
      name: 'a metric below its threshold',
      change: { versionMetrics: { accuracy: 0.83, loss: 0.1 } },
      gate: 'metric-0',
      reason: 'accuracy is 0.83, needs >= 0.85',
    },
    {
      name: 'a metric never logged',
      change: { versionMetrics: { accuracy: 0.9 } },
      gate: 'metric-1',
      reason: 'the run never logged loss, needs < 0.2',
    },
    {
      name: 'a NaN metric',
      change: { versionMetrics: { accuracy: 0.9, loss: Number.NaN } },
      gate: 'metric-1',
      reason: 'loss is NaN, not a finite number, needs < 0.2',
    },
    {
      name: 'worse than production',
      change: { productionMetrics: { accuracy: 0.95 } },
      gate: 'beats-production',
      reason: 'accuracy is 0.9, worse than 0.95 in production (higher is better)',
    },
    {
      name: 'over budget',
      change: { predictedMonthlyCostUsd: 1_500 },
      gate: 'budget',
      reason: 'predicted $1,500.00/month exceeds the $1,000.00 left this month',
    },
  ])('keeps an approved quorum pending with $name', ({ change, gate, reason }) => {
    const result = evaluate({ policy: strict, evidence: { ...passing, ...change }, decisions: approvals(3) });
    expect(result).toMatchObject({ status: 'PENDING', isSatisfied: false, validApprovals: 3 });
    expect(result.gates.find((g) => g.id === gate)).toMatchObject({ passed: false, reason });
  });

  it('waits for a planned deployment when a budget is set', () => {
    const result = evaluate({
      policy: strict,
      evidence: { ...passing, predictedMonthlyCostUsd: null },
      decisions: approvals(1),
    });
    expect(result.status).toBe('PENDING');
    expect(result.gates.find((g) => g.id === 'budget')).toMatchObject({ passed: null });
  });

  it('does not wait for a planned deployment when no budget is set', () => {
    const result = evaluate({
      policy: strict,
      evidence: { ...passing, predictedMonthlyCostUsd: null, remainingBudgetUsd: null },
      decisions: approvals(1),
    });
    expect(result.status).toBe('APPROVED');
  });

  it('passes beats-production with nothing in prod', () => {
    const result = evaluate({
      policy: strict,
      evidence: { ...passing, productionMetrics: null },
      decisions: approvals(1),
    });
    expect(result.status).toBe('APPROVED');
    expect(result.gates.find((g) => g.id === 'beats-production')?.reason).toBe(
      'no version in production yet',
    );
  });

  it('leaves out the gates the policy does not ask for', () => {
    expect(evaluate().gates.map((g) => g.kind)).toEqual(['approvals']);
  });
});

describe('ordering independence', () => {
  const decisions = [
    decision('u-a', { decidedAt: hour(2) }),
    decision('u-b', { decidedAt: hour(2) }),
    decision('u-b', { decidedAt: hour(2), decision: 'REJECT' }),
    decision('u-c', { decidedAt: hour(3), artifactRevision: 1 }),
    decision('u-c', { decidedAt: hour(4) }),
    decision(REGISTRANT, { decidedAt: hour(2) }),
    decision('u-d', { decidedAt: hour(5), role: 'ENGINEER' }),
    decision('u-e', { decidedAt: hour(6), decision: 'REJECT' }),
    decision('u-a', { decidedAt: hour(7) }),
  ];

  // A seeded shuffle, so a failure is reproducible.
  const shuffled = (seed: number) => {
    const copy = [...decisions];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i--) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      const j = state % (i + 1);
      [copy[i], copy[j]] = [copy[j] as ApprovalDecision, copy[i] as ApprovalDecision];
    }
    return copy;
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('gives the same result for shuffle %i', (seed) => {
    const p = policy({ requiredApprovals: 3 });
    expect(evaluate({ policy: p, decisions: shuffled(seed) })).toEqual(evaluate({ policy: p, decisions }));
    expect(evaluate({ policy: p, decisions: [...decisions].reverse() })).toEqual(
      evaluate({ policy: p, decisions }),
    );
  });

  it('reads them as intended', () => {
    const result = evaluate({ policy: policy({ requiredApprovals: 3 }), decisions });
    expect(result).toMatchObject({ status: 'REJECTED', rejectedBy: 'u-b', validApprovals: 2 });
    expect(result.invalidDecisions.map((d) => `${d.userId}:${d.code}`)).toEqual([
      'u-b:DUPLICATE',
      'u-registrant:REGISTRANT',
      'u-c:STALE_REVISION',
      'u-d:ROLE_TOO_LOW',
      'u-a:DUPLICATE',
    ]);
  });
});
