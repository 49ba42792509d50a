import {
  type ApprovalPolicy,
  approvalPolicySchema,
  DEFAULT_APPROVAL_POLICY,
} from '@cairn/core/schemas/approval-policy';

/** A stored policy as core's type; a project nobody configured (null) has the default policy. */
export function readApprovalPolicy(stored: unknown): { policy: ApprovalPolicy; isDefault: boolean } {
  if (stored === null || stored === undefined) return { policy: DEFAULT_APPROVAL_POLICY, isDefault: true };
  return { policy: approvalPolicySchema.parse(stored), isDefault: false };
}
