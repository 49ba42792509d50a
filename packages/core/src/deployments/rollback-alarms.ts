import { awsResourceName } from '../aws-names';
import { deploymentSpecSchema } from '../schemas/deployment';

/** Deployment statuses whose endpoint is live in SageMaker, where rule alarms are kept in line. */
export const ALARMED_DEPLOYMENT_STATUSES = ['CREATING', 'UPDATING', 'IN_SERVICE'] as const;

export interface RollbackAlarmDeployment {
  id: string;
  spec: unknown;
  previousDeploymentId: string | null;
  endpointConfigName: string | null;
}

/**
 * Whether SageMaker was given the deployment's alert rule alarms as auto-rollback alarms: an update
 * of an earlier endpoint (a first create has nothing to roll back to), not serverless, with rollback
 * on alarms on, and not itself a rollback to an earlier config.
 */
export function usesRollbackAlarms(deployment: RollbackAlarmDeployment): boolean {
  const spec = deploymentSpecSchema.safeParse(deployment.spec);
  if (!spec.success || spec.data.type === 'BATCH' || spec.data.type === 'SERVERLESS') return false;
  if (!spec.data.rollsBackOnAlarm || deployment.previousDeploymentId === null) return false;
  const ownConfigName = awsResourceName('endpoint-config', deployment.id);
  return deployment.endpointConfigName === null || deployment.endpointConfigName === ownConfigName;
}
