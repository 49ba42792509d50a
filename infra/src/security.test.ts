import { describe, expect, it } from 'vitest';
import { containers, logicalId, templateFor } from './synthesize-for-test';

const template = templateFor('prod');

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function allowStatements(): { policy: string; statement: Statement }[] {
  return Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policy, resource]) =>
    (resource.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => statement.Effect === 'Allow')
      .map((statement) => ({ policy, statement })),
  );
}

// Actions with no resource-level permissions, where AWS accepts only `*` as the resource.
const RESOURCE_WILDCARD_ALLOWED = new Set(['cloudwatch:PutMetricData']);
// Plain environment variable names that look sensitive but are not.
const PUBLIC_VALUES = new Set(['AUDIT_VERIFY_PUBLIC_KEY']);

describe('least privilege', () => {
  it('grants no wildcard actions in any IAM policy of the stack', () => {
    const wildcards = allowStatements().flatMap(({ policy, statement }) =>
      [statement.Action]
        .flat()
        .filter((action) => action.includes('*'))
        .map((action) => `${policy}: ${action}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('uses a `*` resource only for actions AWS cannot scope, and then under a condition', () => {
    const unscoped = allowStatements().filter(({ statement }) => [statement.Resource].flat().includes('*'));
    for (const { policy, statement } of unscoped) {
      for (const action of [statement.Action].flat()) {
        expect(RESOURCE_WILDCARD_ALLOWED.has(action), `${policy}: ${action} on *`).toBe(true);
      }
      expect(statement.Condition, policy).toBeDefined();
    }
  });

  it('gives the web task role no permissions at all: only the worker calls AWS', () => {
    const webRole = logicalId(template, 'AWS::IAM::Role', 'WebTaskDefTaskRole');
    const attached = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === webRole),
    );
    expect(attached).toEqual([]);
  });
});

describe('secrets', () => {
  it('never appear as plain environment: each sensitive value is a Secrets Manager reference', () => {
    for (const container of containers(template).values()) {
      const sensitive = (container.Environment ?? [])
        .map((variable) => variable.Name)
        .filter((name) => /SECRET|PASSWORD|PRIVATE|TOKEN|_KEY$/.test(name) && !PUBLIC_VALUES.has(name));
      expect(sensitive, container.Name).toEqual([]);
    }
    const web = containers(template).get('web');
    expect(web?.Secrets?.map((secret) => secret.Name).sort()).toEqual([
      'DB_PASSWORD',
      'DB_USER',
      'NEXTAUTH_SECRET',
    ]);
  });

  it('give the audit signing key to the worker alone, and the web app only its public half', () => {
    const byContainer = containers(template);
    const holders = [...byContainer.values()]
      .filter((container) => container.Secrets?.some((secret) => secret.Name === 'AUDIT_SIGNING_KEY'))
      .map((container) => container.Name);
    expect(holders).toEqual(['worker']);
    const signingSecret = logicalId(template, 'AWS::SecretsManager::Secret', 'AuditSigningKeySecret');
    const workerSecret = byContainer
      .get('worker')
      ?.Secrets?.find((secret) => secret.Name === 'AUDIT_SIGNING_KEY');
    expect(workerSecret?.ValueFrom).toEqual({ Ref: signingSecret });
    expect(byContainer.get('web')?.Environment).toContainEqual({
      Name: 'AUDIT_VERIFY_PUBLIC_KEY',
      Value: { 'Fn::GetAtt': [expect.stringMatching(/^AuditSigningKeyGenerated/), 'PublicKey'] },
    });
  });

  it('keep the audit signing key under a customer-managed KMS key with rotation, kept in prod', () => {
    const key = logicalId(template, 'AWS::KMS::Key', 'AuditSigningKeyEncryptionKey');
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: { EnableKeyRotation: true },
    });
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } },
    });
  });

  it('let only the worker execution role and the key generator use the KMS key, beside the account', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statements: { Principal: { AWS: unknown } }[] = key?.Properties.KeyPolicy.Statement ?? [];
    expect(statements.length).toBeGreaterThan(1);
    const principals = statements
      .map((statement) => JSON.stringify(statement.Principal.AWS))
      .filter((principal) => !principal.includes(':root'));
    expect(
      new Set(
        principals.map((principal) => JSON.parse(principal)['Fn::GetAtt'][0].replace(/[A-F0-9]{8}$/, '')),
      ),
    ).toEqual(new Set(['WorkerTaskExecutionRole', 'AuditSigningKeyGenerateKeyServiceRole']));
  });
});

describe('logs', () => {
  it('every log group has a retention period', () => {
    const groups = Object.entries(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBe(365);
  });

  it('every container logs to one of those groups', () => {
    const groups = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    for (const container of containers(template).values()) {
      expect(container.LogConfiguration?.LogDriver).toBe('awslogs');
      const group = container.LogConfiguration?.Options['awslogs-group'] as { Ref: string };
      expect(groups, container.Name).toContain(group.Ref);
    }
  });

  it('the database publishes its Postgres log into a group with retention', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnableCloudwatchLogsExports: ['postgresql'] });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/rds/instance/cairn-prod/postgresql',
      RetentionInDays: 365,
    });
  });
});
