import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CairnStack } from './cairn-stack';
import { ENVIRONMENTS, type EnvironmentName } from './environments';

export const WEB_IMAGE = 'example.com/cairn-web:test';
export const WORKER_IMAGE = 'example.com/cairn-worker:test';
export const CERTIFICATE_ARN =
  'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

const templates = new Map<EnvironmentName, Template>();

/** The stack's template for one environment, synthesized once per test file. */
export function templateFor(name: EnvironmentName): Template {
  let template = templates.get(name);
  if (!template) {
    const stack = new CairnStack(new App(), `Test-${name}`, {
      environment: ENVIRONMENTS[name],
      env: { account: '111111111111', region: 'eu-west-1' },
      webImage: WEB_IMAGE,
      workerImage: WORKER_IMAGE,
      certificateArn: CERTIFICATE_ARN,
      domainName: 'cairn.example.com',
      orgAdminEmails: 'first-admin@example.com',
    });
    template = Template.fromStack(stack);
    templates.set(name, template);
  }
  return template;
}

interface ContainerDefinition {
  Name: string;
  Image: unknown;
  Command?: string[];
  Environment?: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
  LogConfiguration?: { LogDriver: string; Options: Record<string, unknown> };
}

/** Every container of every task definition in the template, by container name. */
export function containers(template: Template): Map<string, ContainerDefinition> {
  const byName = new Map<string, ContainerDefinition>();
  for (const definition of Object.values(template.findResources('AWS::ECS::TaskDefinition'))) {
    for (const container of definition.Properties.ContainerDefinitions as ContainerDefinition[]) {
      byName.set(container.Name, container);
    }
  }
  return byName;
}

/** The logical id of the one resource of `type` whose id starts with `prefix`. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} starting ${prefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0] as string;
}
