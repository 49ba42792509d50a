import {
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  type ModelApprovalStatus,
  type ModelPackageStatus,
  type ProductionVariantInstanceType,
  type SageMakerClient,
  type TransformInstanceType,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { awsResourceName, clientRequestToken } from '@cairn/core/aws-names';
import { type AdapterContext, createOrAdopt, orNullIfNotFound, required, toAwsTags } from './adapter-support';

type SageMaker = AdapterContext<SageMakerClient>;

const target = (operation: string, resourceType: string, resourceId: string) =>
  ({ service: 'sagemaker', operation, resourceType, resourceId }) as const;

export interface CreateModelPackageGroupInput {
  modelGroupId: string;
  description?: string;
  tags?: Record<string, string>;
}

/** CreateModelPackageGroup under `cairn-mpg-<model group id>`; adopts an existing group. */
export function createModelPackageGroup(ctx: SageMaker, input: CreateModelPackageGroupInput) {
  const modelPackageGroupName = awsResourceName('model-package-group', input.modelGroupId);
  const t = (operation: string) => target(operation, 'sagemaker:model-package-group', modelPackageGroupName);
  return createOrAdopt(
    async () => {
      const output = await ctx.call(t('CreateModelPackageGroup'), () =>
        ctx.client.send(
          new CreateModelPackageGroupCommand({
            ModelPackageGroupName: modelPackageGroupName,
            ModelPackageGroupDescription: input.description,
            Tags: toAwsTags(input.tags),
          }),
        ),
      );
      return {
        modelPackageGroupName,
        modelPackageGroupArn: required(output.ModelPackageGroupArn, 'ModelPackageGroupArn'),
      };
    },
    async () => {
      const output = await ctx.call(t('DescribeModelPackageGroup'), () =>
        ctx.client.send(
          new DescribeModelPackageGroupCommand({ ModelPackageGroupName: modelPackageGroupName }),
        ),
      );
      return {
        modelPackageGroupName,
        modelPackageGroupArn: required(output.ModelPackageGroupArn, 'ModelPackageGroupArn'),
      };
    },
  );
}

export interface CreateModelPackageInput {
  /** The model version's domain id: the ClientToken derives from it. */
  modelVersionId: string;
  modelPackageGroupName: string;
  image: string;
  modelDataUrl: string;
  approvalStatus: ModelApprovalStatus;
  description?: string;
  contentTypes?: string[];
  responseMimeTypes?: string[];
  realtimeInstanceTypes?: string[];
  transformInstanceTypes?: string[];
  /** Lineage shown in the SageMaker console (run id, git commit, ...). */
  customerMetadata?: Record<string, string>;
}

/**
 * CreateModelPackage (a version in a group). Versions have no name to collide on; SageMaker makes
 * the call idempotent through ClientToken, so a retry returns the first call's ARN.
 */
export async function createModelPackage(ctx: SageMaker, input: CreateModelPackageInput) {
  const output = await ctx.call(
    target('CreateModelPackage', 'sagemaker:model-package-group', input.modelPackageGroupName),
    () =>
      ctx.client.send(
        new CreateModelPackageCommand({
          ModelPackageGroupName: input.modelPackageGroupName,
          ModelPackageDescription: input.description,
          ModelApprovalStatus: input.approvalStatus,
          ClientToken: clientRequestToken('model-package', input.modelVersionId),
          InferenceSpecification: {
            Containers: [{ Image: input.image, ModelDataUrl: input.modelDataUrl }],
            SupportedContentTypes: input.contentTypes,
            SupportedResponseMIMETypes: input.responseMimeTypes,
            // AWS validates the instance type names; Cairn keeps them as plain strings in its domain.
            SupportedRealtimeInferenceInstanceTypes: input.realtimeInstanceTypes as
              | ProductionVariantInstanceType[]
              | undefined,
            SupportedTransformInstanceTypes: input.transformInstanceTypes as
              | TransformInstanceType[]
              | undefined,
          },
          CustomerMetadataProperties: input.customerMetadata,
        }),
      ),
  );
  return { modelPackageArn: required(output.ModelPackageArn, 'ModelPackageArn') };
}

/**
 * UpdateModelPackage's approval status (and, after the version's artifact changed, its container);
 * setting what it already has changes nothing.
 */
export async function updateModelPackageApproval(
  ctx: SageMaker,
  input: {
    modelPackageArn: string;
    approvalStatus: ModelApprovalStatus;
    approvalDescription?: string;
    inference?: { image: string; modelDataUrl: string };
  },
) {
  const output = await ctx.call(
    target('UpdateModelPackage', 'sagemaker:model-package', input.modelPackageArn),
    () =>
      ctx.client.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: input.modelPackageArn,
          ModelApprovalStatus: input.approvalStatus,
          ApprovalDescription: input.approvalDescription,
          ...(input.inference
            ? {
                InferenceSpecification: {
                  Containers: [{ Image: input.inference.image, ModelDataUrl: input.inference.modelDataUrl }],
                },
              }
            : {}),
        }),
      ),
  );
  return { modelPackageArn: output.ModelPackageArn ?? input.modelPackageArn };
}

export interface ModelPackageState {
  modelPackageArn: string;
  modelPackageGroupName: string | null;
  version: number | null;
  status: ModelPackageStatus | null;
  approvalStatus: ModelApprovalStatus | null;
  approvalDescription: string | null;
}

/** DescribeModelPackage; null when it does not exist. */
export function describeModelPackage(
  ctx: SageMaker,
  modelPackageArn: string,
): Promise<ModelPackageState | null> {
  return orNullIfNotFound(async () => {
    const output = await ctx.call(
      target('DescribeModelPackage', 'sagemaker:model-package', modelPackageArn),
      () => ctx.client.send(new DescribeModelPackageCommand({ ModelPackageName: modelPackageArn })),
    );
    return {
      modelPackageArn: required(output.ModelPackageArn, 'ModelPackageArn'),
      modelPackageGroupName: output.ModelPackageGroupName ?? null,
      version: output.ModelPackageVersion ?? null,
      status: output.ModelPackageStatus ?? null,
      approvalStatus: output.ModelApprovalStatus ?? null,
      approvalDescription: output.ApprovalDescription ?? null,
    };
  });
}
