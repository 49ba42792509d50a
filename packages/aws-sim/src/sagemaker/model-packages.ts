import { randomUUID } from 'node:crypto';
import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import { type Call, date, key, NAME_RULE, nameFromNameOrArn, sageMakerArn, type Tracked } from './common';

export interface ModelPackageGroupRecord extends Tracked {
  description?: string;
  nextVersion: number;
}

export interface ModelPackageRecord extends Tracked {
  groupName: string;
  version: number;
  approvalStatus: string;
  approvalDescription?: string;
  lastModifiedAt: number;
  clientToken: string;
  input: JsonInput;
}

const APPROVAL = ['Approved', 'Rejected', 'PendingManualApproval'] as const;
const GROUP_NAME_OR_ARN =
  /^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]{9,16}:[0-9]{12}:[a-z-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$/;
const PACKAGE_ARN = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:model-package\/[\S]{1,2048}$/;

/** The InferenceSpecification rules CreateModelPackage and UpdateModelPackage share. */
function checkInferenceSpecification(problems: Problems, input: JsonInput): JsonInput | undefined {
  const inference = problems.object(input, 'InferenceSpecification', 'InferenceSpecification');
  if (!inference) return undefined;
  const containers = asRecords(
    problems.array(inference, 'Containers', 'InferenceSpecification.Containers', {
      required: true,
      min: 1,
      max: 15,
    }),
  );
  containers.forEach((container, index) => {
    problems.string(container, 'Image', `InferenceSpecification.Containers.${index + 1}.member.Image`, {
      max: 255,
      pattern: /^[\S]+$/,
    });
    problems.string(
      container,
      'ModelDataUrl',
      `InferenceSpecification.Containers.${index + 1}.member.ModelDataUrl`,
      { max: 1024, pattern: /^(https|s3):\/\/([^/]+)\/?(.*)$/ },
    );
  });
  return inference as JsonInput;
}

function findGroup(call: Call, nameOrArn: string): ModelPackageGroupRecord {
  const name = nameFromNameOrArn(nameOrArn, 'model-package-group');
  const group = call.store.packageGroups.get(key(name));
  if (!group) throw new SimError('ValidationException', `ModelPackageGroup ${name} does not exist.`);
  return group;
}

function findPackage(call: Call, arn: string): ModelPackageRecord {
  const item = call.store.packages.get(arn.toLowerCase());
  if (!item) throw new SimError('ValidationException', `ModelPackage ${arn} does not exist.`);
  return item;
}

export function createModelPackageGroup(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'ModelPackageGroupName', 'ModelPackageGroupName', NAME_RULE);
  const description = problems.string(input, 'ModelPackageGroupDescription', 'ModelPackageGroupDescription', {
    max: 1024,
  });
  problems.throwIfAny();
  const arn = sageMakerArn(call, 'model-package-group', name as string);
  if (store.packageGroups.has(key(name as string))) {
    // Unverified against real AWS; ResourceInUse is what callers are told to adopt on.
    throw new SimError('ResourceInUse', `Model Package Group already exists: ${arn}`);
  }
  store.packageGroups.set(key(name as string), {
    name: name as string,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    description,
    nextVersion: 1,
  });
  return { ModelPackageGroupArn: arn };
}

export function describeModelPackageGroup(call: Call) {
  const problems = new Problems();
  const nameOrArn = problems.string(call.input, 'ModelPackageGroupName', 'ModelPackageGroupName', {
    required: true,
    pattern: GROUP_NAME_OR_ARN,
  });
  problems.throwIfAny();
  const group = findGroup(call, nameOrArn as string);
  return {
    ModelPackageGroupName: group.name,
    ModelPackageGroupArn: group.arn,
    ModelPackageGroupDescription: group.description,
    CreationTime: date(group.createdAt),
    CreatedBy: {},
    ModelPackageGroupStatus: 'Completed',
  };
}

export function createModelPackage(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const groupNameOrArn = problems.string(input, 'ModelPackageGroupName', 'ModelPackageGroupName', {
    required: true,
    pattern: GROUP_NAME_OR_ARN,
  });
  const approval =
    problems.string(input, 'ModelApprovalStatus', 'ModelApprovalStatus', { values: APPROVAL }) ??
    'PendingManualApproval';
  const token = problems.string(input, 'ClientToken', 'ClientToken', { min: 1, max: 36 }) ?? randomUUID();
  problems.string(input, 'ModelPackageDescription', 'ModelPackageDescription', { max: 1024 });
  checkInferenceSpecification(problems, input);
  problems.throwIfAny();
  const group = findGroup(call, groupNameOrArn as string);
  // A retried call with the same ClientToken gets the version it already created.
  for (const existing of store.packages.values()) {
    if (existing.groupName === group.name && existing.clientToken === token) {
      return { ModelPackageArn: existing.arn };
    }
  }
  const version = group.nextVersion++;
  const arn = `${sageMakerArn(call, 'model-package', group.name)}/${version}`;
  store.packages.set(arn, {
    name: `${group.name}/${version}`,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    groupName: group.name,
    version,
    approvalStatus: approval,
    lastModifiedAt: call.now,
    clientToken: token,
    input,
  });
  return { ModelPackageArn: arn };
}

export function updateModelPackage(call: Call) {
  const { input } = call;
  const problems = new Problems();
  const arn = problems.string(input, 'ModelPackageArn', 'ModelPackageArn', {
    required: true,
    min: 1,
    max: 2048,
    pattern: PACKAGE_ARN,
  });
  const approval = problems.string(input, 'ModelApprovalStatus', 'ModelApprovalStatus', { values: APPROVAL });
  const description = problems.string(input, 'ApprovalDescription', 'ApprovalDescription', { max: 1024 });
  const inference = checkInferenceSpecification(problems, input);
  problems.throwIfAny();
  const item = findPackage(call, arn as string);
  if (approval) item.approvalStatus = approval;
  if (description !== undefined) item.approvalDescription = description;
  // A new artifact for the same version: DescribeModelPackage shows the new containers.
  if (inference) item.input = { ...item.input, InferenceSpecification: inference };
  item.lastModifiedAt = call.now;
  return { ModelPackageArn: item.arn };
}

export function describeModelPackage(call: Call) {
  const problems = new Problems();
  const nameOrArn = problems.string(call.input, 'ModelPackageName', 'ModelPackageName', {
    required: true,
    min: 1,
    max: 2048,
  });
  problems.throwIfAny();
  const item = findPackage(call, nameOrArn as string);
  const { ModelPackageGroupName: _group, ClientToken: _token, Tags: _tags, ...rest } = item.input;
  return {
    ...rest,
    ModelPackageName: item.groupName,
    ModelPackageGroupName: item.groupName,
    ModelPackageVersion: item.version,
    ModelPackageArn: item.arn,
    CreationTime: date(item.createdAt),
    LastModifiedTime: date(item.lastModifiedAt),
    ModelPackageStatus: 'Completed',
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: false,
    ModelApprovalStatus: item.approvalStatus,
    ApprovalDescription: item.approvalDescription,
    CreatedBy: {},
  };
}
