import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/cairn-team-churn';
let sim: AwsSim;

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function stsClient(credentials: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' }) {
  return new STSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
}

beforeAll(async () => {
  sim = await startAwsSim({ port: 0 });
});
afterAll(() => sim.close());

describe('sts', () => {
  it('answers GetCallerIdentity for base credentials with the default account', async () => {
    const identity = await stsClient().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('000000000000');
    expect(identity.Arn).toBe('arn:aws:iam::000000000000:root');
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('issues credentials whose caller identity is the assumed role', async () => {
    const before = Date.now();
    const assumed = await stsClient().send(
      new AssumeRoleCommand({
        RoleArn: ROLE_ARN,
        RoleSessionName: 'cairn-deploy-42',
        DurationSeconds: 900,
        SourceIdentity: 'ada@example.com',
        Tags: [
          { Key: 'team', Value: 'churn' },
          { Key: 'project', Value: 'p1' },
        ],
      }),
    );
    const credentials = assumed.Credentials!;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SessionToken).toBeTruthy();
    const expiresInMs = credentials.Expiration!.getTime() - before;
    expect(expiresInMs).toBeGreaterThan(899_000);
    expect(expiresInMs).toBeLessThan(905_000);
    expect(assumed.AssumedRoleUser?.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/cairn-team-churn/cairn-deploy-42',
    );
    expect(assumed.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:cairn-deploy-42$/);
    expect(assumed.SourceIdentity).toBe('ada@example.com');

    const identity = await stsClient({
      accessKeyId: credentials.AccessKeyId!,
      secretAccessKey: credentials.SecretAccessKey!,
      sessionToken: credentials.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe(assumed.AssumedRoleUser?.Arn);
  });

  it('rejects a malformed role ARN with a typed ValidationError', async () => {
    const error = await stsClient()
      .send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123:role/x', RoleSessionName: 's1' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'ValidationError',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    expect((error as Error).message).toContain("'roleArn'");
  });

  it('rejects an out-of-range duration and a bad session name in one answer', async () => {
    const error = await stsClient()
      .send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'x', DurationSeconds: 60 }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect((error as Error).message).toMatch(/^2 validation errors detected/);
  });

  it('answers MissingParameter when RoleSessionName is empty', async () => {
    await expect(
      stsClient().send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: '' })),
    ).rejects.toMatchObject({ name: 'MissingParameter' });
  });

  it('demands the external id a registered role requires', async () => {
    const roleArn = 'arn:aws:iam::123456789012:role/cairn-team-fraud';
    const registered = await fetch(`${sim.url}/_sim/roles`, {
      method: 'POST',
      body: JSON.stringify({ roleArn, externalId: 'cairn-fraud-7f3a' }),
    });
    expect(registered.status).toBe(200);
    const assume = (ExternalId?: string) =>
      stsClient().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'worker', ExternalId }));
    await expect(assume()).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    });
    await expect(assume('wrong-id')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume('cairn-fraud-7f3a')).resolves.toMatchObject({ Credentials: expect.any(Object) });
  });

  it('reports its health and services', async () => {
    const response = await fetch(`${sim.url}/_sim/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await response.json()).toEqual({
      ok: true,
      services: ['sts', 'sagemaker', 'codepipeline', 'monitoring', 'application-autoscaling', 'sqs', 'ce'],
    });
  });
});
