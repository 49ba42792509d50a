import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * AWS names and idempotency tokens derived from domain ids. A job retried after a crash derives the
 * same name or token again, so AWS either rejects the duplicate (and the worker adopts the existing
 * resource) or returns the first call's result: never a second resource.
 */

/** What Cairn creates in AWS under a name, with the short prefix that shows up in the console. */
const RESOURCE_PREFIX = {
  model: 'mdl',
  'endpoint-config': 'epc',
  endpoint: 'ep',
  'transform-job': 'tj',
  'model-package-group': 'mpg',
  alarm: 'alarm',
} as const;

export type AwsResourceKind = keyof typeof RESOURCE_PREFIX;

/** Operations whose idempotency AWS keys on a client token rather than a name. */
export type AwsTokenKind =
  | 'model-package'
  | 'sagemaker-pipeline-execution'
  | 'codepipeline-execution'
  | (string & {});

/** SageMaker's name pattern (models, endpoint configs, endpoints, jobs, package groups). */
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const SAGEMAKER_NAME_MAX_LENGTH = 63;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for an id that is not a uuid: a made-up id would silently break idempotency. */
export class InvalidDomainIdError extends Error {
  constructor(id: string) {
    super(`Expected a uuid as the domain id of an AWS resource, got '${id}'`);
    this.name = 'InvalidDomainIdError';
  }
}

/** The uuid's 32 hex digits, lowercase: the part of every name that makes it unique. */
export function compactId(id: string): string {
  if (!UUID.test(id)) throw new InvalidDomainIdError(id);
  return id.replaceAll('-', '').toLowerCase();
}

/** `cairn-<prefix>-<32 hex>`, e.g. `awsResourceName('endpoint', deploymentId)` -> `cairn-ep-0193…`. */
export function awsResourceName(kind: AwsResourceKind, id: string): string {
  return `cairn-${RESOURCE_PREFIX[kind]}-${compactId(id)}`;
}

/**
 * A client token for one operation on one domain object: the same on every retry of that job, a
 * different one for a deliberate re-run (`attempt` 1, 2, ...), which must start a new execution.
 * Formatted as a uuid (version 8, 36 chars) because the tightest limit Cairn meets is
 * CreateModelPackage's ClientToken (1-36 chars); it also satisfies SageMaker's 32-128 and
 * CodePipeline's 1-128 `^[a-zA-Z0-9-]+$`.
 */
export function clientRequestToken(kind: AwsTokenKind, id: string, attempt = 0): string {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be a non-negative integer, got ${attempt}`);
  }
  const digest = sha256(utf8ToBytes(`cairn:${kind}:${compactId(id)}:${attempt}`)).slice(0, 16);
  // RFC 9562 version 8 (custom) and variant 10xx, so the token reads as a well-formed uuid.
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytesToHex(digest);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
