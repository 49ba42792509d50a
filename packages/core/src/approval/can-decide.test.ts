import { describe, expect, it } from 'vitest';
import { type CanDecideOptions, canDecide } from './can-decide';

const base: CanDecideOptions = {
  userId: 'u-approver',
  role: 'APPROVER',
  registrantUserId: 'u-registrant',
  runAuthorUserId: 'u-author',
  requestStatus: 'PENDING',
  now: new Date('2026-11-25T12:00:00.000Z'),
  expiresAt: new Date('2026-12-02T12:00:00.000Z'),
  priorDecisionByUser: null,
  versionArtifactRevision: 3,
};

describe('who may decide on an approval request', () => {
  const denied: Array<{ name: string; change: Partial<CanDecideOptions>; code: string; reason: string }> = [
    {
      name: 'a viewer',
      change: { role: 'VIEWER' },
      code: 'ROLE_TOO_LOW',
      reason:
        'Only members with the Approver or Admin role can approve or reject releases; your role in this team is Viewer.',
    },
    {
      name: 'an engineer',
      change: { role: 'ENGINEER' },
      code: 'ROLE_TOO_LOW',
      reason:
        'Only members with the Approver or Admin role can approve or reject releases; your role in this team is Engineer.',
    },
    {
      name: 'the registrant',
      change: { userId: 'u-registrant' },
      code: 'SELF_APPROVAL_REGISTRANT',
      reason: 'You registered this model version, so you cannot approve or reject it: another approver must.',
    },
    {
      name: "the run's author",
      change: { userId: 'u-author', role: 'ADMIN' },
      code: 'SELF_APPROVAL_RUN_AUTHOR',
      reason:
        'You authored the run that produced this model version, so you cannot approve or reject it: another approver must.',
    },
    {
      name: 'anyone on an approved request',
      change: { requestStatus: 'APPROVED' },
      code: 'ALREADY_DECIDED',
      reason: 'This approval request was already approved; no further decisions are taken.',
    },
    {
      name: 'anyone on a rejected request',
      change: { requestStatus: 'REJECTED' },
      code: 'ALREADY_DECIDED',
      reason: 'This approval request was already rejected; no further decisions are taken.',
    },
    {
      name: 'anyone on an expired request',
      change: { requestStatus: 'EXPIRED' },
      code: 'EXPIRED',
      reason:
        'This approval request expired at 2026-12-02T12:00:00.000Z; ask the requester to open a new one.',
    },
    {
      name: 'anyone at the expiry instant, before the sweeper marks it',
      change: { now: new Date('2026-12-02T12:00:00.000Z') },
      code: 'EXPIRED',
      reason:
        'This approval request expired at 2026-12-02T12:00:00.000Z; ask the requester to open a new one.',
    },
    {
      name: 'an approver who already approved',
      change: { priorDecisionByUser: { decision: 'APPROVE', artifactRevision: 3 } },
      code: 'ALREADY_VOTED',
      reason: 'You already approved this version on this request; each approver decides once.',
    },
    {
      name: 'an approver who already rejected',
      change: { priorDecisionByUser: { decision: 'REJECT', artifactRevision: 3 } },
      code: 'ALREADY_VOTED',
      reason: 'You already rejected this version on this request; each approver decides once.',
    },
    {
      name: 'a registrant engineer: the role is the first thing said',
      change: { userId: 'u-registrant', role: 'ENGINEER' },
      code: 'ROLE_TOO_LOW',
      reason:
        'Only members with the Approver or Admin role can approve or reject releases; your role in this team is Engineer.',
    },
  ];

  it.each(denied)('refuses $name', ({ change, code, reason }) => {
    expect(canDecide({ ...base, ...change })).toEqual({ allowed: false, code, reason });
  });

  it.each([
    { name: 'an approver', change: {} },
    { name: 'an admin', change: { role: 'ADMIN' as const } },
    {
      name: 'anyone when the run has no known author',
      change: { runAuthorUserId: null, userId: 'u-approver' },
    },
    { name: 'a minute before expiry', change: { now: new Date('2026-12-02T11:59:00.000Z') } },
    {
      name: 'an approver whose earlier vote was on an older artifact',
      change: { priorDecisionByUser: { decision: 'APPROVE' as const, artifactRevision: 2 } },
    },
  ])('allows $name', ({ change }) => {
    expect(canDecide({ ...base, ...change })).toEqual({ allowed: true });
  });
});
