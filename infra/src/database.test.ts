import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { containers, logicalId, templateFor } from './synthesize-for-test';

describe('the database', () => {
  it('is Postgres 16, encrypted at rest and not publicly accessible', () => {
    const template = templateFor('prod');
    template.resourceCountIs('AWS::RDS::DBInstance', 1);
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^16'),
      PubliclyAccessible: false,
      StorageEncrypted: true,
    });
  });

  it('lives in the isolated subnets, which have no route out', () => {
    const template = templateFor('prod');
    const subnetGroup = Object.values(template.findResources('AWS::RDS::DBSubnetGroup'))[0];
    const subnetIds = subnetGroup?.Properties.SubnetIds.map((ref: { Ref: string }) => ref.Ref);
    expect(subnetIds).toHaveLength(2);
    for (const id of subnetIds) expect(id).toMatch(/^Vpcdata/);
    const routes = template.findResources('AWS::EC2::Route');
    const dataRoutes = Object.values(routes).filter((route) =>
      JSON.stringify(route.Properties.RouteTableId).includes('Vpcdata'),
    );
    expect(dataRoutes).toEqual([]);
  });

  it('admits only the web, worker and migration tasks, by security group, never by address', () => {
    const template = templateFor('prod');
    const databaseGroup = logicalId(template, 'AWS::EC2::SecurityGroup', 'DatabaseSecurityGroup');
    const group = template.findResources('AWS::EC2::SecurityGroup')[databaseGroup];
    expect(group?.Properties.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter(
      (rule) => rule.Properties.GroupId['Fn::GetAtt']?.[0] === databaseGroup,
    );
    const sources = ingress.map((rule) => {
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect(rule.Properties.FromPort).toEqual(rule.Properties.ToPort);
      return rule.Properties.SourceSecurityGroupId['Fn::GetAtt'][0] as string;
    });
    expect(sources.map((source) => source.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual([
      'MigrationSecurityGroup',
      'WebServiceSecurityGroup',
      'WorkerServiceSecurityGroup',
    ]);
  });

  it('is deletion protected and retained in prod, with a month of backups', () => {
    const template = templateFor('prod');
    template.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: true, BackupRetentionPeriod: 30, MultiAZ: true }),
    });
  });

  it('keeps backups in every environment, and lets a dev install be torn down', () => {
    for (const [name, days] of [
      ['dev', 1],
      ['staging', 7],
    ] as const) {
      templateFor(name).hasResource('AWS::RDS::DBInstance', {
        Properties: Match.objectLike({ DeletionProtection: false, BackupRetentionPeriod: days }),
      });
    }
    templateFor('staging').hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Snapshot' });
  });

  it('hands the credentials to every task as secrets, and only host, port and name as plain values', () => {
    for (const container of containers(templateFor('prod')).values()) {
      const secrets = container.Secrets?.map((secret) => secret.Name) ?? [];
      expect(secrets, container.Name).toEqual(expect.arrayContaining(['DB_USER', 'DB_PASSWORD']));
      const plain = container.Environment?.map((variable) => variable.Name) ?? [];
      expect(plain, container.Name).toEqual(expect.arrayContaining(['DB_HOST', 'DB_PORT', 'DB_NAME']));
      expect(container.Command?.[0], container.Name).toContain(
        'DATABASE_URL="postgresql://$DB_USER:$DB_PASSWORD@',
      );
    }
  });
});
