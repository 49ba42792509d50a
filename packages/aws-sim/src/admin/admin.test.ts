import {
  CreateModelCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, assumeTeamRole, EXECUTION_ROLE_ARN, sageMaker, TEAM_ROLE_ARN } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.001 });
});
afterEach(() => admin(sim, 'POST', '/_sim/reset'));
afterAll(() => sim.close());

const describeGroup = (client = sageMaker(sim)) =>
  client.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'nope' })).then(
    () => new Error('expected the call to fail') as Error & { $fault?: string },
    (error: Error & { $fault?: string }) => error,
  );

describe('faults', () => {
  it('surfaces ThrottlingException when the SDK may not retry', async () => {
    await admin(sim, 'POST', '/_sim/faults', { service: 'sagemaker', throttlePercent: 100 });
    const error = await describeGroup();
    expect(error).toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
  });

  it('is retried through by the SDK when throttling is partial, reproducibly with a seed', async () => {
    await admin(sim, 'POST', '/_sim/faults', {
      operation: 'CreateModelPackageGroup',
      throttlePercent: 50,
      seed: 7,
    });
    const client = sageMaker(sim, { maxAttempts: 10 });
    const attempts: number[] = [];
    // The SDK backs off ~0.5 s per throttled attempt, so few calls keep this test quick.
    for (const name of ['g1', 'g2']) {
      const result = await client.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name }));
      attempts.push(result.$metadata.attempts ?? 0);
    }
    expect(Math.max(...attempts)).toBeGreaterThan(1);

    // Same seed, same sequence of decisions: the retry pattern repeats exactly.
    await admin(sim, 'POST', '/_sim/reset');
    await admin(sim, 'POST', '/_sim/faults', {
      operation: 'CreateModelPackageGroup',
      throttlePercent: 50,
      seed: 7,
    });
    const again: number[] = [];
    for (const name of ['g1', 'g2']) {
      const result = await client.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name }));
      again.push(result.$metadata.attempts ?? 0);
    }
    expect(again).toEqual(attempts);
  }, 30_000);

  it('answers injected 5xx errors and stops after DELETE /_sim/faults', async () => {
    await admin(sim, 'POST', '/_sim/faults', { errorPercent: 100 });
    const error = await describeGroup();
    expect(['InternalFailure', 'ServiceUnavailable']).toContain(error.name);
    expect(error.$fault).toBe('server');
    await admin(sim, 'DELETE', '/_sim/faults');
    expect((await describeGroup()).name).toBe('ValidationException');
  });

  it('adds latency', async () => {
    await admin(sim, 'POST', '/_sim/faults', { service: 'sagemaker', latencyMs: 150 });
    const started = Date.now();
    await describeGroup();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects a malformed rule naming the field', async () => {
    const answer = await admin(sim, 'POST', '/_sim/faults', { throttlePercent: 130 });
    expect(answer).toEqual({
      status: 400,
      body: { error: 'throttlePercent must be a number from 0 to 100' },
    });
  });
});

describe('credentials', () => {
  it('refuses an unsigned request', async () => {
    const response = await fetch(sim.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.DescribeEndpoint' },
      body: JSON.stringify({ EndpointName: 'x' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('refuses session keys this sim never issued', async () => {
    const client = sageMaker(sim, {
      credentials: { accessKeyId: 'ASIAFORGEDFORGEDFORG', secretAccessKey: 's', sessionToken: 't' },
    });
    expect(await describeGroup(client)).toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('refuses a session whose token does not match its key', async () => {
    const credentials = await assumeTeamRole(sim, 'ada@example.com');
    const client = sageMaker(sim, { credentials: { ...credentials, sessionToken: 'tampered' } });
    expect(await describeGroup(client)).toMatchObject({ name: 'UnrecognizedClientException' });
  });
});

describe('access', () => {
  it('answers ExpiredTokenException once a session has expired', async () => {
    const credentials = await assumeTeamRole(sim, 'ada@example.com');
    const expired = await admin(sim, 'POST', '/_sim/sessions/expire', {
      accessKeyId: credentials.accessKeyId,
    });
    expect(expired.body).toEqual({ expired: 1 });
    expect(await describeGroup(sageMaker(sim, { credentials }))).toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });

  it("answers AccessDeniedException to a denied role's sessions only", async () => {
    await admin(sim, 'POST', '/_sim/faults', {
      service: 'sagemaker',
      operation: 'CreateModel',
      denyRoleArn: TEAM_ROLE_ARN,
    });
    const team = sageMaker(sim, { credentials: await assumeTeamRole(sim, 'ada@example.com') });
    const create = (client: ReturnType<typeof sageMaker>, name: string) =>
      client.send(
        new CreateModelCommand({
          ModelName: name,
          ExecutionRoleArn: EXECUTION_ROLE_ARN,
          PrimaryContainer: { Image: 'i' },
        }),
      );
    await expect(create(team, 'denied')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(
        'assumed-role/cairn-team-churn/cairn-worker is not authorized to perform: sagemaker:CreateModel',
      ),
    });
    await expect(create(sageMaker(sim), 'allowed')).resolves.toMatchObject({ ModelArn: expect.any(String) });
  });

  it('rejects a fault rule with an unknown field', async () => {
    const answer = await admin(sim, 'POST', '/_sim/faults', { throttle: 50 });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^unknown field throttle;/);
  });
});

describe('request log', () => {
  it('lists rejected requests, telling injected faults from errors the caller earned', async () => {
    await admin(sim, 'DELETE', '/_sim/requests');
    await describeGroup();
    await admin(sim, 'POST', '/_sim/faults', { service: 'sagemaker', throttlePercent: 100 });
    await describeGroup();
    await admin(sim, 'DELETE', '/_sim/faults');
    await sageMaker(sim).send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'fine' }));

    const earned = await admin(sim, 'GET', '/_sim/requests?isError=true&isInjected=false');
    expect(earned.body.requests).toEqual([
      expect.objectContaining({
        service: 'sagemaker',
        operation: 'DescribeModelPackageGroup',
        status: 400,
        errorCode: 'ValidationException',
        errorMessage: 'ModelPackageGroup nope does not exist.',
        isInjected: false,
        accessKeyId: 'AKIATESTBASEKEY00001',
      }),
    ]);
    const injected = await admin(sim, 'GET', '/_sim/requests?isInjected=true');
    expect(injected.body.requests).toEqual([expect.objectContaining({ errorCode: 'ThrottlingException' })]);
    const all = await admin(sim, 'GET', '/_sim/requests?service=sagemaker');
    expect((all.body.requests as unknown[]).length).toBe(3);
  });
});

describe('resources', () => {
  it('lists each resource with the assumed role and source identity that created it', async () => {
    const credentials = await assumeTeamRole(sim, 'ada@example.com');
    const team = sageMaker(sim, { credentials });
    await team.send(
      new CreateModelCommand({
        ModelName: 'churn-7',
        ExecutionRoleArn: EXECUTION_ROLE_ARN,
        PrimaryContainer: { Image: 'i' },
      }),
    );
    await sageMaker(sim).send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'other' }));

    const { status, body } = await admin(sim, 'GET', '/_sim/resources?type=model');
    expect(status).toBe(200);
    expect(body.resources).toEqual([
      {
        type: 'model',
        name: 'churn-7',
        arn: 'arn:aws:sagemaker:us-east-1:123456789012:model/churn-7',
        status: 'Created',
        createdAt: expect.any(String),
        createdBy: {
          accessKeyId: credentials.accessKeyId,
          accountId: '123456789012',
          roleArn: TEAM_ROLE_ARN,
          assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/cairn-team-churn/cairn-worker',
          sourceIdentity: 'ada@example.com',
        },
      },
    ]);
    const all = await admin(sim, 'GET', '/_sim/resources');
    expect((all.body.resources as { type: string }[]).map((resource) => resource.type).sort()).toEqual([
      'model',
      'model-package-group',
    ]);
  });

  it('empties on reset', async () => {
    await sageMaker(sim).send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'gone' }));
    await admin(sim, 'POST', '/_sim/reset');
    expect((await admin(sim, 'GET', '/_sim/resources')).body).toEqual({ resources: [] });
  });
});

describe('clock', () => {
  it('advances through the admin API and refuses a bad amount', async () => {
    const before = Date.parse(((await admin(sim, 'GET', '/_sim/clock')).body as { now: string }).now);
    const { body } = await admin(sim, 'POST', '/_sim/clock', { advanceSeconds: 600 });
    expect(Date.parse((body as { now: string }).now) - before).toBeGreaterThanOrEqual(600_000);
    const refused = await admin(sim, 'POST', '/_sim/clock', { advanceSeconds: -5 });
    expect(refused).toEqual({
      status: 400,
      body: { error: 'advanceSeconds must be a number from 0 to 86400' },
    });
  });
});
