import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startPipelineRun } from '@cairn/services/pipelines/start-pipeline-run';
import { contextFor, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deploy,
  deploymentReaching,
  simAdmin,
  statusesOf,
  teamThatDeploys,
} from '../jobs/deployment-test-support';
import { startWorkerTestStack, type WorkerTestStack } from '../testing/worker-test-stack';

/** The poller alone, looking every second. */
let polled: WorkerTestStack;
/** Events (duplicated and shuffled by the sim) with the poller's first look a minute away. */
let evented: WorkerTestStack;

const POLLER_FIRST_LOOK_SECONDS = 60;

beforeAll(async () => {
  [polled, evented] = await Promise.all([
    startWorkerTestStack({
      // Endpoints start in 3 s, pipelines run for 3-4 s.
      simTimeScale: 0.1,
      reconcile: { firstPollSeconds: 1, maxPollSeconds: 1, timeLimitSeconds: 300 },
    }),
    startWorkerTestStack({
      simTimeScale: 0.1,
      reconcile: {
        firstPollSeconds: POLLER_FIRST_LOOK_SECONDS,
        maxPollSeconds: POLLER_FIRST_LOOK_SECONDS,
        timeLimitSeconds: 300,
      },
      awsEvents: true,
    }),
  ]);
  await simAdmin(evented, 'POST', '/_sim/events', {
    duplicate: true,
    shuffle: true,
    shuffleWithinSeconds: 2,
  });
});
afterAll(() => Promise.all([polled?.stop(), evented?.stop()]));

const REALTIME = {
  type: 'REALTIME',
  environment: 'STAGING',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
} as const;
const FAILING_IMAGE = '210987654321.dkr.ecr.us-east-1.amazonaws.com/scorer:fail';
const ENDED = ['IN_SERVICE', 'FAILED', 'UPDATE_ROLLBACK_FAILED'];

/** Ids and the names derived from them differ between stacks; what happened must not. */
const withoutIds = (text: string | null) =>
  text
    ?.replace(/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/g, '<id>')
    .replace(/deployment [0-9a-f]{8}\b/g, 'deployment <id>')
    .replace(/[\w.+-]+@test\.example/g, '<engineer>') ?? null;

/** What a user sees of a deployment: its state, its timeline and the worker's audit trail of it. */
async function deploymentRecord(stack: WorkerTestStack, deploymentId: string) {
  const done = await deploymentReaching(stack.t.db, deploymentId, ENDED, 60_000);
  const audited = await stack.t.db.auditEvent.findMany({
    where: { action: 'deployment.recordState', resourceId: deploymentId },
    orderBy: { seq: 'asc' },
  });
  return {
    status: done.status,
    statusReason: withoutIds(done.statusReason),
    timeline: done.events.map((event) => [
      event.status,
      event.awsStatus,
      withoutIds(event.detail),
      event.trafficPercent,
    ]),
    audited: audited.map((event) => [
      (event.before as { status?: string } | null)?.status,
      (event.after as { status: string }).status,
    ]),
    actors: [...new Set(audited.map((event) => event.actorType))],
  };
}

async function pipelineRecord(stack: WorkerTestStack, runId: string) {
  const deadline = Date.now() + 60_000;
  let run = await stack.t.db.pipelineRun.findUniqueOrThrow({ where: { id: runId } });
  while (['STARTING', 'RUNNING'].includes(run.status) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    run = await stack.t.db.pipelineRun.findUniqueOrThrow({ where: { id: runId } });
  }
  const audited = await stack.t.db.auditEvent.findMany({
    where: { action: 'pipeline.recordRun', resourceId: runId },
    orderBy: { seq: 'asc' },
  });
  return {
    status: run.status,
    statusReason: withoutIds(run.statusReason),
    audited: audited.map((event) => (event.after as { status: string }).status),
  };
}

async function pipelineRun(
  stack: WorkerTestStack,
  team: TestTeam,
  kind: 'CODEPIPELINE' | 'SAGEMAKER',
  name: string,
) {
  const pipeline = await stack.t.db.pipeline.create({
    data: { teamId: team.teamId, projectId: team.projectId, kind, awsPipelineName: name },
  });
  const ctx = { ...contextFor(stack.t.db, team.engineer), queue: stack.producer };
  return startPipelineRun(ctx, { teamId: team.teamId, pipelineId: pipeline.id });
}

/** The same things happen in a stack: a new endpoint, a failed update of it, a broken endpoint, two pipeline runs. */
async function scenarios(stack: WorkerTestStack) {
  const { team, version } = await teamThatDeploys(stack.t.db);
  const [v1, v2, broken] = [
    await version(1),
    await version(2, FAILING_IMAGE),
    await version(3, FAILING_IMAGE),
  ];
  const first = await deploy(stack, team, { ...REALTIME, modelVersionId: v1.id });
  const brokenEndpoint = await deploy(stack, team, {
    ...REALTIME,
    environment: 'DEV',
    modelVersionId: broken.id,
  });
  const sageMakerRun = await pipelineRun(stack, team, 'SAGEMAKER', 'cairn-train-card-fraud');
  const codePipelineRun = await pipelineRun(stack, team, 'CODEPIPELINE', 'cairn-release-card-fraud');
  const live = await deploymentRecord(stack, first.id);
  const update = await deploy(stack, team, { ...REALTIME, modelVersionId: v2.id });
  const failedUpdate = await deploymentRecord(stack, update.id);
  return {
    live,
    failedUpdate,
    stillLive: (await stack.t.db.deployment.findUniqueOrThrow({ where: { id: first.id } })).status,
    brokenEndpoint: await deploymentRecord(stack, brokenEndpoint.id),
    sageMakerRun: await pipelineRecord(stack, sageMakerRun.id),
    codePipelineRun: await pipelineRecord(stack, codePipelineRun.id),
    notifications: (await stack.t.db.notification.findMany({ where: { userId: team.engineer.id } }))
      .map((note) => note.title)
      .sort(),
  };
}

describe('AWS events through the queue', () => {
  it('brings a new endpoint into service in seconds, long before the poller’s first look', async () => {
    const { team, version } = await teamThatDeploys(evented.t.db);
    const v1 = await version(1);
    const started = Date.now();
    const deployment = await deploy(evented, team, { ...REALTIME, modelVersionId: v1.id });
    const done = await deploymentReaching(evented.t.db, deployment.id, ENDED, 30_000);
    expect(done.status).toBe('IN_SERVICE');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(statusesOf(done.events)).toEqual(['PENDING', 'CREATING', 'IN_SERVICE']);
  });

  it('leaves the same state, timeline and audit trail as the poller alone, from duplicated and reordered events', async () => {
    const [byPoller, byEvents] = await Promise.all([scenarios(polled), scenarios(evented)]);
    expect(byPoller.live.status).toBe('IN_SERVICE');
    expect(byPoller.failedUpdate.status).toBe('FAILED');
    expect(byPoller.stillLive).toBe('IN_SERVICE');
    expect(byPoller.brokenEndpoint.status).toBe('FAILED');
    expect(byPoller.codePipelineRun.status).toBe('SUCCEEDED');
    expect(byEvents).toEqual(byPoller);
    // Every copy was read and settled; duplicates of a change that was already recorded did nothing.
    expect(evented.events?.outcomes.filter(({ outcome }) => outcome === 'applied').length).toBeGreaterThan(0);
  }, 120_000);

  it('drops an event about an endpoint Cairn does not know, and keeps a malformed one for the dead-letter queue', async () => {
    const sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: evented.sim.url,
      credentials: { accessKeyId: 'AKIATESTSENDER000001', secretAccessKey: 'test' },
    });
    const queueUrl = evented.events!.queueUrl;
    const unknown = {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'SageMaker Endpoint State Change',
      source: 'aws.sagemaker',
      account: '210987654321',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: ['arn:aws:sagemaker:us-east-1:210987654321:endpoint/someone-elses'],
      detail: { EndpointName: 'someone-elses', EndpointStatus: 'IN_SERVICE' },
    };
    const send = async (body: string) =>
      (await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))).MessageId;
    const sent = [await send(JSON.stringify(unknown)), await send('{"detail-type": 42}')];
    // Other tests' shuffled copies may still arrive; only these two messages are looked at.
    const outcomeOf = (messageId: string | undefined) =>
      evented.events!.outcomes.find((settled) => settled.messageId === messageId)?.outcome;
    const deadline = Date.now() + 10_000;
    while (sent.some((messageId) => !outcomeOf(messageId)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(sent.map(outcomeOf)).toEqual(['dropped', 'malformed']);
  });
});
