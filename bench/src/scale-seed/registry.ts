import { awsResourceName } from '@cairn/core/aws-names';
import type pg from 'pg';
import { insertRows } from './insert-rows';
import { runExperimentIndexes, type ScaleSpec, scaleId, teamOfProject } from './layout';
import type { Organisation } from './organisation';

const REGISTERED_AT = Date.UTC(2026, 0, 10);
const FRAMEWORKS = ['XGBOOST', 'PYTORCH', 'SKLEARN', 'TENSORFLOW'];

export interface Registry {
  /** The version each project deploys: its newest approved one. */
  deployedVersionIds: string[];
}

const versionStatus = (p: number, v: number, versions: number) => {
  // The second-newest version is always approved, so every project has one to deploy.
  if (v === Math.max(1, versions - 1)) return 'APPROVED';
  const draw = (p * 7 + v * 3) % 10;
  if (v === versions) return draw < 3 ? 'PENDING_MANUAL_APPROVAL' : 'APPROVED';
  return draw < 2 ? 'REJECTED' : 'APPROVED';
};

/**
 * One model group per project with `versionsPerGroup` versions, version v registered from the
 * project's v-th run (lineage), with the run's latest metrics captured as registration does.
 */
export async function seedRegistry(
  client: pg.Client,
  spec: ScaleSpec,
  organisation: Organisation,
): Promise<Registry> {
  const { seed } = spec;
  // Only a finished run can be registered.
  const finished = new Set(
    (await client.query<{ id: string }>(`SELECT id FROM "Run" WHERE status = 'FINISHED'`)).rows.map(
      (row) => row.id,
    ),
  );
  const runsOfProject = new Map<number, number[]>();
  for (const [r, e] of runExperimentIndexes(spec).entries()) {
    if (!finished.has(scaleId(seed, 'run', r))) continue;
    const p = Math.floor(e / spec.experimentsPerProject);
    const runs = runsOfProject.get(p) ?? [];
    if (runs.length < spec.versionsPerGroup) runs.push(r);
    runsOfProject.set(p, runs);
  }
  const groups: unknown[][] = [];
  const versions: unknown[][] = [];
  const deployedVersionIds: string[] = [];
  for (const [p, projectId] of organisation.projectIds.entries()) {
    const teamId = organisation.teamIds[teamOfProject(spec, p)];
    const groupId = scaleId(seed, 'model-group', p);
    const runs = runsOfProject.get(p) ?? [];
    const groupName = `model-${p}`;
    const groupAwsName = awsResourceName('model-package-group', groupId);
    groups.push([
      groupId,
      teamId,
      projectId,
      groupName,
      `The scale seed's model of project ${p}.`,
      organisation.engineerId,
      groupAwsName,
      `arn:aws:sagemaker:us-east-1:111122223333:model-package-group/${groupAwsName}`,
      'READY',
      new Date(REGISTERED_AT).toISOString(),
      new Date(REGISTERED_AT).toISOString(),
      runs.length,
    ]);
    let deployed: string | null = null;
    for (const [index, r] of runs.entries()) {
      const v = index + 1;
      const id = scaleId(seed, 'model-version', `${p}:${v}`);
      const status = versionStatus(p, v, runs.length);
      if (status === 'APPROVED') deployed = id;
      const framework = FRAMEWORKS[p % FRAMEWORKS.length] as string;
      versions.push([
        id,
        teamId,
        projectId,
        groupId,
        v,
        scaleId(seed, 'run', r),
        `s3://cairn-bench-artifacts/${p}/${r}/model.tar.gz`,
        `111122223333.dkr.ecr.us-east-1.amazonaws.com/${framework.toLowerCase()}-serving:${v}.0.0`,
        framework,
        status,
        'READY',
        `arn:aws:sagemaker:us-east-1:111122223333:model-package/${groupAwsName}/${v}`,
        status,
        organisation.engineerId,
        new Date(REGISTERED_AT + (p * spec.versionsPerGroup + v) * 60_000).toISOString(),
      ]);
    }
    deployedVersionIds.push(deployed ?? '');
  }
  await insertRows(
    client,
    'ModelGroup',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['name', 'text'],
      ['description', 'text'],
      ['createdById', 'uuid'],
      ['awsName', 'text'],
      ['awsArn', 'text'],
      ['awsStatus', '"MirrorStatus"'],
      ['createdAt', 'timestamptz'],
      ['awsSyncedAt', 'timestamptz'],
      ['versionCount', 'int'],
    ],
    groups,
  );
  await insertRows(
    client,
    'ModelVersion',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['modelGroupId', 'uuid'],
      ['version', 'int'],
      ['runId', 'uuid'],
      ['artifactUri', 'text'],
      ['inferenceImageUri', 'text'],
      ['framework', 'text'],
      ['approvalStatus', '"ModelApprovalStatus"'],
      ['awsStatus', '"MirrorStatus"'],
      ['awsArn', 'text'],
      ['awsApprovalStatus', '"ModelApprovalStatus"'],
      ['createdById', 'uuid'],
      ['createdAt', 'timestamptz'],
    ],
    versions,
  );
  // What registration captures: the run's latest value of each metric, as strings.
  await client.query(`
    UPDATE "ModelVersion" mv SET "capturedMetrics" = captured.metrics, "awsSyncedAt" = mv."createdAt"
      FROM (SELECT "runId", jsonb_object_agg(key, jsonb_build_object(
                     'value', value::text, 'step', step::text, 'timestamp', "timestamp"::text)) AS metrics
              FROM "RunLatestMetric"
             WHERE "runId" IN (SELECT "runId" FROM "ModelVersion")
             GROUP BY "runId") captured
     WHERE captured."runId" = mv."runId"`);
  return { deployedVersionIds };
}
