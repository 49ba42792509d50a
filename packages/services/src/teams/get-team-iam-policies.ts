import { notFound } from '@cairn/core/errors';
import { teamIamPolicies } from '@cairn/core/iam/team-iam-policies';
import type { ServiceContext } from '../context';

interface SpecLocations {
  inputS3Uri?: unknown;
  outputS3Uri?: unknown;
  failureS3Uri?: unknown;
}

const strings = (values: unknown[]) => values.filter((value): value is string => typeof value === 'string');

/**
 * The trust and permissions policies the team's role needs, from the team's settings and what it
 * has registered in Cairn (environments, pipelines, model images and artifacts, batch locations).
 */
export async function getTeamIamPolicies(
  ctx: ServiceContext,
  input: { teamId: string; workerRoleArn: string | null },
) {
  const team = await ctx.db.team.findUnique({ where: { id: input.teamId } });
  if (!team) throw notFound('Team');
  const [environments, pipelines, versions, deployments] = await Promise.all([
    ctx.db.environment.findMany({
      where: { teamId: team.id },
      select: { region: true, roleArnOverride: true },
    }),
    ctx.db.pipeline.findMany({ where: { teamId: team.id }, select: { kind: true, awsPipelineName: true } }),
    ctx.db.modelVersion.findMany({
      where: { teamId: team.id },
      distinct: ['artifactUri', 'inferenceImageUri'],
      select: { artifactUri: true, inferenceImageUri: true },
    }),
    ctx.db.deployment.findMany({ where: { teamId: team.id }, select: { spec: true } }),
  ]);
  const specs = deployments.map((deployment) => (deployment.spec ?? {}) as SpecLocations);
  const policies = teamIamPolicies({
    teamSlug: team.slug,
    iamRoleArn: team.iamRoleArn,
    iamExternalId: team.iamExternalId,
    regions: [team.awsRegion, ...environments.map((environment) => environment.region)],
    roleArnOverrides: strings(environments.map((environment) => environment.roleArnOverride)),
    sageMakerPipelineNames: pipelines.filter((p) => p.kind === 'SAGEMAKER').map((p) => p.awsPipelineName),
    codePipelineNames: pipelines.filter((p) => p.kind === 'CODEPIPELINE').map((p) => p.awsPipelineName),
    imageUris: versions.map((version) => version.inferenceImageUri),
    readS3Uris: [
      ...versions.map((version) => version.artifactUri),
      ...strings(specs.map((spec) => spec.inputS3Uri)),
    ],
    writeS3Uris: strings(specs.flatMap((spec) => [spec.outputS3Uri, spec.failureS3Uri])),
    workerRoleArn: input.workerRoleArn,
  });
  return { teamId: team.id, roleArn: team.iamRoleArn, ...policies };
}
