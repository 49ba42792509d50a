import { App } from 'aws-cdk-lib';
import { CairnStack } from '../src/cairn-stack';
import { environmentNamed } from '../src/environments';
import { CairnTeamRoleStack } from '../src/team-role-stack';

const app = new App();
const context = (key: string) => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

// `cdk synth -c env=prod [-c webImage=... -c workerImage=... -c certificateArn=... -c domainName=...]`;
// each value not given becomes a stack parameter. `-c paused=true` scales web and worker to zero
// (first deploy, before migrations); `-c migrationImage=...` moves only the migration task to a new
// image (upgrades run it before the services move; docs/deployment.md). `-c account` and `-c region` pin the stack to
// one account; without them it is environment-agnostic and synthesizes with no credentials.
const environment = environmentNamed(app.node.tryGetContext('env'));
const account = context('account');
const region = context('region');
new CairnStack(app, `Cairn-${environment.name}`, {
  environment,
  ...(account || region ? { env: { account, region } } : {}),
  webImage: context('webImage'),
  workerImage: context('workerImage'),
  migrationImage: context('migrationImage'),
  isPaused: context('paused') === 'true',
  certificateArn: context('certificateArn'),
  domainName: context('domainName'),
  oidcSecretArn: context('oidcSecretArn'),
  orgAdminEmails: context('orgAdminEmails'),
  description: `Cairn MLOps portal (${environment.name}): web and worker on ECS Fargate, Postgres on RDS`,
});

// A team's role, for its own account:
// `cdk synth CairnTeam-<slug> -c team=<slug> -c externalId=<id> -c workerRoleArn=<arn> [-c codePipelines=a,b]`.
const team = context('team');
if (team) {
  const list = (key: string) =>
    context(key)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean) ?? [];
  new CairnTeamRoleStack(app, `CairnTeam-${team}`, {
    description: `Cairn team ${team}: the IAM role Cairn's worker assumes for the team`,
    team: {
      teamSlug: team,
      externalId: context('externalId') ?? '',
      workerRoleArn: context('workerRoleArn') ?? '',
      sageMakerPipelineNames: list('sageMakerPipelines'),
      codePipelineNames: list('codePipelines'),
      imageRepositoryArns: list('imageRepositories'),
      readBuckets: list('readBuckets'),
      writeBuckets: list('writeBuckets'),
    },
  });
}
