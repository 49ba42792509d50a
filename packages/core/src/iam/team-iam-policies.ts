import { iamRoleArnSchema } from '../schemas/team';
import type { PolicyDocument } from './policy-document';
import { ecrRepositoryArn, s3Bucket, teamPermissionsPolicy } from './team-permissions-policy';
import { EXTERNAL_ID_PLACEHOLDER, teamTrustPolicy, WORKER_ROLE_PLACEHOLDER } from './team-trust-policy';

/** What Cairn knows about a team that decides its role's policies. */
export interface TeamIamFacts {
  teamSlug: string;
  iamRoleArn: string | null;
  iamExternalId: string | null;
  /** The team's region and each environment's. */
  regions: string[];
  roleArnOverrides: string[];
  sageMakerPipelineNames: string[];
  codePipelineNames: string[];
  imageUris: string[];
  readS3Uris: string[];
  writeS3Uris: string[];
  workerRoleArn: string | null;
}

export interface TeamIamPolicies {
  trustPolicy: PolicyDocument;
  permissionsPolicy: PolicyDocument;
  /** What the admin must fill in before the policies can be used as they are. */
  missing: Array<'workerRoleArn' | 'iamExternalId' | 'iamRoleArn'>;
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\//;
const ACCOUNT_PLACEHOLDER = '<team-account-id>';
const present = (values: Array<string | null>) => values.filter((value): value is string => value !== null);

/** The trust and permissions policies a team's role needs, from what Cairn knows about the team. */
export function teamIamPolicies(facts: TeamIamFacts): TeamIamPolicies {
  const role = facts.iamRoleArn ? ROLE_ARN.exec(facts.iamRoleArn) : null;
  const partition = role?.[1] ?? 'aws';
  const accountId = role?.[2] ?? ACCOUNT_PLACEHOLDER;
  const regions = [...new Set(facts.regions)];
  const workerRoleArn =
    facts.workerRoleArn && iamRoleArnSchema.safeParse(facts.workerRoleArn).success
      ? facts.workerRoleArn
      : null;
  const missing: TeamIamPolicies['missing'] = [];
  if (!workerRoleArn) missing.push('workerRoleArn');
  if (!facts.iamExternalId) missing.push('iamExternalId');
  if (!facts.iamRoleArn) missing.push('iamRoleArn');
  return {
    trustPolicy: teamTrustPolicy({
      workerRoleArn: workerRoleArn ?? WORKER_ROLE_PLACEHOLDER,
      externalId: facts.iamExternalId ?? EXTERNAL_ID_PLACEHOLDER,
      teamTag: facts.teamSlug,
      accountId,
    }),
    permissionsPolicy: teamPermissionsPolicy({
      partition,
      accountId,
      region: regions.length === 1 && regions[0] ? regions[0] : '*',
      teamTag: facts.teamSlug,
      executionRoleArns: present([facts.iamRoleArn, ...facts.roleArnOverrides]),
      sageMakerPipelineNames: facts.sageMakerPipelineNames,
      codePipelineNames: facts.codePipelineNames,
      imageRepositoryArns: present(facts.imageUris.map((uri) => ecrRepositoryArn(uri, partition))),
      readBuckets: present(facts.readS3Uris.map(s3Bucket)),
      writeBuckets: present(facts.writeS3Uris.map(s3Bucket)),
    }),
    missing,
  };
}
