import {
  decideApprovalInput,
  getApprovalRequestInput,
  modelVersionRefInput,
  requestApprovalInput,
} from '@cairn/core/schemas/approval-request';
import { decideApproval } from '@cairn/services/approvals/decide-approval';
import { getApprovalRequest } from '@cairn/services/approvals/get-approval-request';
import { listApproverDesk } from '@cairn/services/approvals/list-approver-desk';
import { listVersionApprovalRequests } from '@cairn/services/approvals/list-version-approval-requests';
import { requestApproval } from '@cairn/services/approvals/request-approval';
import { createRouter, protectedProcedure, teamProcedure } from '../trpc';

export const approvalRouter = createRouter({
  request: teamProcedure('release:request')
    .input(requestApprovalInput)
    .mutation(({ ctx, input }) => requestApproval(ctx, input)),
  decide: teamProcedure('release:decide')
    .input(decideApprovalInput)
    .mutation(({ ctx, input }) => decideApproval(ctx, input)),
  desk: protectedProcedure.query(({ ctx }) => listApproverDesk(ctx)),
  byId: teamProcedure('project:read')
    .input(getApprovalRequestInput)
    .query(({ ctx, input }) => getApprovalRequest(ctx, input)),
  listForVersion: teamProcedure('project:read')
    .input(modelVersionRefInput)
    .query(({ ctx, input }) => listVersionApprovalRequests(ctx, input)),
});
