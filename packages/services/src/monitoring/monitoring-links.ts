/** Where an alert's notification and webhook point: the deployment's page in the portal. */
export const deploymentPath = (teamId: string, projectId: string, deploymentId: string) =>
  `/teams/${teamId}/projects/${projectId}/deployments/${deploymentId}`;
