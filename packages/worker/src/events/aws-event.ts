import { z } from 'zod';

/**
 * The AWS state-change events the worker acts on, as EventBridge delivers them to SQS. Only what
 * names the resource is read: the worker looks the current state up itself, so an event's own
 * status never decides anything and a stale one does no harm.
 */
export type AwsStateEvent =
  | { kind: 'endpoint'; account: string; region: string; endpointName: string; status: string }
  | {
      kind: 'model-package';
      account: string;
      region: string;
      modelPackageArn: string;
      approvalStatus: string;
    }
  | {
      kind: 'sagemaker-pipeline-execution';
      account: string;
      region: string;
      executionArn: string;
      status: string;
    }
  | {
      kind: 'codepipeline-execution';
      account: string;
      region: string;
      pipelineName: string;
      executionId: string;
      state: string;
    };

export type ParsedAwsEvent =
  | { outcome: 'event'; event: AwsStateEvent; id: string; detailType: string }
  /** A well-formed event of a kind the worker has no use for (another rule's, a test's). */
  | { outcome: 'ignored'; id: string; detailType: string }
  | { outcome: 'malformed'; problem: string };

const envelope = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});

const endpointDetail = z.object({ EndpointName: z.string().min(1), EndpointStatus: z.string().min(1) });
const modelPackageDetail = z.object({
  ModelPackageArn: z.string().startsWith('arn:'),
  ModelApprovalStatus: z.string().min(1),
});
const sageMakerPipelineDetail = z.object({
  pipelineExecutionArn: z.string().startsWith('arn:'),
  currentPipelineExecutionStatus: z.string().min(1),
});
const codePipelineDetail = z.object({
  pipeline: z.string().min(1),
  'execution-id': z.string().min(1),
  state: z.string().min(1),
});

type Where = { account: string; region: string };

const READERS: Record<string, (detail: unknown, where: Where) => AwsStateEvent> = {
  'aws.sagemaker/SageMaker Endpoint State Change': (detail, where) => {
    const { EndpointName, EndpointStatus } = endpointDetail.parse(detail);
    return { kind: 'endpoint', ...where, endpointName: EndpointName, status: EndpointStatus };
  },
  'aws.sagemaker/SageMaker Model Package State Change': (detail, where) => {
    const { ModelPackageArn, ModelApprovalStatus } = modelPackageDetail.parse(detail);
    return {
      kind: 'model-package',
      ...where,
      modelPackageArn: ModelPackageArn,
      approvalStatus: ModelApprovalStatus,
    };
  },
  'aws.sagemaker/SageMaker Model Building Pipeline Execution Status Change': (detail, where) => {
    const parsed = sageMakerPipelineDetail.parse(detail);
    return {
      kind: 'sagemaker-pipeline-execution',
      ...where,
      executionArn: parsed.pipelineExecutionArn,
      status: parsed.currentPipelineExecutionStatus,
    };
  },
  'aws.codepipeline/CodePipeline Pipeline Execution State Change': (detail, where) => {
    const parsed = codePipelineDetail.parse(detail);
    return {
      kind: 'codepipeline-execution',
      ...where,
      pipelineName: parsed.pipeline,
      executionId: parsed['execution-id'],
      state: parsed.state,
    };
  },
};

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/** Reads one SQS message body as an EventBridge event. */
export function parseAwsEvent(body: string): ParsedAwsEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { outcome: 'malformed', problem: 'the message body is not JSON' };
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) return { outcome: 'malformed', problem: describeIssues(parsed.error) };
  const { id, source, account, region, detail } = parsed.data;
  const detailType = parsed.data['detail-type'];
  const read = READERS[`${source}/${detailType}`];
  if (!read) return { outcome: 'ignored', id, detailType };
  try {
    return { outcome: 'event', event: read(detail, { account, region }), id, detailType };
  } catch (error) {
    if (error instanceof z.ZodError) return { outcome: 'malformed', problem: describeIssues(error) };
    throw error;
  }
}
