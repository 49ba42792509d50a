import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { type AwsSim, startAwsSim } from '@cairn/aws-sim/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTeamClients } from './team-clients';
import {
  type AssumeRoleOutcome,
  createTeamCredentialsProvider,
  roleSessionName,
  type TeamAwsIdentity,
  type TeamCredentialsProvider,
  type TeamCredentialsProviderOptions,
  TeamRoleNotConfiguredError,
} from './team-credentials';
import { type RecordingProxy, startRecordingProxy } from './testing/recording-proxy';

let sim: AwsSim;
let proxy: RecordingProxy;
const providers: TeamCredentialsProvider[] = [];

beforeAll(async () => {
  sim = await startAwsSim({ port: 0 });
  proxy = await startRecordingProxy(sim.url);
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy();
});

function team(overrides: Partial<TeamAwsIdentity> = {}): TeamAwsIdentity {
  const teamId = crypto.randomUUID();
  return {
    teamId,
    roleArn: `arn:aws:iam::123456789012:role/cairn-team-${teamId.slice(0, 8)}`,
    externalId: null,
    region: 'eu-west-1',
    sourceIdentity: 'ada@example.com',
    sessionTags: { team: 'fraud', project: 'scoring' },
    ...overrides,
  };
}

function provider(
  options: Pick<TeamCredentialsProviderOptions, 'now' | 'refreshBeforeMs' | 'onAssumeRole'> = {},
) {
  const created = createTeamCredentialsProvider({
    stsClientConfig: {
      endpoint: proxy.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'worker', secretAccessKey: 'worker' },
    },
    ...options,
  });
  providers.push(created);
  return created;
}

const assumeRoleCalls = (roleArn: string) =>
  proxy.requests.filter((r) => r.operation === 'AssumeRole' && r.params.RoleArn === roleArn);

describe('createTeamCredentialsProvider', () => {
  it("makes the team's clients act as the team's role, not the worker", async () => {
    const identity = team();
    const clients = createTeamClients({ provider: provider(), team: identity, endpoint: sim.url });
    try {
      const caller = await clients.sts.send(new GetCallerIdentityCommand({}));
      const roleName = identity.roleArn!.split('/').pop();
      expect(caller.Arn).toBe(
        `arn:aws:sts::123456789012:assumed-role/${roleName}/${roleSessionName('ada@example.com')}`,
      );
      expect(await clients.sagemaker.config.region()).toBe('eu-west-1');
    } finally {
      clients.destroy();
    }
  });

  it('passes the external id, the user as SourceIdentity and the team and project tags', async () => {
    const identity = team({ externalId: 'cairn-7f3a', sourceIdentity: 'grace.hopper+ml@example.com' });
    await provider().credentialsFor(identity);
    const [call] = assumeRoleCalls(identity.roleArn!);
    expect(call?.params).toMatchObject({
      ExternalId: 'cairn-7f3a',
      SourceIdentity: 'grace.hopper+ml@example.com',
      RoleSessionName: 'cairn-grace.hopper+ml@example.com',
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': 'fraud',
      'Tags.member.2.Key': 'project',
      'Tags.member.2.Value': 'scoring',
    });
  });

  it('omits ExternalId when the team has none and sanitizes what STS would reject', async () => {
    const identity = team({ sourceIdentity: 'o’brien@例え.jp', sessionTags: { team: 'fraud' } });
    const credentials = await provider().credentialsFor(identity);
    expect(credentials.sessionToken).toBeTruthy();
    const [call] = assumeRoleCalls(identity.roleArn!);
    expect(call?.params.ExternalId).toBeUndefined();
    expect(call?.params.SourceIdentity).toBe('o-brien@--.jp');
    expect(call?.params['Tags.member.2.Key']).toBeUndefined();
  });

  it('assumes the role once for two calls and again once the cache window has passed', async () => {
    let clock = Date.now();
    const credentials = provider({ now: () => clock, refreshBeforeMs: 5 * 60_000 });
    const identity = team();
    const first = await credentials.credentialsFor(identity);
    const second = await credentials.credentialsFor(identity);
    expect(second.accessKeyId).toBe(first.accessKeyId);
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(1);

    // The sim issues one-hour sessions: 54 minutes in is still inside the window, 56 is not.
    clock += 54 * 60_000;
    expect((await credentials.credentialsFor(identity)).accessKeyId).toBe(first.accessKeyId);
    clock += 2 * 60_000;
    const refreshed = await credentials.credentialsFor(identity);
    expect(refreshed.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(2);
  });

  it('shares one AssumeRole between concurrent requests and keeps users apart', async () => {
    const credentials = provider();
    const identity = team();
    const results = await Promise.all(Array.from({ length: 5 }, () => credentials.credentialsFor(identity)));
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(1);

    const other = await credentials.credentialsFor({ ...identity, sourceIdentity: 'bob@example.com' });
    expect(other.accessKeyId).not.toBe(results[0]?.accessKeyId);
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(2);
  });

  it('reports each AssumeRole it makes (not cached answers) for the audit trail, failures too', async () => {
    const outcomes: AssumeRoleOutcome[] = [];
    const credentials = provider({ onAssumeRole: (outcome) => void outcomes.push(outcome) });
    const identity = team();
    await credentials.credentialsFor(identity);
    await credentials.credentialsFor(identity);
    const bad = team({ roleArn: `arn:aws:iam::12345:role/not-an-account-${crypto.randomUUID()}` });
    await expect(credentials.credentialsFor(bad)).rejects.toThrow();
    expect(outcomes.map((o) => [o.roleArn, o.outcome])).toEqual([
      [identity.roleArn, 'SUCCESS'],
      [bad.roleArn, 'FAILED'],
    ]);
    expect(outcomes.every((o) => o.awsRequestId && o.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(outcomes[0])).not.toMatch(/secret|sessionToken|ASIA/i);
  });

  it('assumes the role again after AWS rejects the cached session, for the next set of clients', async () => {
    const credentials = provider();
    const identity = team();
    const first = createTeamClients({
      provider: credentials,
      team: identity,
      endpoint: sim.url,
      maxAttempts: 1,
    });
    await first.sts.send(new GetCallerIdentityCommand({}));
    await fetch(`${sim.url}/_sim/sessions/expire`, { method: 'POST', body: '{}' });
    await expect(first.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
    first.destroy();

    const next = createTeamClients({
      provider: credentials,
      team: identity,
      endpoint: sim.url,
      maxAttempts: 1,
    });
    try {
      await expect(next.sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
        Account: '123456789012',
      });
    } finally {
      next.destroy();
    }
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(2);
  });

  it('makes team and project names acceptable as session tag values', async () => {
    const identity = team({ sessionTags: { team: 'Fraud & Risk', project: 'scoring (v2)' } });
    await provider().credentialsFor(identity);
    const [call] = assumeRoleCalls(identity.roleArn!);
    expect(call?.params['Tags.member.1.Value']).toBe('Fraud - Risk');
    expect(call?.params['Tags.member.2.Value']).toBe('scoring -v2-');
  });

  it('does not cache a failed AssumeRole', async () => {
    const credentials = provider();
    const identity = team({ roleArn: `arn:aws:iam::12345:role/not-an-account-${crypto.randomUUID()}` });
    await expect(credentials.credentialsFor(identity)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(credentials.credentialsFor(identity)).rejects.toMatchObject({ name: 'ValidationError' });
    expect(assumeRoleCalls(identity.roleArn!)).toHaveLength(2);
  });

  it('refuses a team without a role instead of using the worker credentials', async () => {
    const identity = team({ roleArn: null });
    const before = proxy.requests.length;
    const error = await provider()
      .credentialsFor(identity)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamRoleNotConfiguredError);
    expect((error as Error).message).toContain(identity.teamId);
    expect((error as Error).message).toMatch(/admin must set the IAM role ARN in the team settings/);

    const clients = createTeamClients({ provider: provider(), team: identity, endpoint: proxy.url });
    try {
      await expect(clients.sts.send(new GetCallerIdentityCommand({}))).rejects.toBeInstanceOf(
        TeamRoleNotConfiguredError,
      );
    } finally {
      clients.destroy();
    }
    expect(proxy.requests.length).toBe(before);
  });
});
