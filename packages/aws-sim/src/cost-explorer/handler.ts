import { jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import { DailyCostStore } from './daily-costs';
import { getCostAndUsage } from './get-cost-and-usage';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSInsightsIndexService';

/** Cost Explorer over awsJson1_1 (`X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage`). */
export function createCostExplorerService(): { service: SimService; store: DailyCostStore } {
  const store = new DailyCostStore();
  const service: SimService = {
    name: 'ce',
    protocol: 'json',
    targetPrefix: TARGET_PREFIX,
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const operation = String(request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length + 1);
      try {
        const input = parseJsonInput(request.body);
        if (!request.caller)
          throw new SimError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
        if (operation === 'GetCostAndUsage')
          return jsonResult(requestId, CONTENT_TYPE, getCostAndUsage(input, store));
        throw new SimError(
          'UnknownOperationException',
          `aws-sim does not implement Cost Explorer ${operation}`,
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
