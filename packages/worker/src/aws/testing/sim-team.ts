import { type AwsSim, startAwsSim } from '@cairn/aws-sim/server';
import type { AwsCaller, AwsCallTarget } from '../audited-call';
import { createTeamClients, type TeamClients } from '../team-clients';
import { createTeamCredentialsProvider, type TeamAwsIdentity } from '../team-credentials';

export const TEAM_ROLE_ARN = 'arn:aws:iam::123456789012:role/cairn-team-fraud';
export const EXECUTION_ROLE_ARN = 'arn:aws:iam::123456789012:role/sagemaker-execution';
export const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/fraud:1';

export interface SimTeam {
  sim: AwsSim;
  clients: TeamClients;
  /** Records each call's target, then sends it: what the adapters asked to have audited. */
  call: AwsCaller;
  calls: AwsCallTarget[];
  close(): Promise<void>;
}

/** A fast aws-sim and a team's clients acting as its assumed role, as a job would get them. */
export async function startSimTeam(): Promise<SimTeam> {
  const sim = await startAwsSim({ port: 0, timeScale: 0.002 });
  const provider = createTeamCredentialsProvider({
    stsClientConfig: {
      endpoint: sim.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIATESTWORKER000001', secretAccessKey: 'worker' },
    },
  });
  const team: TeamAwsIdentity = {
    teamId: crypto.randomUUID(),
    roleArn: TEAM_ROLE_ARN,
    externalId: null,
    region: 'eu-west-1',
    sourceIdentity: 'ada@example.com',
    sessionTags: { team: 'fraud' },
  };
  const clients = createTeamClients({ provider, team, endpoint: sim.url, maxAttempts: 1 });
  const calls: AwsCallTarget[] = [];
  const call: AwsCaller = (target, send) => {
    calls.push(target);
    return send();
  };
  return {
    sim,
    clients,
    call,
    calls,
    async close() {
      clients.destroy();
      provider.destroy();
      await sim.close();
    },
  };
}

/** Polls until `isDone` or the deadline. */
export async function waitFor<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
