import type { SimContext } from '../core/context';
import { jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import {
  deregisterScalableTarget,
  describeScalableTargets,
  type EndpointLookup,
  registerScalableTarget,
  ScalingStore,
} from './scalable-targets';
import { deleteScalingPolicy, describeScalingPolicies, putScalingPolicy } from './scaling-policies';

const OPERATIONS = {
  RegisterScalableTarget: registerScalableTarget,
  DeregisterScalableTarget: deregisterScalableTarget,
  DescribeScalableTargets: describeScalableTargets,
  PutScalingPolicy: putScalingPolicy,
  DescribeScalingPolicies: describeScalingPolicies,
  DeleteScalingPolicy: deleteScalingPolicy,
} as const;

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AnyScaleFrontendService';

/**
 * Application Auto Scaling over awsJson1_1 (`X-Amz-Target: AnyScaleFrontendService.<Operation>`),
 * signed as `application-autoscaling`; scalable targets are SageMaker endpoint variants only.
 */
export function createApplicationAutoScalingService(
  context: SimContext,
  endpoints: EndpointLookup,
): { service: SimService; store: ScalingStore } {
  const store = new ScalingStore(context, endpoints);
  const service: SimService = {
    name: 'application-autoscaling',
    protocol: 'json',
    targetPrefix: TARGET_PREFIX,
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const operation = String(request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length + 1);
      try {
        const input = parseJsonInput(request.body);
        if (!request.caller)
          throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
        const call = { input, caller: request.caller, region: request.region, store };
        if (Object.hasOwn(OPERATIONS, operation)) {
          return jsonResult(requestId, CONTENT_TYPE, OPERATIONS[operation as keyof typeof OPERATIONS](call));
        }
        throw new SimError(
          'UnknownOperationException',
          `aws-sim does not implement Application Auto Scaling ${operation}`,
        );
      } catch (error) {
        if (error instanceof SimError) return jsonError(requestId, CONTENT_TYPE, error);
        throw error;
      }
    },
    errorResponse: (requestId, error) => jsonError(requestId, CONTENT_TYPE, error),
  };
  return { service, store };
}
