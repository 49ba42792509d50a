import type { ResourceStore, ResourceSummary } from '../core/caller';
import type { SimContext } from '../core/context';
import { Problems } from '../core/validation';
import { jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import { evaluateAlarm, type MetricAlarm, parseMetricAlarm } from './alarms';
import { getMetricData } from './get-metric-data';
import type { EndpointLookup } from './metrics';
import { TrafficHistory } from './traffic';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'GraniteServiceVersion20100801';
const MAX_ALARMS = 5000;

/**
 * CloudWatch is awsQuery-compatible JSON: the SDK takes the error code from `x-amzn-query-error`
 * (`Code;Sender`), so each JSON error type is paired with the query code AWS sends for it.
 */
const QUERY_CODES: Record<string, string> = {
  ValidationException: 'ValidationError',
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  LimitExceededFault: 'LimitExceeded',
  ResourceNotFound: 'ResourceNotFound',
  ResourceNotFoundException: 'ResourceNotFoundException',
  ThrottlingException: 'Throttling',
  InternalFailure: 'InternalFailure',
  ServiceUnavailable: 'ServiceUnavailable',
};

function errorResponse(requestId: string, error: SimError): SimResponse {
  const response = jsonError(requestId, CONTENT_TYPE, error);
  const side = error.status >= 500 ? 'Receiver' : 'Sender';
  response.headers['x-amzn-query-error'] = `${QUERY_CODES[error.code] ?? error.code};${side}`;
  return response;
}

export class CloudWatchStore implements ResourceStore {
  readonly alarms = new Map<string, MetricAlarm>();
  readonly traffic = new TrafficHistory();

  constructor(
    private readonly context: SimContext,
    private readonly lookup: EndpointLookup,
  ) {}

  evaluate(now = this.context.clock.now()): void {
    for (const alarm of this.alarms.values()) {
      evaluateAlarm(alarm, this.context.alarms, this.lookup, this.traffic, now);
    }
  }

  list(): ResourceSummary[] {
    this.evaluate();
    return [...this.alarms.values()].map((alarm) => ({
      type: 'alarm',
      name: alarm.name,
      arn: alarm.arn,
      status: this.context.alarms.get(alarm.name)?.state ?? 'INSUFFICIENT_DATA',
      createdAt: new Date(alarm.updatedAt).toISOString(),
      createdBy: alarm.createdBy,
    }));
  }

  reset(): void {
    this.alarms.clear();
    this.traffic.reset();
  }
}

function describeAlarms(store: CloudWatchStore, context: SimContext, input: Record<string, unknown>) {
  const problems = new Problems();
  const names = problems.array(input, 'AlarmNames', 'AlarmNames', { max: 100 }) as string[] | undefined;
  const prefix = problems.string(input, 'AlarmNamePrefix', 'AlarmNamePrefix', { min: 1, max: 255 });
  const stateValue = problems.string(input, 'StateValue', 'StateValue', {
    values: ['OK', 'ALARM', 'INSUFFICIENT_DATA'],
  });
  problems.throwIfAny();
  const alarms = [...store.alarms.values()]
    .filter((alarm) => !names || names.includes(alarm.name))
    .filter((alarm) => !prefix || alarm.name.startsWith(prefix))
    .map((alarm) => {
      const state = context.alarms.get(alarm.name);
      const { AlarmName: _name, Tags: _tags, ...configured } = alarm.input;
      return {
        ...configured,
        AlarmName: alarm.name,
        AlarmArn: alarm.arn,
        ActionsEnabled: alarm.input.ActionsEnabled ?? true,
        DatapointsToAlarm: alarm.datapointsToAlarm,
        TreatMissingData: alarm.treatMissingData,
        AlarmConfigurationUpdatedTimestamp: new Date(alarm.updatedAt),
        StateValue: state?.state ?? 'INSUFFICIENT_DATA',
        StateReason: state?.reason ?? 'Unchecked: Initial alarm creation',
        StateUpdatedTimestamp: new Date(state?.changedAt ?? alarm.updatedAt),
        StateTransitionedTimestamp: new Date(state?.changedAt ?? alarm.updatedAt),
      };
    })
    .filter((alarm) => !stateValue || alarm.StateValue === stateValue);
  return { MetricAlarms: alarms, CompositeAlarms: [] };
}

/**
 * DeleteAlarms: all named alarms go, or none does. As in CloudWatch, a name that does not exist
 * fails the whole call with ResourceNotFound.
 */
function deleteAlarms(store: CloudWatchStore, context: SimContext, input: Record<string, unknown>) {
  const problems = new Problems();
  const names = problems.array(input, 'AlarmNames', 'AlarmNames', { required: true, max: 100 });
  problems.throwIfAny();
  const alarmNames = (names ?? []).map(String);
  const missing = alarmNames.filter((name) => !store.alarms.has(name));
  if (missing.length > 0) {
    throw new SimError('ResourceNotFound', `Alarm(s) ${missing.join(', ')} not found`, 404);
  }
  for (const name of alarmNames) {
    store.alarms.delete(name);
    context.alarms.delete(name);
  }
}

/** ListTagsForResource for an alarm ARN: the tags PutMetricAlarm was given. */
function listTagsForResource(store: CloudWatchStore, input: Record<string, unknown>) {
  const problems = new Problems();
  const arn = problems.string(input, 'ResourceARN', 'ResourceARN', { required: true, min: 1, max: 1024 });
  problems.throwIfAny();
  const alarm = [...store.alarms.values()].find((candidate) => candidate.arn === arn);
  if (!alarm) throw new SimError('ResourceNotFoundException', `Resource ${arn} not found`, 404);
  return { Tags: Array.isArray(alarm.input.Tags) ? alarm.input.Tags : [] };
}

/** CloudWatch over awsJson1_0 (`X-Amz-Target: GraniteServiceVersion20100801.<Operation>`), query-compatible errors. */
export function createCloudWatchService(
  context: SimContext,
  lookup: EndpointLookup,
): { service: SimService; store: CloudWatchStore } {
  const store = new CloudWatchStore(context, lookup);
  const service: SimService = {
    name: 'monitoring',
    protocol: 'json',
    targetPrefix: TARGET_PREFIX,
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const operation = String(request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length + 1);
      try {
        const input = parseJsonInput(request.body);
        if (!request.caller)
          throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
        const now = context.clock.now();
        switch (operation) {
          case 'GetMetricData':
            return jsonResult(requestId, CONTENT_TYPE, getMetricData(input, lookup, store.traffic, now));
          case 'PutMetricAlarm': {
            const alarm = parseMetricAlarm(input, request.region, request.caller, now);
            if (!store.alarms.has(alarm.name) && store.alarms.size >= MAX_ALARMS) {
              throw new SimError(
                'LimitExceededFault',
                `The maximum of ${MAX_ALARMS} alarms has been reached.`,
              );
            }
            store.alarms.set(alarm.name, alarm);
            store.evaluate(now);
            return jsonResult(requestId, CONTENT_TYPE, {});
          }
          case 'DeleteAlarms':
            deleteAlarms(store, context, input);
            return jsonResult(requestId, CONTENT_TYPE, {});
          case 'ListTagsForResource':
            return jsonResult(requestId, CONTENT_TYPE, listTagsForResource(store, input));
          case 'DescribeAlarms':
            store.evaluate(now);
            return jsonResult(requestId, CONTENT_TYPE, describeAlarms(store, context, input));
          default:
            throw new SimError(
              'UnknownOperationException',
              `aws-sim does not implement CloudWatch ${operation}`,
            );
        }
      } catch (error) {
        if (error instanceof SimError) return errorResponse(requestId, error);
        throw error;
      }
    },
    errorResponse,
  };
  return { service, store };
}
