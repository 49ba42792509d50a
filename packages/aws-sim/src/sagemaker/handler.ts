import type { SimContext } from '../core/context';
import { jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import type { Operation } from './common';
import { createEndpointConfig, deleteEndpointConfig, describeEndpointConfig } from './endpoint-configs';
import { createEndpoint, deleteEndpoint, describeEndpoint, updateEndpoint } from './endpoints';
import {
  createModelPackage,
  createModelPackageGroup,
  describeModelPackage,
  describeModelPackageGroup,
  updateModelPackage,
} from './model-packages';
import { createModel, deleteModel, describeModel } from './models';
import {
  describePipelineExecution,
  listPipelineParametersForExecution,
  startPipelineExecution,
} from './pipelines';
import { SageMakerStore } from './store';
import { createTransformJob, describeTransformJob, stopTransformJob } from './transform-jobs';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

const OPERATIONS: Record<string, Operation> = {
  CreateModel: createModel,
  DescribeModel: describeModel,
  DeleteModel: deleteModel,
  CreateEndpointConfig: createEndpointConfig,
  DescribeEndpointConfig: describeEndpointConfig,
  DeleteEndpointConfig: deleteEndpointConfig,
  CreateEndpoint: createEndpoint,
  UpdateEndpoint: updateEndpoint,
  DescribeEndpoint: describeEndpoint,
  DeleteEndpoint: deleteEndpoint,
  CreateTransformJob: createTransformJob,
  DescribeTransformJob: describeTransformJob,
  StopTransformJob: stopTransformJob,
  CreateModelPackageGroup: createModelPackageGroup,
  DescribeModelPackageGroup: describeModelPackageGroup,
  CreateModelPackage: createModelPackage,
  UpdateModelPackage: updateModelPackage,
  DescribeModelPackage: describeModelPackage,
  StartPipelineExecution: startPipelineExecution,
  DescribePipelineExecution: describePipelineExecution,
  ListPipelineParametersForExecution: listPipelineParametersForExecution,
};

/** SageMaker over awsJson1_1 (`X-Amz-Target: SageMaker.<Operation>`), as @aws-sdk/client-sagemaker sends it. */
export function createSageMakerService(context: SimContext): { service: SimService; store: SageMakerStore } {
  const store = new SageMakerStore(context);
  const service: SimService = {
    name: 'sagemaker',
    protocol: 'json',
    targetPrefix: 'SageMaker',
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = OPERATIONS[target.slice('SageMaker.'.length)];
      try {
        if (!target.startsWith('SageMaker.') || !operation) {
          throw new SimError(
            'UnknownOperationException',
            `aws-sim does not implement ${target || 'this operation'}`,
          );
        }
        const now = context.clock.now();
        store.advance(now);
        const input = parseJsonInput(request.body);
        if (!request.caller)
          throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
        const result = operation({
          input,
          caller: request.caller,
          region: request.region,
          now,
          store,
          context,
        });
        return jsonResult(requestId, CONTENT_TYPE, result);
      } catch (error) {
        if (error instanceof SimError) return jsonError(requestId, CONTENT_TYPE, error);
        throw error;
      }
    },
    errorResponse: (requestId, error) => jsonError(requestId, CONTENT_TYPE, error),
  };
  return { service, store };
}
