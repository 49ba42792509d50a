import { StartPipelineExecutionCommand as StartCodePipelineCommand } from '@aws-sdk/client-codepipeline';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  StartPipelineExecutionCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, codePipeline, EXECUTION_ROLE_ARN, sageMaker, sqs } from '../testing/sim-clients';
import type { EventBridgeEvent } from './state-events';

let sim: AwsSim;
let queueUrl: string;

beforeAll(async () => {
  // Endpoints start in 0.3 s, pipelines run for 0.4 s.
  sim = await startAwsSim({ port: 0, timeScale: 0.01, eventsQueue: 'cairn-events' });
  queueUrl = (await sqs(sim).send(new GetQueueUrlCommand({ QueueName: 'cairn-events' }))).QueueUrl!;
});
afterEach(() => admin(sim, 'POST', '/_sim/reset'));
afterAll(() => sim.close());

/** Every event that arrives until the queue stays quiet for `quietMs`, deleted as read. */
async function drainEvents(quietMs = 1_500): Promise<EventBridgeEvent[]> {
  const events: EventBridgeEvent[] = [];
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    const { Messages = [] } = await sqs(sim).send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length > 0) quietSince = Date.now();
    for (const message of Messages) {
      events.push(JSON.parse(message.Body!) as EventBridgeEvent);
      await sqs(sim).send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
  }
  return events;
}

async function createEndpoint(name: string) {
  const client = sageMaker(sim);
  await client.send(
    new CreateModelCommand({
      ModelName: name,
      ExecutionRoleArn: EXECUTION_ROLE_ARN,
      PrimaryContainer: { Image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:1' },
    }),
  );
  await client.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: name, InitialInstanceCount: 1, InstanceType: 'ml.m5.large' },
      ],
    }),
  );
  return client.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: name }));
}

describe('state-change events', () => {
  it('announces an endpoint coming into service as EventBridge does, without anyone reading it', async () => {
    const { EndpointArn } = await createEndpoint('churn-live');
    const events = await drainEvents();
    expect(events.map((event) => event.detail.EndpointStatus)).toEqual(['CREATING', 'IN_SERVICE']);
    const inService = events[1]!;
    expect(inService).toMatchObject({
      version: '0',
      id: expect.any(String),
      'detail-type': 'SageMaker Endpoint State Change',
      source: 'aws.sagemaker',
      account: '000000000000',
      region: 'us-east-1',
      resources: [EndpointArn],
      detail: { EndpointName: 'churn-live', EndpointArn, EndpointConfigName: 'churn-live' },
    });
    expect(inService.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(inService.time)).toBeGreaterThanOrEqual(Date.parse(events[0]!.time));
  });

  it('announces model package creation and each approval change', async () => {
    const client = sageMaker(sim);
    await client.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }));
    const { ModelPackageArn } = await client.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: 'churn', ClientToken: 'v1' }),
    );
    await client.send(new UpdateModelPackageCommand({ ModelPackageArn, ModelApprovalStatus: 'Approved' }));
    const events = await drainEvents(800);
    expect(events.map((event) => [event['detail-type'], event.detail.ModelApprovalStatus])).toEqual([
      ['SageMaker Model Package State Change', 'PendingManualApproval'],
      ['SageMaker Model Package State Change', 'Approved'],
    ]);
    expect(events[1]).toMatchObject({
      resources: [ModelPackageArn],
      detail: { ModelPackageArn, ModelPackageGroupName: 'churn', ModelPackageVersion: 1 },
    });
  });

  it('announces pipeline executions of both services from start to end', async () => {
    const { PipelineExecutionArn } = await sageMaker(sim).send(
      new StartPipelineExecutionCommand({
        PipelineName: 'cairn-train-churn',
        ClientRequestToken: 'deployment-0b6f1c2e-7d4a-4a61-9d0e-3f1f7a0c9b11',
      }),
    );
    const { pipelineExecutionId } = await codePipeline(sim).send(
      new StartCodePipelineCommand({ name: 'cairn-deploy-churn' }),
    );
    const events = await drainEvents();
    const sageMakerEvents = events.filter((event) => event.source === 'aws.sagemaker');
    expect(sageMakerEvents.map((event) => event.detail)).toEqual([
      expect.objectContaining({
        pipelineExecutionArn: PipelineExecutionArn,
        currentPipelineExecutionStatus: 'Executing',
      }),
      expect.objectContaining({
        pipelineExecutionArn: PipelineExecutionArn,
        currentPipelineExecutionStatus: 'Succeeded',
        previousPipelineExecutionStatus: 'Executing',
      }),
    ]);
    expect(sageMakerEvents[0]!['detail-type']).toBe(
      'SageMaker Model Building Pipeline Execution Status Change',
    );
    const codePipelineEvents = events.filter((event) => event.source === 'aws.codepipeline');
    expect(codePipelineEvents.map((event) => event.detail)).toEqual([
      expect.objectContaining({
        pipeline: 'cairn-deploy-churn',
        'execution-id': pipelineExecutionId,
        state: 'STARTED',
      }),
      expect.objectContaining({
        pipeline: 'cairn-deploy-churn',
        'execution-id': pipelineExecutionId,
        state: 'SUCCEEDED',
      }),
    ]);
    expect(codePipelineEvents[0]!['detail-type']).toBe('CodePipeline Pipeline Execution State Change');
  });

  it('duplicates and reorders events on request, as at-least-once delivery may', async () => {
    const settings = await admin(sim, 'POST', '/_sim/events', {
      duplicate: true,
      shuffle: true,
      shuffleWithinSeconds: 1,
    });
    expect(settings.body.events).toMatchObject({ duplicate: true, shuffle: true, queueName: 'cairn-events' });
    await createEndpoint('churn-shuffled');
    const events = await drainEvents(2_000);
    expect(events).toHaveLength(4);
    const copiesById = new Map<string, number>();
    for (const event of events) copiesById.set(event.id, (copiesById.get(event.id) ?? 0) + 1);
    expect([...copiesById.values()]).toEqual([2, 2]);
    expect(new Set(events.map((event) => event.detail.EndpointStatus))).toEqual(
      new Set(['CREATING', 'IN_SERVICE']),
    );
    await expect(admin(sim, 'POST', '/_sim/events', { shuffle: 'yes' })).resolves.toMatchObject({
      status: 400,
    });
  });
});
