import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
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
  autoscaling: ApplicationAutoScalingClient;
  /** Cost Explorer answers in us-east-1 only, whatever the team's region. */
  costExplorer: CostExplorerClient;
  destroy(): void;
}

const COST_EXPLORER_REGION = 'us-east-1';

// AWS no longer accepts the cached session (expired early, or the endpoint restarted and forgot it).
const REJECTED_SESSION = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

function isRejectedSession(error: unknown): boolean {
  return REJECTED_SESSION.has(String((error as { name?: unknown } | null)?.name));
}

/**
 * SDK clients that act as the team's assumed role, for one job. A session AWS rejects is dropped
 * from the provider's cache, so the next job's clients assume the role again.
 */
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
    autoscaling: new ApplicationAutoScalingClient(config),
    costExplorer: new CostExplorerClient({ ...config, region: COST_EXPLORER_REGION }),
  };
  const forgetRejectedSession =
    <A, R>(next: (args: A) => Promise<R>) =>
    async (args: A): Promise<R> => {
      try {
        return await next(args);
      } catch (error) {
        if (isRejectedSession(error)) provider.invalidate(team);
        throw error;
      }
    };
  const step = { step: 'initialize', name: 'cairnForgetRejectedSession' } as const;
  clients.sts.middlewareStack.add(forgetRejectedSession, step);
  clients.sagemaker.middlewareStack.add(forgetRejectedSession, step);
  clients.codepipeline.middlewareStack.add(forgetRejectedSession, step);
  clients.cloudwatch.middlewareStack.add(forgetRejectedSession, step);
  clients.autoscaling.middlewareStack.add(forgetRejectedSession, step);
  clients.costExplorer.middlewareStack.add(forgetRejectedSession, step);
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
