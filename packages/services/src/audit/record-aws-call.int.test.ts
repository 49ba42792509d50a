import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeam } from '../testing/fixtures';
import { recordAwsCall } from './record-aws-call';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('recordAwsCall', () => {
  it('records a successful call on behalf of the user with its AWS request id and duration', async () => {
    const team = await makeTeam(t.db);
    const jobId = crypto.randomUUID();
    const deploymentId = crypto.randomUUID();
    await recordAwsCall(t.db, {
      onBehalfOfUserId: team.engineer.id,
      actorLabel: 'worker (deployment.create)',
      teamId: team.teamId,
      service: 'sagemaker',
      operation: 'CreateEndpoint',
      resourceType: 'Deployment',
      resourceId: deploymentId,
      outcome: 'SUCCESS',
      awsRequestId: 'aws-req-7d1c',
      durationMs: 41.6,
      jobId,
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { teamId: team.teamId, action: 'aws.sagemaker.CreateEndpoint' },
    });
    expect(event).toMatchObject({
      actorType: 'WORKER',
      actorLabel: 'worker (deployment.create)',
      onBehalfOfUserId: team.engineer.id,
      resourceType: 'Deployment',
      resourceId: deploymentId,
      outcome: 'SUCCESS',
      reason: null,
      awsRequestId: 'aws-req-7d1c',
      requestId: jobId,
      ip: null,
    });
    expect(event.after).toEqual({
      service: 'sagemaker',
      operation: 'CreateEndpoint',
      durationMs: 42,
      jobId,
      errorCode: null,
    });
  });

  it('records a failure with the AWS error and no credentials in it', async () => {
    const team = await makeTeam(t.db);
    await recordAwsCall(t.db, {
      onBehalfOfUserId: null,
      actorLabel: 'worker (reconciler)',
      teamId: team.teamId,
      service: 'codepipeline',
      operation: 'StartPipelineExecution',
      resourceType: 'Pipeline',
      resourceId: 'release-fraud',
      outcome: 'FAILED',
      awsRequestId: 'aws-req-9f00',
      durationMs: 12,
      errorCode: 'AccessDeniedException',
      errorMessage:
        'User: arn:aws:sts::123456789012:assumed-role/cairn/x with key ASIAQ3EGXAMPLE7KEY12 is not authorized',
    });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { teamId: team.teamId, action: 'aws.codepipeline.StartPipelineExecution' },
    });
    expect(event.outcome).toBe('FAILED');
    expect(event.awsRequestId).toBe('aws-req-9f00');
    expect(event.onBehalfOfUserId).toBeNull();
    expect(event.reason).toMatch(/^AccessDeniedException: User: arn:aws:sts::123456789012/);
    expect(event.after).toMatchObject({ errorCode: 'AccessDeniedException', jobId: null });
    const stored = JSON.stringify({ ...event, seq: event.seq.toString() });
    expect(stored).not.toContain('ASIAQ3EGXAMPLE7KEY12');
    expect(stored).not.toMatch(/secretAccessKey|sessionToken|credentials/i);
  });
});
