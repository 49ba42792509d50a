import type { SimContext } from '../core/context';
import { jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import { getPipelineState, putApprovalResult } from './approvals';
import { CodePipelineStore, getPipelineExecution, startPipelineExecution } from './executions';

const OPERATIONS = {
  StartPipelineExecution: startPipelineExecution,
  GetPipelineExecution: getPipelineExecution,
  GetPipelineState: getPipelineState,
  PutApprovalResult: putApprovalResult,
} as const;

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'CodePipeline_20150709';

/** CodePipeline over awsJson1_1 (`X-Amz-Target: CodePipeline_20150709.<Operation>`). */
export function createCodePipelineService(context: SimContext): {
  service: SimService;
  store: CodePipelineStore;
} {
  const store = new CodePipelineStore(context);
  const service: SimService = {
    name: 'codepipeline',
    protocol: 'json',
    targetPrefix: TARGET_PREFIX,
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const operation = String(request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length + 1);
      try {
        const input = parseJsonInput(request.body);
        if (!request.caller)
          throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
        const call = { input, caller: request.caller, region: request.region, store, context };
        if (Object.hasOwn(OPERATIONS, operation)) {
          return jsonResult(requestId, CONTENT_TYPE, OPERATIONS[operation as keyof typeof OPERATIONS](call));
        }
        throw new SimError(
          'UnknownOperationException',
          `aws-sim does not implement CodePipeline ${operation}`,
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
