import type { ProductionVariant } from '@aws-sdk/client-sagemaker';
import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import { type DeploymentSpec, deploymentSpecSchema } from '@cairn/core/schemas/deployment';
import type { PrismaClient } from '@cairn/db/client';
import type { Deployment, Environment, ModelVersion, Team } from '@cairn/db/generated/prisma/client';
import type { DeploymentStateChange } from '@cairn/services/deployments/record-deployment-state';
import {
  type ConfigVariant,
  createEndpoint,
  createEndpointConfig,
  createModel,
  describeEndpointConfigVariants,
  type EndpointVariantInput,
  updateEndpoint,
} from '../aws/adapters/sagemaker-endpoints';
import { createTransformJob } from '../aws/adapters/sagemaker-jobs';
import { putRuleAlarms } from './deployment-alarms';
import { pauseScalingForUpdate } from './deployment-autoscaling-update';
import { describeShift, guardrailsFor } from './deployment-guardrails';
import type { TeamAws } from './team-aws';

/** A deployment with what its rollout needs: where it goes, what it runs, whom it replaces. */
export interface DeploymentTarget extends Deployment {
  environment: Environment;
  modelVersion: ModelVersion;
  project: { slug: string; team: Team };
}

export function loadDeploymentTarget(
  db: PrismaClient,
  deploymentId: string,
): Promise<DeploymentTarget | null> {
  return db.deployment.findUnique({
    where: { id: deploymentId },
    include: { environment: true, modelVersion: true, project: { select: { slug: true, team: true } } },
  });
}

/**
 * The tags every resource a deployment creates carries: `cairn:deployment` finds it again, and
 * with `cairn:team` and `cairn:project` they are the cost-allocation tags Cost Explorer groups
 * spend by (and the team role's policy can require on create).
 */
export function costAllocationTags(
  deployment: Pick<DeploymentTarget, 'id' | 'project'>,
): Record<string, string> {
  return {
    'cairn:team': deployment.project.team.slug,
    'cairn:project': deployment.project.slug,
    'cairn:deployment': deployment.id,
  };
}

/** The spec as create-deployment stored it (the cost assumptions beside it are left out). */
export function storedSpec(deployment: Pick<Deployment, 'spec'>): DeploymentSpec {
  return deploymentSpecSchema.parse(deployment.spec);
}

/** openTeamAws's options for a deployment: its environment's region and role override. */
export function teamAwsFor(
  deployment: DeploymentTarget,
  requester: { requestedByUserId: string | null; requestedByLabel: string },
  jobId: string,
) {
  return {
    team: deployment.project.team,
    projectSlug: deployment.project.slug,
    requester,
    jobId,
    environment: {
      region: deployment.environment.region,
      roleArnOverride: deployment.environment.roleArnOverride,
    },
  };
}

export const PRIMARY_VARIANT = 'primary';
const SHADOW_VARIANT = 'shadow';

/** Where the endpoint's variants come from, per type and strategy. */
async function endpointVariants(
  aws: TeamAws,
  db: PrismaClient,
  deployment: DeploymentTarget,
  spec: Exclude<DeploymentSpec, { type: 'BATCH' }>,
  primaryModelName: string,
  executionRoleArn: string,
): Promise<{ variants: ConfigVariant[]; shadowVariants?: EndpointVariantInput[] }> {
  if (spec.type === 'SERVERLESS') {
    const capacity = {
      kind: 'serverless' as const,
      memorySizeMb: spec.memorySizeMb,
      maxConcurrency: spec.maxConcurrency,
      provisionedConcurrency: spec.provisionedConcurrency,
    };
    return { variants: [{ variantName: PRIMARY_VARIANT, modelName: primaryModelName, capacity }] };
  }
  const capacity = {
    kind: 'instances' as const,
    instanceType: spec.instanceType,
    instanceCount: spec.initialInstanceCount,
  };
  const primary = { variantName: PRIMARY_VARIANT, modelName: primaryModelName, capacity };
  if (spec.type === 'ASYNC' || (spec.strategy.kind !== 'AB' && spec.strategy.kind !== 'SHADOW')) {
    return { variants: [primary] };
  }
  if (spec.strategy.kind === 'SHADOW') {
    const live = await liveVariants(aws, db, deployment);
    const liveWeight = live.reduce((sum, variant) => sum + (variant.InitialVariantWeight ?? 1), 0);
    return {
      variants: live.map((asIs) => ({ asIs })),
      // The shadow's weight against production's is the share of requests it receives a copy of.
      shadowVariants: [
        { ...primary, variantName: SHADOW_VARIANT, weight: (liveWeight * spec.strategy.shadowPercent) / 100 },
      ],
    };
  }
  const others: EndpointVariantInput[] = [];
  for (const [index, variant] of spec.strategy.variants.entries()) {
    const version = await db.modelVersion.findFirstOrThrow({
      where: { id: variant.modelVersionId, projectId: deployment.projectId },
    });
    // One model per variant, named from the deployment and the variant's place: a retry adopts it.
    const model = await createModel(
      { client: aws.clients.sagemaker, call: aws.call },
      {
        modelId: clientRequestToken('deployment-ab-model', deployment.id, index + 1),
        image: version.inferenceImageUri,
        modelDataUrl: version.artifactUri,
        executionRoleArn,
        tags: { ...costAllocationTags(deployment), 'cairn:model-version': version.id },
      },
    );
    others.push({
      variantName: `variant-${index + 1}`,
      modelName: model.modelName,
      capacity: {
        kind: 'instances',
        instanceType: variant.instanceType,
        instanceCount: variant.instanceCount,
      },
      weight: variant.weight,
    });
  }
  return { variants: [{ ...primary, weight: spec.strategy.primaryWeight }, ...others] };
}

/** The variants the endpoint runs now (the deployment this one replaces), to keep beside a shadow. */
async function liveVariants(aws: TeamAws, db: PrismaClient, deployment: DeploymentTarget) {
  const previous = deployment.previousDeploymentId
    ? await db.deployment.findUnique({ where: { id: deployment.previousDeploymentId } })
    : null;
  if (!previous?.endpointConfigName) {
    throw new Error('A shadow deployment needs a live endpoint config to run beside; this endpoint has none');
  }
  const variants: ProductionVariant[] = await describeEndpointConfigVariants(
    { client: aws.clients.sagemaker, call: aws.call },
    previous.endpointConfigName,
  );
  return variants;
}

/**
 * Puts an endpoint deployment into SageMaker: its model(s) and endpoint config (unless it is a
 * rollback, which reuses the previous config as is), then CreateEndpoint, or UpdateEndpoint with
 * the strategy's DeploymentConfig and its auto-rollback alarms. Every step is named from the
 * deployment's id, so a replay adopts what an earlier attempt made.
 */
export async function rolloutEndpoint(
  aws: TeamAws,
  db: PrismaClient,
  deployment: DeploymentTarget,
): Promise<DeploymentStateChange> {
  const spec = storedSpec(deployment);
  if (spec.type === 'BATCH') throw new Error('rolloutEndpoint takes endpoint deployments only');
  const sagemaker = { client: aws.clients.sagemaker, call: aws.call };
  const ownConfigName = awsResourceName('endpoint-config', deployment.id);
  const isRollback =
    deployment.endpointConfigName !== null && deployment.endpointConfigName !== ownConfigName;
  let endpointConfigName = deployment.endpointConfigName ?? ownConfigName;
  if (!isRollback) {
    const executionRoleArn = deployment.environment.roleArnOverride ?? deployment.project.team.iamRoleArn;
    if (!executionRoleArn) throw new Error('The team has no IAM role for SageMaker to run the model under');
    const version = deployment.modelVersion;
    const model = await createModel(sagemaker, {
      modelId: deployment.id,
      image: version.inferenceImageUri,
      modelDataUrl: version.artifactUri,
      executionRoleArn,
      tags: { ...costAllocationTags(deployment), 'cairn:model-version': version.id },
    });
    const { variants, shadowVariants } = await endpointVariants(
      aws,
      db,
      deployment,
      spec,
      model.modelName,
      executionRoleArn,
    );
    const config = await createEndpointConfig(sagemaker, {
      endpointConfigId: deployment.id,
      variants,
      ...(shadowVariants ? { shadowVariants } : {}),
      ...(spec.type === 'ASYNC'
        ? {
            asyncOutputS3Uri: spec.outputS3Uri,
            ...(spec.failureS3Uri ? { asyncFailureS3Uri: spec.failureS3Uri } : {}),
            ...(spec.maxConcurrentInvocationsPerInstance
              ? { asyncMaxConcurrentInvocationsPerInstance: spec.maxConcurrentInvocationsPerInstance }
              : {}),
          }
        : {}),
      tags: costAllocationTags(deployment),
    });
    endpointConfigName = config.endpointConfigName;
  }
  if (!deployment.previousDeploymentId) {
    const endpoint = await createEndpoint(sagemaker, {
      deploymentId: deployment.id,
      endpointName: deployment.awsResourceName,
      endpointConfigName,
      tags: costAllocationTags(deployment),
    });
    return {
      status: 'CREATING',
      awsStatus: 'Creating',
      awsResourceArn: endpoint.endpointArn,
      endpointConfigName,
      detail: `Creating endpoint ${endpoint.endpointName} with ${endpointConfigName}`,
    };
  }
  const rollsBackOnAlarm = spec.type !== 'SERVERLESS' && spec.rollsBackOnAlarm && !isRollback;
  const alarmPlan = rollsBackOnAlarm ? await putRuleAlarms(aws, db, deployment, PRIMARY_VARIANT) : null;
  const alarms = alarmPlan?.alarms.map((alarm) => alarm.alarmName) ?? [];
  // A rollback returns to a config that ran before, at once: there is nothing to trial.
  const guardrails = isRollback ? undefined : guardrailsFor(spec, alarms);
  const paused = await pauseScalingForUpdate(aws, deployment.awsResourceName, endpointConfigName);
  const endpoint = await updateEndpoint(sagemaker, {
    endpointName: deployment.awsResourceName,
    endpointConfigName,
    ...(guardrails ? { guardrails } : {}),
  });
  return {
    status: 'UPDATING',
    awsStatus: 'Updating',
    awsResourceArn: endpoint.endpointArn,
    endpointConfigName,
    trafficPercent: 0,
    detail: `Updating endpoint ${endpoint.endpointName} to ${endpointConfigName}: ${describeShift(
      guardrails,
      alarmPlan ? { skippedReasons: alarmPlan.skipped.map((skipped) => skipped.reason) } : undefined,
    )}${paused.length > 0 ? `; ${paused.join(', ')} deregistered from autoscaling first, as SageMaker requires to change an autoscaled variant's instance type or remove it` : ''}`,
  };
}

/** Starts a batch deployment's transform job (named like the deployment) on its own model. */
export async function startTransform(
  aws: TeamAws,
  deployment: DeploymentTarget,
): Promise<DeploymentStateChange> {
  const spec = storedSpec(deployment);
  if (spec.type !== 'BATCH') throw new Error('startTransform takes batch deployments only');
  const sagemaker = { client: aws.clients.sagemaker, call: aws.call };
  const executionRoleArn = deployment.environment.roleArnOverride ?? deployment.project.team.iamRoleArn;
  if (!executionRoleArn) throw new Error('The team has no IAM role for SageMaker to run the model under');
  const model = await createModel(sagemaker, {
    modelId: deployment.id,
    image: deployment.modelVersion.inferenceImageUri,
    modelDataUrl: deployment.modelVersion.artifactUri,
    executionRoleArn,
    tags: { ...costAllocationTags(deployment), 'cairn:model-version': deployment.modelVersionId },
  });
  const job = await createTransformJob(sagemaker, {
    transformJobId: deployment.id,
    modelName: model.modelName,
    inputS3Uri: spec.inputS3Uri,
    outputS3Uri: spec.outputS3Uri,
    instanceType: spec.instanceType,
    instanceCount: spec.instanceCount,
    splitType: spec.splitType,
    maxPayloadMb: spec.maxPayloadMb,
    batchStrategy: spec.batchStrategy,
    joinSource: spec.joinSource,
    ...(spec.maxConcurrentTransforms !== undefined
      ? { maxConcurrentTransforms: spec.maxConcurrentTransforms }
      : {}),
    tags: costAllocationTags(deployment),
  });
  if (job.transformJobName !== deployment.awsResourceName) {
    throw new Error(
      `Transform job ${job.transformJobName} is not the recorded ${deployment.awsResourceName}`,
    );
  }
  return {
    status: 'CREATING',
    awsStatus: 'InProgress',
    awsResourceArn: job.transformJobArn,
    detail: `Transform job ${job.transformJobName} started on ${spec.instanceCount} x ${spec.instanceType}`,
  };
}
