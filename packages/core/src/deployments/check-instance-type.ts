import { type DeploymentIssue, issue } from './deployment-issue';
import { findInstanceType, type InstanceUsage } from './instance-catalogue';

const SUGGESTION: Record<InstanceUsage, string> = {
  ENDPOINT: 'ml.t2.medium or ml.m5.large',
  TRANSFORM: 'ml.m5.large or ml.c5.xlarge',
};

/** Refuses an instance type Cairn does not offer, or one SageMaker does not accept for this use. */
export function checkInstanceType(
  field: string,
  name: string,
  usage: InstanceUsage,
  useLabel: string,
): DeploymentIssue[] {
  const spec = findInstanceType(name);
  if (!spec) {
    return [
      issue(
        field,
        'instance_type_unknown',
        `${name} is not in Cairn's instance catalogue: choose one of the listed types, for example ${SUGGESTION[usage]}.`,
      ),
    ];
  }
  if (spec.usages.includes(usage)) return [];
  const reason =
    spec.family === 't3'
      ? 'SageMaker offers T3 instances for notebooks and processing only'
      : `SageMaker does not accept the ${spec.familyLabel} family${usage === 'TRANSFORM' ? ' for batch transform jobs' : ' for hosting'}`;
  return [
    issue(
      field,
      'instance_type_not_allowed',
      `${name} cannot run ${useLabel}: ${reason}. Choose, for example, ${SUGGESTION[usage]}.`,
    ),
  ];
}
