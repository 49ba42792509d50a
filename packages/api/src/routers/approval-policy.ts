import { getApprovalPolicyInput, updateApprovalPolicyInput } from '@cairn/core/schemas/approval-request';
import { getApprovalPolicy } from '@cairn/services/approvals/get-approval-policy';
import { updateApprovalPolicy } from '@cairn/services/approvals/update-approval-policy';
import { createRouter, teamProcedure } from '../trpc';

export const approvalPolicyRouter = createRouter({
  get: teamProcedure('project:read')
    .input(getApprovalPolicyInput)
    .query(({ ctx, input }) => getApprovalPolicy(ctx, input)),
  update: teamProcedure('release:policy')
    .input(updateApprovalPolicyInput)
    .mutation(({ ctx, input }) => updateApprovalPolicy(ctx, input)),
});
