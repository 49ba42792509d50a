import type { PolicyDocument } from './policy-document';

/** Shown in place of the worker's role when the install has not configured it. */
export const WORKER_ROLE_PLACEHOLDER = 'arn:aws:iam::<cairn-account-id>:role/<cairn-worker-role>';
/** Shown in place of the external id until a team admin sets one. */
export const EXTERNAL_ID_PLACEHOLDER = '<set-an-external-id-in-team-settings>';

export interface TeamTrustInput {
  /** The role Cairn's worker runs as (CAIRN_WORKER_ROLE_ARN). */
  workerRoleArn: string;
  externalId: string;
  /** The session tag `team` the worker sets: its value may only be this team's. */
  teamTag: string;
  /** The account the role lives in: SageMaker may assume it only for that account's resources. */
  accountId: string;
}

/**
 * The trust policy of a team's role: Cairn's worker may assume it only with the team's external
 * id, naming the requesting user as source identity and tagging the session with this team; and
 * SageMaker may assume it to run the team's models (the worker passes the same role to CreateModel).
 */
export function teamTrustPolicy(input: TeamTrustInput): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CairnWorkerActsForTheTeam',
        Effect: 'Allow',
        Principal: { AWS: input.workerRoleArn },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: {
          StringEquals: { 'sts:ExternalId': input.externalId, 'aws:RequestTag/team': input.teamTag },
          // Every session names who asked, so CloudTrail attributes each call to a person.
          StringLike: { 'sts:SourceIdentity': '*' },
        },
      },
      {
        Sid: 'SageMakerRunsTheTeamsModels',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': input.accountId } },
      },
    ],
  };
}
