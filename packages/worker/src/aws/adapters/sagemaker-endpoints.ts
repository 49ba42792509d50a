import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type EndpointStatus,
  type PendingProductionVariantSummary,
  type ProductionVariant,
  type SageMakerClient,
  UpdateEndpointCommand,
} from '@aws-sdk/client-sagemaker';
import { awsResourceName } from '@cairn/core/aws-names';
import { classifyAwsError } from '../aws-errors';
import { type AdapterContext, createOrAdopt, orNullIfNotFound, required, toAwsTags } from './adapter-support';
import { buildDeploymentConfig, type DeploymentGuardrails } from './deployment-config';

type SageMaker = AdapterContext<SageMakerClient>;

const target = (operation: string, resourceType: string, resourceId: string) =>
  ({ service: 'sagemaker', operation, resourceType, resourceId }) as const;

export interface CreateModelInput {
  /** The domain id the model's name derives from (the deployment's, usually). */
  modelId: string;
  image: string;
  modelDataUrl?: string;
  executionRoleArn: string;
  environment?: Record<string, string>;
  tags?: Record<string, string>;
}

/** CreateModel under `cairn-mdl-<id>`; adopts the model an earlier attempt created. */
export function createModel(ctx: SageMaker, input: CreateModelInput) {
  const modelName = awsResourceName('model', input.modelId);
  const t = (operation: string) => target(operation, 'sagemaker:model', modelName);
  return createOrAdopt(
    async () => {
      const output = await ctx.call(t('CreateModel'), () =>
        ctx.client.send(
          new CreateModelCommand({
            ModelName: modelName,
            ExecutionRoleArn: input.executionRoleArn,
            PrimaryContainer: {
              Image: input.image,
              ModelDataUrl: input.modelDataUrl,
              Environment: input.environment,
            },
            Tags: toAwsTags(input.tags),
          }),
        ),
      );
      return { modelName, modelArn: required(output.ModelArn, 'ModelArn') };
    },
    async () => {
      const output = await ctx.call(t('DescribeModel'), () =>
        ctx.client.send(new DescribeModelCommand({ ModelName: modelName })),
      );
      return { modelName, modelArn: required(output.ModelArn, 'ModelArn') };
    },
  );
}

/** Where a variant runs: provisioned instances or serverless (optionally with warm capacity). */
export type VariantCapacity =
  | { kind: 'instances'; instanceType: string; instanceCount: number }
  | { kind: 'serverless'; memorySizeMb: number; maxConcurrency: number; provisionedConcurrency?: number };

export interface EndpointVariantInput {
  variantName: string;
  modelName: string;
  capacity: VariantCapacity;
  /** Relative share of traffic (production) or of the copied traffic (shadow); 1 when unset. */
  weight?: number;
}

/** A variant Cairn defines, or one copied as is from another config (the live ones beside a shadow). */
export type ConfigVariant = EndpointVariantInput | { asIs: ProductionVariant };

interface EndpointConfigBase {
  /** Each config is its own domain row (a deployment revision), so updates get fresh names. */
  endpointConfigId: string;
  /** Variants that receive a copy of production traffic (SageMaker shadow testing). */
  shadowVariants?: EndpointVariantInput[];
  /** Set for asynchronous inference: where SageMaker writes the results. */
  asyncOutputS3Uri?: string;
  /** Asynchronous inference: where SageMaker writes the failures. */
  asyncFailureS3Uri?: string;
  asyncMaxConcurrentInvocationsPerInstance?: number;
  tags?: Record<string, string>;
}

export type CreateEndpointConfigInput = EndpointConfigBase &
  ({ modelName: string; capacity: VariantCapacity; variantName?: string } | { variants: ConfigVariant[] });

function productionVariant(variant: EndpointVariantInput): ProductionVariant {
  const { capacity } = variant;
  const base = { VariantName: variant.variantName, ModelName: variant.modelName };
  if (capacity.kind === 'instances') {
    return {
      ...base,
      InstanceType: capacity.instanceType as ProductionVariant['InstanceType'],
      InitialInstanceCount: capacity.instanceCount,
      InitialVariantWeight: variant.weight ?? 1,
    };
  }
  return {
    ...base,
    ...(variant.weight !== undefined ? { InitialVariantWeight: variant.weight } : {}),
    ServerlessConfig: {
      MemorySizeInMB: capacity.memorySizeMb,
      MaxConcurrency: capacity.maxConcurrency,
      ...(capacity.provisionedConcurrency ? { ProvisionedConcurrency: capacity.provisionedConcurrency } : {}),
    },
  };
}

function productionVariants(input: CreateEndpointConfigInput): ProductionVariant[] {
  if ('variants' in input) {
    return input.variants.map((variant) => ('asIs' in variant ? variant.asIs : productionVariant(variant)));
  }
  return [
    productionVariant({
      variantName: input.variantName ?? 'primary',
      modelName: input.modelName,
      capacity: input.capacity,
    }),
  ];
}

function asyncInferenceConfig(input: CreateEndpointConfigInput) {
  if (!input.asyncOutputS3Uri) return {};
  return {
    AsyncInferenceConfig: {
      OutputConfig: {
        S3OutputPath: input.asyncOutputS3Uri,
        ...(input.asyncFailureS3Uri ? { S3FailurePath: input.asyncFailureS3Uri } : {}),
      },
      ...(input.asyncMaxConcurrentInvocationsPerInstance
        ? {
            ClientConfig: {
              MaxConcurrentInvocationsPerInstance: input.asyncMaxConcurrentInvocationsPerInstance,
            },
          }
        : {}),
    },
  };
}

/** CreateEndpointConfig under `cairn-epc-<id>`; adopts an existing one. */
export function createEndpointConfig(ctx: SageMaker, input: CreateEndpointConfigInput) {
  const endpointConfigName = awsResourceName('endpoint-config', input.endpointConfigId);
  const t = (operation: string) => target(operation, 'sagemaker:endpoint-config', endpointConfigName);
  return createOrAdopt(
    async () => {
      const output = await ctx.call(t('CreateEndpointConfig'), () =>
        ctx.client.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: endpointConfigName,
            ProductionVariants: productionVariants(input),
            ...(input.shadowVariants?.length
              ? { ShadowProductionVariants: input.shadowVariants.map(productionVariant) }
              : {}),
            ...asyncInferenceConfig(input),
            Tags: toAwsTags(input.tags),
          }),
        ),
      );
      return {
        endpointConfigName,
        endpointConfigArn: required(output.EndpointConfigArn, 'EndpointConfigArn'),
      };
    },
    async () => {
      const output = await ctx.call(t('DescribeEndpointConfig'), () =>
        ctx.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpointConfigName })),
      );
      return {
        endpointConfigName,
        endpointConfigArn: required(output.EndpointConfigArn, 'EndpointConfigArn'),
      };
    },
  );
}

/** The production variants of an existing config, as declared (to run them again beside a shadow). */
export async function describeEndpointConfigVariants(
  ctx: SageMaker,
  endpointConfigName: string,
): Promise<ProductionVariant[]> {
  const output = await ctx.call(
    target('DescribeEndpointConfig', 'sagemaker:endpoint-config', endpointConfigName),
    () => ctx.client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpointConfigName })),
  );
  return required(output.ProductionVariants, 'ProductionVariants');
}

export interface EndpointState {
  endpointName: string;
  endpointArn: string;
  status: EndpointStatus;
  endpointConfigName: string | null;
  /** The config an in-flight update is moving to. */
  pendingEndpointConfigName: string | null;
  failureReason: string | null;
  lastModifiedAt: Date | null;
  /**
   * Share of traffic (0-100) an update in flight has moved to the new fleet: CurrentWeight against
   * DesiredWeight of the pending variants. Null when no update runs or AWS does not say.
   */
  trafficPercent: number | null;
}

function trafficPercent(variants: PendingProductionVariantSummary[] | undefined): number | null {
  if (!variants?.length) return null;
  let current = 0;
  let desired = 0;
  for (const variant of variants) {
    if (variant.CurrentWeight === undefined || variant.DesiredWeight === undefined) return null;
    current += variant.CurrentWeight;
    desired += variant.DesiredWeight;
  }
  return desired > 0 ? Math.round((current / desired) * 100) : null;
}

async function describe(ctx: SageMaker, endpointName: string): Promise<EndpointState> {
  const output = await ctx.call(target('DescribeEndpoint', 'sagemaker:endpoint', endpointName), () =>
    ctx.client.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
  );
  return {
    endpointName,
    endpointArn: required(output.EndpointArn, 'EndpointArn'),
    status: required(output.EndpointStatus, 'EndpointStatus'),
    endpointConfigName: output.EndpointConfigName ?? null,
    pendingEndpointConfigName: output.PendingDeploymentSummary?.EndpointConfigName ?? null,
    failureReason: output.FailureReason ?? null,
    lastModifiedAt: output.LastModifiedTime ?? null,
    trafficPercent: trafficPercent(output.PendingDeploymentSummary?.ProductionVariants),
  };
}

/** DescribeEndpoint; null when the endpoint does not exist. */
export function describeEndpoint(ctx: SageMaker, endpointName: string): Promise<EndpointState | null> {
  return orNullIfNotFound(() => describe(ctx, endpointName));
}

export interface CreateEndpointInput {
  deploymentId: string;
  /** The name the deployment recorded; `cairn-ep-<deployment id>` when unset. */
  endpointName?: string;
  endpointConfigName: string;
  tags?: Record<string, string>;
}

/** CreateEndpoint under `cairn-ep-<deployment id>`; adopts the endpoint if it already exists. */
export function createEndpoint(ctx: SageMaker, input: CreateEndpointInput) {
  const endpointName = input.endpointName ?? awsResourceName('endpoint', input.deploymentId);
  return createOrAdopt(
    async () => {
      const output = await ctx.call(target('CreateEndpoint', 'sagemaker:endpoint', endpointName), () =>
        ctx.client.send(
          new CreateEndpointCommand({
            EndpointName: endpointName,
            EndpointConfigName: input.endpointConfigName,
            Tags: toAwsTags(input.tags),
          }),
        ),
      );
      return { endpointName, endpointArn: required(output.EndpointArn, 'EndpointArn') };
    },
    async () => {
      const { endpointArn } = await describe(ctx, endpointName);
      return { endpointName, endpointArn };
    },
  );
}

export interface UpdateEndpointInput {
  endpointName: string;
  endpointConfigName: string;
  /** Blue/green guardrails; without them SageMaker applies its default blue/green all-at-once. */
  guardrails?: DeploymentGuardrails;
}

function throwIt(error: unknown): never {
  throw error;
}

function isMovingTo(state: EndpointState, endpointConfigName: string): boolean {
  if (state.pendingEndpointConfigName === endpointConfigName) return true;
  return state.endpointConfigName === endpointConfigName && state.status !== 'Failed';
}

const BUSY_STATUSES: EndpointStatus[] = ['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'];

/**
 * The endpoint is mid-change and does not say towards which config (no PendingDeploymentSummary):
 * retry later rather than guess. Retryable to classifyAwsError through `$retryable`.
 */
export class EndpointBusyError extends Error {
  readonly code = 'EndpointBusy';
  readonly $retryable = { throttling: false };
  constructor(endpointName: string, status: EndpointStatus) {
    super(`Endpoint ${endpointName} is ${status}; the update is retried once it settles`);
    this.name = 'EndpointBusyError';
  }
}

/** Null when the update still has to be sent. */
function adoptOrWait(state: EndpointState | null, endpointName: string, endpointConfigName: string) {
  if (!state) return null;
  if (isMovingTo(state, endpointConfigName)) {
    return { endpointName, endpointArn: state.endpointArn, isAdopted: true };
  }
  if (BUSY_STATUSES.includes(state.status)) throw new EndpointBusyError(endpointName, state.status);
  return null;
}

/**
 * UpdateEndpoint to a new config, unless the endpoint already runs or is moving to it: replayed
 * after a crash, a second UpdateEndpoint would start a second rollout (or be refused as in
 * progress), so the update that already happened is adopted instead.
 */
export async function updateEndpoint(ctx: SageMaker, input: UpdateEndpointInput) {
  const { endpointName, endpointConfigName } = input;
  const adopted = adoptOrWait(await describeEndpoint(ctx, endpointName), endpointName, endpointConfigName);
  if (adopted) return adopted;
  try {
    const output = await ctx.call(target('UpdateEndpoint', 'sagemaker:endpoint', endpointName), () =>
      ctx.client.send(
        new UpdateEndpointCommand({
          EndpointName: endpointName,
          EndpointConfigName: endpointConfigName,
          ...(input.guardrails ? { DeploymentConfig: buildDeploymentConfig(input.guardrails) } : {}),
        }),
      ),
    );
    return { endpointName, endpointArn: required(output.EndpointArn, 'EndpointArn'), isAdopted: false };
  } catch (error) {
    // Another attempt of this job may have got there between our describe and update.
    if (classifyAwsError(error).kind !== 'permanent') throw error;
    return (
      adoptOrWait(await describeEndpoint(ctx, endpointName), endpointName, endpointConfigName) ??
      throwIt(error)
    );
  }
}

/** DeleteEndpoint; an endpoint that is already gone counts as deleted (`wasPresent: false`). */
export async function deleteEndpoint(ctx: SageMaker, endpointName: string) {
  try {
    await ctx.call(target('DeleteEndpoint', 'sagemaker:endpoint', endpointName), () =>
      ctx.client.send(new DeleteEndpointCommand({ EndpointName: endpointName })),
    );
    return { endpointName, wasPresent: true };
  } catch (error) {
    if (classifyAwsError(error).kind !== 'not-found') throw error;
    return { endpointName, wasPresent: false };
  }
}
