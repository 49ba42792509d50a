import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CairnStack } from './cairn-stack';
import { ENVIRONMENTS, environmentNamed } from './environments';
import { templateFor } from './synthesize-for-test';

describe('CairnStack', () => {
  it('sizes each environment from its config', () => {
    const sizes = (['dev', 'staging', 'prod'] as const).map((name) => {
      const database = Object.values(templateFor(name).findResources('AWS::RDS::DBInstance'))[0];
      return [name, database?.Properties.DBInstanceClass, database?.Properties.MultiAZ];
    });
    expect(sizes).toEqual([
      ['dev', 'db.t4g.micro', false],
      ['staging', 'db.t4g.medium', false],
      ['prod', 'db.m7g.large', true],
    ]);
  });

  it('asks for images, certificate and domain as parameters when they are not given at synth', () => {
    const template = Template.fromStack(
      new CairnStack(new App(), 'Agnostic', { environment: ENVIRONMENTS.dev }),
    );
    expect(
      Object.keys(template.findParameters('*')).filter((name) => !name.startsWith('BootstrapVersion')),
    ).toEqual(['WebImageUri', 'WorkerImageUri', 'CertificateArn', 'DomainName']);
  });

  it('prints what an upgrade needs to run the migration task', () => {
    const outputs = templateFor('prod').findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'ClusterName',
        'MigrationTaskDefinitionArn',
        'MigrationRunTaskNetwork',
        'WorkerRoleArn',
      ]),
    );
  });

  it('reads OIDC settings from an existing secret when one is named', () => {
    const stack = new CairnStack(new App(), 'Oidc', {
      environment: ENVIRONMENTS.dev,
      oidcSecretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:cairn-oidc-AbCdEf',
    });
    const web = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'))
      .flatMap((definition) => definition.Properties.ContainerDefinitions)
      .find((container) => container.Name === 'web');
    const names = web.Secrets.map((secret: { Name: string }) => secret.Name);
    expect(names).toEqual(expect.arrayContaining(['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']));
  });

  it('paused, runs no web or worker task until the migration task has run', () => {
    const template = Template.fromStack(
      new CairnStack(new App(), 'Paused', { environment: ENVIRONMENTS.prod, isPaused: true }),
    );
    const services = Object.values(template.findResources('AWS::ECS::Service'));
    expect(services.map((service) => service.Properties.DesiredCount)).toEqual([0, 0]);
    const targets = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalableTarget'));
    expect(targets.map((target) => target.Properties.MinCapacity)).toEqual([0, 0]);
  });

  it('moves only the migration task to a new image when an upgrade migrates first', () => {
    const template = Template.fromStack(
      new CairnStack(new App(), 'Upgrade', {
        environment: ENVIRONMENTS.prod,
        webImage: 'example.com/cairn-web:1.0',
        workerImage: 'example.com/cairn-worker:1.0',
        migrationImage: 'example.com/cairn-worker:1.1',
      }),
    );
    const images = Object.values(template.findResources('AWS::ECS::TaskDefinition')).flatMap((definition) =>
      definition.Properties.ContainerDefinitions.map((container: { Name: string; Image: string }) => [
        container.Name,
        container.Image,
      ]),
    );
    expect(Object.fromEntries(images)).toEqual({
      web: 'example.com/cairn-web:1.0',
      worker: 'example.com/cairn-worker:1.0',
      migrate: 'example.com/cairn-worker:1.1',
    });
  });
});

describe('environmentNamed', () => {
  it('picks the environment named by -c env, dev by default, and rejects any other name', () => {
    expect(environmentNamed('prod').name).toBe('prod');
    expect(environmentNamed(undefined).name).toBe('dev');
    expect(() => environmentNamed('production')).toThrow(/dev, staging, prod/);
  });
});
