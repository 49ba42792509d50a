import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { STSClient } from '@aws-sdk/client-sts';
import type { TeamAwsIdentity, TeamCredentialsProvider } from './team-credentials';

export interface TeamClientsOptions {
  provider: TeamCredentialsProvider;
  team: TeamAwsIdentity;
  /** aws-sim, LocalStack or moto; unset means the real AWS endpoints. From the worker's env. */
  endpoint?: string | null;
  /** Overrides the team's region (an environment may live in another one). */
  region?: string;
  maxAttempts?: number;
}

export interface TeamClients {
  sts: STSClient;
  sagemaker: SageMakerClient;
  codepipeline: CodePipelineClient;
  cloudwatch: CloudWatchClient;
  destroy(): void;
}

/** SDK clients that act as the team's assumed role, for one job. */
export function createTeamClients(options: TeamClientsOptions): TeamClients {
  const { provider, team } = options;
  const config = {
    region: options.region ?? team.region,
    // A function, not a value: the SDK calls it again when the session nears expiry.
    credentials: () => provider.credentialsFor(team),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  const clients = {
    sts: new STSClient(config),
    sagemaker: new SageMakerClient(config),
    codepipeline: new CodePipelineClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
