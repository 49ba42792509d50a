import { App } from 'aws-cdk-lib';
import { CairnStack } from '../src/cairn-stack';

const app = new App();
// `cdk synth -c imageUri=<registry>/cairn:<tag>`; without it the stack asks for an ImageUri parameter.
const imageUri: unknown = app.node.tryGetContext('imageUri');

new CairnStack(app, 'Cairn', {
  imageUri: typeof imageUri === 'string' && imageUri !== '' ? imageUri : undefined,
  description: 'Cairn MLOps portal: web and worker on ECS Fargate, Postgres on RDS',
});
