import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { recordAwsAccessCheck } from '@cairn/services/aws-access/record-aws-access-check';
import { type JobPayload, verifyTeamAwsAccessJob } from '@cairn/services/jobs/job-contracts';
import type { JobHandler, JobRun } from './job-runner';
import { openTeamAws } from './team-aws';

type Payload = JobPayload<typeof verifyTeamAwsAccessJob>;

/** Assumes the team's role with the requesting user as source identity and asks STS who it is. */
export const verifyTeamAwsAccessHandler: JobHandler<Payload> = {
  contract: verifyTeamAwsAccessJob,

  async run(payload: Payload, run: JobRun) {
    const { db } = run.deps;
    const team = await db.team.findUnique({ where: { id: payload.teamId } });
    // The team was deleted after the request: its checks went with it, nothing left to do.
    if (!team) return { skipped: 'team deleted' };
    const aws = openTeamAws(run.deps, { team, requester: payload, jobId: run.jobId });
    try {
      const identity = await aws.call(
        {
          service: 'sts',
          operation: 'GetCallerIdentity',
          resourceType: 'AwsAccessCheck',
          resourceId: payload.checkId,
        },
        () => aws.clients.sts.send(new GetCallerIdentityCommand({})),
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
      aws.close();
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
