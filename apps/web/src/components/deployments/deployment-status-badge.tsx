import { Badge, Loader } from '@mantine/core';
import {
  DEPLOYMENT_STATUS_COLOR,
  DEPLOYMENT_STATUS_LABEL,
  type DeploymentStatus,
  isDeploymentSettling,
} from './deployment-labels';

/** A deployment's status as SageMaker reports it, with a spinner while it is still moving. */
export function DeploymentStatusBadge({ status, testId }: { status: DeploymentStatus; testId?: string }) {
  return (
    <Badge
      data-testid={testId}
      color={DEPLOYMENT_STATUS_COLOR[status]}
      variant="light"
      leftSection={
        isDeploymentSettling(status) ? <Loader size={10} color={DEPLOYMENT_STATUS_COLOR[status]} /> : null
      }
    >
      {DEPLOYMENT_STATUS_LABEL[status]}
    </Badge>
  );
}
