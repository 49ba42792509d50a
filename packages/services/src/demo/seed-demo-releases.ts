import type { Actor } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';
import { decideApproval } from '../approvals/decide-approval';
import { requestApproval } from '../approvals/request-approval';
import { updateApprovalPolicy } from '../approvals/update-approval-policy';
import { systemRequest } from '../context';
import type { JobQueue } from '../jobs/job-queue';
import { createModelGroup } from '../model-groups/create-model-group';
import { registerModelVersion } from '../model-versions/register-model-version';
import { registerPipeline } from '../pipelines/register-pipeline';
import { setPipelineRelease } from '../pipelines/set-pipeline-release';

export interface DemoPeople {
  admin: Actor;
  engineer: Actor;
  approvers: [Actor, Actor];
}

/** The release pipeline approval starts; aws-sim runs it for about 30 seconds. */
export const DEMO_RELEASE_PIPELINE = 'cairn-card-fraud-release';
/** A pipeline that stops at a manual approval action, answered from the version page. */
export const DEMO_GATED_PIPELINE = 'cairn-card-fraud-promote-approval';

/**
 * The release story of "Card Fraud Scoring": a two-approver policy with an AUC gate and a
 * beats-production gate, a release pipeline started on approval, and version 1 of the scorer
 * approved for production by two approvers (so later versions are compared with it).
 */
export async function seedDemoReleases(
  db: PrismaClient,
  input: { teamId: string; projectId: string; queue: JobQueue; people: DemoPeople },
): Promise<{ approvedVersionId: string } | null> {
  const request = systemRequest('cairn demo seed');
  const as = (actor: Actor) => ({ db, actor, request, queue: input.queue });
  const { teamId, projectId, people } = input;

  await updateApprovalPolicy(as(people.admin), {
    teamId,
    projectId,
    policy: {
      requiredApprovals: 2,
      metricGates: [{ metric: 'auc', op: '>=', threshold: 0.9 }],
      beatsProduction: { metric: 'auc', direction: 'higher' },
      budgetHeadroom: false,
      requestTtlHours: 168,
    },
  });
  const release = await registerPipeline(as(people.engineer), {
    teamId,
    projectId,
    kind: 'CODEPIPELINE',
    awsPipelineName: DEMO_RELEASE_PIPELINE,
    description: 'Deploys the approved model package to the fraud scoring endpoint.',
  });
  await setPipelineRelease(as(people.admin), { teamId, pipelineId: release.id, startOnApproval: true });
  await registerPipeline(as(people.engineer), {
    teamId,
    projectId,
    kind: 'CODEPIPELINE',
    awsPipelineName: DEMO_GATED_PIPELINE,
    description: 'Promotes a release to the EU region after a manual approval.',
  });

  const group = await createModelGroup(as(people.engineer), {
    teamId,
    projectId,
    name: 'card-fraud-scorer',
    description: 'Scores card transactions at checkout.',
  });
  // Version 1 comes from a good run that is not the best: the best is left for the engineer.
  const ranked = await db.$queryRaw<Array<{ runId: string }>>`
    SELECT r.id AS "runId" FROM "Run" r
    JOIN "RunLatestMetric" m ON m."runId" = r.id AND m.key = 'auc'
    WHERE r."projectId" = ${projectId}::uuid AND r.status = 'FINISHED' AND r."deletedAt" IS NULL
      AND m.value = m.value AND m.value >= 0.9
    ORDER BY m.value DESC, r.id LIMIT 3`;
  const source = ranked[2] ?? ranked.at(-1);
  if (!source) return null;
  const version = await registerModelVersion(as(people.engineer), {
    teamId,
    projectId,
    modelGroupId: group.id,
    runId: source.runId,
    artifactUri: 's3://cairn-demo-artifacts/card-fraud-scorer/v1/model.tar.gz',
    inferenceImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/card-fraud-scorer:1.0.0',
    framework: 'XGBOOST',
    description: 'First production scorer.',
    modelCard: {
      intendedUse: 'Real-time fraud scoring of card-present and card-not-present transactions at checkout.',
      limitations: 'Not evaluated on merchants onboarded after October 2026.',
      trainingData: 'card-transactions-2026-10: 12.4M transactions, 0.17% fraud.',
      evaluation: 'Time-split holdout (last two weeks of October).',
    },
  });
  const approval = await requestApproval(as(people.engineer), {
    teamId,
    projectId,
    modelVersionId: version.id,
    environment: 'PROD',
    notes: 'First release of the XGBoost scorer.',
  });
  for (const approver of people.approvers) {
    await decideApproval(as(approver), {
      teamId,
      requestId: approval.id,
      decision: 'APPROVE',
      comment: 'Holdout AUC and calibration look right.',
    });
  }
  return { approvedVersionId: version.id };
}
