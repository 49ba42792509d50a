import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { recordAwsAccessCheck } from '@cairn/services/aws-access/record-aws-access-check';
import { type JobPayload, verifyTeamAwsAccessJob } from '@cairn/services/jobs/job-contracts';
import { createAuditedCaller } from '../aws/audited-call';
import { createTeamClients } from '../aws/team-clients';
import type { JobHandler, JobRun } from './job-runner';

type Payload = JobPayload<typeof verifyTeamAwsAccessJob>;

/** Assumes the team's role with the requesting user as source identity and asks STS who it is. */
export const verifyTeamAwsAccessHandler: JobHandler<Payload> = {
  contract: verifyTeamAwsAccessJob,

  async run(payload: Payload, run: JobRun) {
    const { db, credentials, awsEndpoint } = run.deps;
    const team = await db.team.findUnique({ where: { id: payload.teamId } });
    // The team was deleted after the request: its checks went with it, nothing left to do.
    if (!team) return { skipped: 'team deleted' };
    const clients = createTeamClients({
      provider: credentials,
      team: {
        teamId: team.id,
        roleArn: team.iamRoleArn,
        externalId: team.iamExternalId,
        region: team.awsRegion,
        sourceIdentity: payload.requestedByLabel,
        onBehalfOfUserId: payload.requestedByUserId,
        sessionTags: { team: team.slug },
      },
      endpoint: awsEndpoint,
    });
    try {
      const callAws = createAuditedCaller(db, {
        onBehalfOfUserId: payload.requestedByUserId,
        actorLabel: 'cairn-worker',
        teamId: team.id,
        jobId: run.jobId,
      });
      const identity = await callAws(
        {
          service: 'sts',
          operation: 'GetCallerIdentity',
          resourceType: 'AwsAccessCheck',
          resourceId: payload.checkId,
        },
        () => clients.sts.send(new GetCallerIdentityCommand({})),
      );
      await recordAwsAccessCheck(db, {
        checkId: payload.checkId,
        jobId: run.jobId,
        onBehalfOfUserId: payload.requestedByUserId,
        result: {
          status: 'SUCCEEDED',
          assumedArn: identity.Arn ?? 'unknown',
          account: identity.Account ?? 'unknown',
          awsRequestId: identity.$metadata.requestId ?? null,
        },
      });
      return { assumedArn: identity.Arn };
    } finally {
      clients.destroy();
    }
  },

  async giveUp(payload, run, failure) {
    await recordAwsAccessCheck(run.deps.db, {
      checkId: payload.checkId,
      jobId: run.jobId,
      onBehalfOfUserId: payload.requestedByUserId,
      result: {
        status: 'FAILED',
        errorCode: failure.code,
        errorMessage: failure.message,
        awsRequestId: failure.awsRequestId ?? null,
      },
    });
  },
};
