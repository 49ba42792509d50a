/** The environments a team deploys to, in promotion order. */
export const DEPLOYMENT_ENVIRONMENTS = ['DEV', 'STAGING', 'PROD'] as const;
export type DeploymentEnvironment = (typeof DEPLOYMENT_ENVIRONMENTS)[number];
