import { App } from 'aws-cdk-lib';
import { CairnStack } from '../src/cairn-stack';
import { CairnTeamRoleStack } from '../src/team-role-stack';

const app = new App();
// `cdk synth -c imageUri=<registry>/cairn:<tag>`; without it the stack asks for an ImageUri parameter.
const imageUri: unknown = app.node.tryGetContext('imageUri');

new CairnStack(app, 'Cairn', {
  imageUri: typeof imageUri === 'string' && imageUri !== '' ? imageUri : undefined,
  description: 'Cairn MLOps portal: web and worker on ECS Fargate, Postgres on RDS',
});

// A team's role, for its own account:
// `cdk synth CairnTeam-<slug> -c team=<slug> -c externalId=<id> -c workerRoleArn=<arn> [-c codePipelines=a,b]`.
const context = (key: string) => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
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
