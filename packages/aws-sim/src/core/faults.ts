import { seededRandom } from './random';

/** One injected fault; every field is optional and unset fields never match or never fire. */
export interface FaultRule {
  /** SigV4 signing name (`sagemaker`, `codepipeline`, `sts`); unset matches every service. */
  service?: string;
  /** Operation name (`CreateEndpoint`); unset matches every operation. */
  operation?: string;
  throttlePercent?: number;
  errorPercent?: number;
  latencyMs?: number;
  /** A resource name (or substring of one) whose creation ends Failed instead of succeeding. */
  failResource?: string;
  /**
   * Answers AccessDeniedException to sessions of this IAM role (`*`: every caller), as AWS does
   * when a role's policy lacks the action: the permanent error the worker must not retry.
   */
  denyRoleArn?: string;
}

const RULE_FIELDS = new Set([
  'service',
  'operation',
  'throttlePercent',
  'errorPercent',
  'latencyMs',
  'failResource',
  'denyRoleArn',
  'seed',
]);

export type FaultOutcome =
  | { kind: 'throttle' }
  | { kind: 'error'; code: 'InternalFailure' | 'ServiceUnavailable'; status: 500 | 503 }
  | undefined;

/** A fault rule the admin API refuses; its message names the field. */
export class FaultRuleError extends Error {}

function percent(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 100)) {
    throw new FaultRuleError(`${field} must be a number from 0 to 100`);
  }
  return value;
}

/** Parses an admin request body into a rule, naming the field that is wrong. */
export function parseFaultRule(body: Record<string, unknown>): FaultRule {
  const unknown = Object.keys(body).filter((field) => !RULE_FIELDS.has(field));
  if (unknown.length > 0) {
    throw new FaultRuleError(`unknown field ${unknown.join(', ')}; expected ${[...RULE_FIELDS].join(', ')}`);
  }
  const { service, operation, latencyMs, failResource, denyRoleArn } = body;
  for (const [field, value] of Object.entries({ service, operation, failResource, denyRoleArn })) {
    if (value !== undefined && typeof value !== 'string')
      throw new FaultRuleError(`${field} must be a string`);
  }
  if (
    latencyMs !== undefined &&
    (typeof latencyMs !== 'number' || !(latencyMs >= 0 && latencyMs <= 60_000))
  ) {
    throw new FaultRuleError('latencyMs must be a number from 0 to 60000');
  }
  return {
    service: service as string | undefined,
    operation: operation as string | undefined,
    throttlePercent: percent(body.throttlePercent, 'throttlePercent'),
    errorPercent: percent(body.errorPercent, 'errorPercent'),
    latencyMs: latencyMs as number | undefined,
    failResource: failResource as string | undefined,
    denyRoleArn: denyRoleArn as string | undefined,
  };
}

export class Faults {
  private rules: FaultRule[] = [];
  private random: () => number = Math.random;

  /** A seed makes every later throttle/error decision reproducible, call for call. */
  add(rule: FaultRule, seed?: number): void {
    this.rules.push(rule);
    if (seed !== undefined) this.random = seededRandom(seed);
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
    this.random = Math.random;
  }

  private matching(service: string, operation: string): FaultRule[] {
    return this.rules.filter(
      (rule) =>
        (rule.service === undefined || rule.service === service) &&
        (rule.operation === undefined || rule.operation === operation),
    );
  }

  latencyMs(service: string, operation: string): number {
    return this.matching(service, operation).reduce((total, rule) => total + (rule.latencyMs ?? 0), 0);
  }

  decide(service: string, operation: string): FaultOutcome {
    for (const rule of this.matching(service, operation)) {
      if (rule.throttlePercent && this.random() * 100 < rule.throttlePercent) return { kind: 'throttle' };
      if (rule.errorPercent && this.random() * 100 < rule.errorPercent) {
        // Both 5xx answers occur in the wild; alternate so clients are tested against each.
        return this.random() < 0.5
          ? { kind: 'error', code: 'InternalFailure', status: 500 }
          : { kind: 'error', code: 'ServiceUnavailable', status: 503 };
      }
    }
    return undefined;
  }

  isDenied(service: string, operation: string, roleArn: string | undefined): boolean {
    return this.matching(service, operation).some(
      (rule) => rule.denyRoleArn === '*' || (rule.denyRoleArn !== undefined && rule.denyRoleArn === roleArn),
    );
  }

  shouldFail(resourceName: string): boolean {
    return this.rules.some(
      (rule) => rule.failResource !== undefined && resourceName.includes(rule.failResource),
    );
  }
}
