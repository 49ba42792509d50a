/** A version as a release pipeline needs to know it. */
export interface ReleasedVersion {
  id: string;
  version: number;
  awsArn: string | null;
  modelGroup: { name: string };
}

/**
 * The variables a release run starts with: CodePipeline variables or SageMaker pipeline parameters
 * that tell the pipeline which model package to deploy and who signed it off. A package ARN not
 * known yet (mirror still pending) is left out rather than sent empty.
 */
export function releaseVariables(
  version: ReleasedVersion,
  release: { environment?: string; approvedBy?: readonly string[] } = {},
): Record<string, string> {
  const variables: Record<string, string> = {
    CAIRN_MODEL_VERSION_ID: version.id,
    CAIRN_MODEL_GROUP: version.modelGroup.name,
    CAIRN_MODEL_VERSION: String(version.version),
  };
  if (version.awsArn) variables.CAIRN_MODEL_PACKAGE_ARN = version.awsArn;
  if (release.environment) variables.CAIRN_ENVIRONMENT = release.environment;
  if (release.approvedBy && release.approvedBy.length > 0) {
    // CodePipeline variable values are at most 1,000 characters.
    variables.CAIRN_APPROVED_BY = release.approvedBy.join(',').slice(0, 1_000);
  }
  return variables;
}
