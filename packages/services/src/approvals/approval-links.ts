/** Where notifications and webhooks point: paths inside the portal. */
export const approvalRequestPath = (teamId: string, requestId: string) =>
  `/teams/${teamId}/approvals/${requestId}`;

export const modelVersionPath = (teamId: string, projectId: string, modelVersionId: string) =>
  `/teams/${teamId}/projects/${projectId}/models/${modelVersionId}`;
