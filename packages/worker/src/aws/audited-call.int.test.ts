import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEndpoint,
  createEndpointConfig,
  createModel,
  describeEndpoint,
} from './adapters/sagemaker-endpoints';
import { auditAssumeRole, auditedAwsCall, createAuditedCaller } from './audited-call';
import { createTeamCredentialsProvider } from './team-credentials';
import { EXECUTION_ROLE_ARN, IMAGE, type SimTeam, startSimTeam, TEAM_ROLE_ARN } from './testing/sim-team';

let t: TestDatabase;
let team: SimTeam;
beforeAll(async () => {
  [t, team] = await Promise.all([createTestDatabase(), startSimTeam()]);
});
afterAll(async () => {
  await team.close();
  await t.drop();
});

async function scope() {
  const cairnTeam = await makeTeam(t.db);
  return {
    cairnTeam,
    scope: {
      onBehalfOfUserId: cairnTeam.engineer.id,
      actorLabel: 'worker (deployment.create)',
      teamId: cairnTeam.teamId,
      jobId: crypto.randomUUID(),
    },
  };
}

describe('auditedAwsCall', () => {
  it('audits a successful call with its AWS request id and duration, and returns the output', async () => {
    const { scope: audit } = await scope();
    const output = await auditedAwsCall(
      {
        db: t.db,
        audit: { ...audit, resourceType: 'Deployment', resourceId: 'd-1' },
        service: 'sagemaker',
        operation: 'CreateEndpoint',
      },
      async () => ({ EndpointArn: 'arn:x', $metadata: { requestId: 'aws-req-1' } }),
    );
    expect(output.EndpointArn).toBe('arn:x');
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { teamId: audit.teamId } });
    expect(event).toMatchObject({
      action: 'aws.sagemaker.CreateEndpoint',
      outcome: 'SUCCESS',
      awsRequestId: 'aws-req-1',
      requestId: audit.jobId,
      onBehalfOfUserId: audit.onBehalfOfUserId,
    });
    expect((event.after as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
  });

  it('audits a failed SDK call with the request id from the error, and rethrows that same error', async () => {
    const { scope: audit } = await scope();
    const call = createAuditedCaller(t.db, audit);
    const ctx = { client: team.clients.sagemaker, call };
    const error = await createEndpoint(ctx, {
      deploymentId: crypto.randomUUID(),
      endpointConfigName: 'cairn-epc-does-not-exist',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException' });
    const requestId = (error as { $metadata: { requestId: string } }).$metadata.requestId;

    const [event] = await t.db.auditEvent.findMany({ where: { teamId: audit.teamId } });
    expect(event).toMatchObject({
      action: 'aws.sagemaker.CreateEndpoint',
      outcome: 'FAILED',
      resourceType: 'sagemaker:endpoint',
      awsRequestId: requestId,
    });
    expect(event?.reason).toMatch(/^ValidationException: /);
    // The SDK error carries the signed request ($response); none of it may reach the trail.
    const stored = JSON.stringify({ ...event, seq: String(event?.seq) });
    expect(stored).not.toMatch(/security-token|ASIA[A-Z0-9]{12,}|Signature=/i);
  });

  it('audits every call an adopting retry makes, all under the job id', async () => {
    const { scope: audit } = await scope();
    const ctx = { client: team.clients.sagemaker, call: createAuditedCaller(t.db, audit) };
    const model = await createModel(ctx, {
      modelId: crypto.randomUUID(),
      image: IMAGE,
      executionRoleArn: EXECUTION_ROLE_ARN,
    });
    const config = await createEndpointConfig(ctx, {
      endpointConfigId: crypto.randomUUID(),
      modelName: model.modelName,
      capacity: { kind: 'serverless', memorySizeMb: 1024, maxConcurrency: 2 },
    });
    const input = { deploymentId: crypto.randomUUID(), endpointConfigName: config.endpointConfigName };
    const created = await createEndpoint(ctx, input);
    const adopted = await createEndpoint(ctx, input);
    expect(adopted).toEqual({ ...created, isAdopted: true });

    const events = await t.db.auditEvent.findMany({
      where: { teamId: audit.teamId },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.action, e.outcome, e.resourceId])).toEqual([
      ['aws.sagemaker.CreateModel', 'SUCCESS', model.modelName],
      ['aws.sagemaker.CreateEndpointConfig', 'SUCCESS', config.endpointConfigName],
      ['aws.sagemaker.CreateEndpoint', 'SUCCESS', created.endpointName],
      ['aws.sagemaker.CreateEndpoint', 'FAILED', created.endpointName],
      ['aws.sagemaker.DescribeEndpoint', 'SUCCESS', created.endpointName],
    ]);
    expect(new Set(events.map((e) => e.requestId))).toEqual(new Set([audit.jobId]));
    expect(events.every((e) => e.awsRequestId)).toBe(true);
  });

  it('audits a Describe of a missing endpoint as failed while the adapter answers null', async () => {
    const { scope: audit } = await scope();
    const ctx = { client: team.clients.sagemaker, call: createAuditedCaller(t.db, audit) };
    const endpointName = `cairn-ep-${crypto.randomUUID().replaceAll('-', '')}`;
    await expect(describeEndpoint(ctx, endpointName)).resolves.toBeNull();
    const events = await t.db.auditEvent.findMany({ where: { teamId: audit.teamId } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['aws.sagemaker.DescribeEndpoint', 'FAILED']]);
  });

  it('audits AssumeRole on the role ARN on behalf of the user, without the credentials', async () => {
    const { cairnTeam, scope: audit } = await scope();
    const provider = createTeamCredentialsProvider({
      stsClientConfig: {
        endpoint: team.sim.url,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIATESTWORKER000001', secretAccessKey: 'worker' },
      },
      onAssumeRole: auditAssumeRole(t.db, 'worker'),
    });
    try {
      const credentials = await provider.credentialsFor({
        teamId: cairnTeam.teamId,
        roleArn: TEAM_ROLE_ARN,
        externalId: 'ext-1',
        region: 'eu-west-1',
        sourceIdentity: cairnTeam.engineer.email,
        sessionTags: { team: 'fraud' },
        onBehalfOfUserId: audit.onBehalfOfUserId,
      });
      const [event] = await t.db.auditEvent.findMany({ where: { teamId: cairnTeam.teamId } });
      expect(event).toMatchObject({
        action: 'aws.sts.AssumeRole',
        outcome: 'SUCCESS',
        resourceType: 'iam:role',
        resourceId: TEAM_ROLE_ARN,
        onBehalfOfUserId: cairnTeam.engineer.id,
      });
      expect(event?.awsRequestId).toBeTruthy();
      const stored = JSON.stringify({ ...event, seq: String(event?.seq) });
      expect(stored).not.toContain(credentials.accessKeyId);
      expect(stored).not.toContain(credentials.secretAccessKey);
      expect(stored).not.toContain('ext-1');
    } finally {
      provider.destroy();
    }
  });
});
