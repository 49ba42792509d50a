import type { Caller } from '../core/caller';
import type { SimContext } from '../core/context';
import type { JsonInput } from '../json/json-protocol';
import type { SageMakerStore } from './store';

/** The name rule shared by models, endpoints, endpoint configs, jobs and package groups. */
export const RESOURCE_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
export const INSTANCE_TYPE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;
export const S3_URI = /^(https|s3):\/\/([^/]+)\/?(.*)$/;

export const NAME_RULE = { required: true, pattern: RESOURCE_NAME, min: 1, max: 63 } as const;

/** Realistic durations, already shortened for a watchable demo; multiplied by timeScale. */
export const SECONDS = {
  endpointCreate: 30,
  endpointDelete: 10,
  fleetProvision: 20,
  plainUpdate: 20,
  rollback: 15,
  transformJob: 30,
  transformStop: 5,
  pipelineExecution: 40,
} as const;

/** A marker a caller can put in an image URI (or name) to make the resource fail as a bad image would. */
export const FAIL_MARKER = 'fail';

export interface Tracked {
  name: string;
  arn: string;
  createdAt: number;
  createdBy: Caller;
}

/** Everything an operation needs: the parsed input, who called, and the shared state. */
export interface Call {
  input: JsonInput;
  caller: Caller;
  region: string;
  now: number;
  store: SageMakerStore;
  context: SimContext;
}

export type Operation = (call: Call) => unknown;

/** SageMaker lowercases the name part of its ARNs. */
export function sageMakerArn(call: Call, type: string, name: string): string {
  return `arn:aws:sagemaker:${call.region}:${call.caller.accountId}:${type}/${name.toLowerCase()}`;
}

/** Names are unique regardless of case, as in SageMaker. */
export function key(name: string): string {
  return name.toLowerCase();
}

export function date(ms: number): Date {
  return new Date(ms);
}

/** Accepts a bare name or the matching ARN, as the `...Name` members of several operations do. */
export function nameFromNameOrArn(value: string, type: string): string {
  const match = new RegExp(`^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\\d{12}:${type}/(.+)$`).exec(value);
  return match?.[1] ?? value;
}
