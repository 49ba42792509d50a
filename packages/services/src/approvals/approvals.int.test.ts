import { isDomainError } from '@cairn/core/errors';
import type { TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../jobs/job-queue';
import { createModelGroup } from '../model-groups/create-model-group';
import { registerModelVersion } from '../model-versions/register-model-version';
import { updateModelVersionArtifact } from '../model-versions/update-model-version-artifact';
import { contextFor, makeTeam, makeUser, type TestTeam, type TestUser } from '../testing/fixtures';
import { openQueueTestDatabase } from '../testing/queue-test-database';
import { decideApproval } from './decide-approval';
import { expireApprovalRequests } from './expire-approval-requests';
import { getApprovalRequest } from './get-approval-request';
import { listApproverDesk } from './list-approver-desk';
import { requestApproval } from './request-approval';
import { updateApprovalPolicy } from './update-approval-policy';

let t: TestDatabase;
let queue: JobQueue;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, queue, close } = await openQueueTestDatabase());
});
afterAll(() => close());

const ctxOf = (user: TestUser) => ({ ...contextFor(t.db, user), queue });

interface Scene {
  team: TestTeam;
  approver2: TestUser;
  versionId: string;
  groupId: string;
  runId: string;
}

/** A team whose project requires two approvals and auc >= 0.9, with one registered version. */
async function setUp(
  options: { auc?: number; requiredApprovals?: number; ttlHours?: number } = {},
): Promise<Scene> {
  const team = await makeTeam(t.db);
  const approver2 = await makeUser(t.db, [{ teamId: team.teamId, role: 'APPROVER' }]);
  const engineer = ctxOf(team.engineer);
  const experiment = await t.db.experiment.create({
    data: { teamId: team.teamId, projectId: team.projectId, name: `exp-${crypto.randomUUID()}` },
  });
  const run = await t.db.run.create({
    data: {
      teamId: team.teamId,
      projectId: team.projectId,
      experimentId: experiment.id,
      name: 'calm-river',
      status: 'FINISHED',
      startTime: new Date(),
      createdById: team.engineer.id,
    },
  });
  await t.db.$executeRaw`
    INSERT INTO "RunLatestMetric" ("runId", key, value, step, timestamp)
    VALUES (${run.id}::uuid, 'auc', ${options.auc ?? 0.93}::float8, 10, 1700000000000)`;
  const group = await createModelGroup(engineer, {
    teamId: team.teamId,
    projectId: team.projectId,
    name: 'scorer',
    description: '',
  });
  const version = await registerModelVersion(engineer, {
    teamId: team.teamId,
    projectId: team.projectId,
    modelGroupId: group.id,
    runId: run.id,
    artifactUri: 's3://cairn-artifacts/model.tar.gz',
    inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1',
    framework: 'XGBOOST',
    description: '',
    modelCard: { intendedUse: '', limitations: '', trainingData: '', evaluation: '' },
  });
  await updateApprovalPolicy(ctxOf(team.admin), {
    teamId: team.teamId,
    projectId: team.projectId,
    policy: {
      requiredApprovals: options.requiredApprovals ?? 2,
      metricGates: [{ metric: 'auc', op: '>=', threshold: 0.9 }],
      beatsProduction: null,
      budgetHeadroom: false,
      requestTtlHours: options.ttlHours ?? 24,
    },
  });
  return { team, approver2, versionId: version.id, groupId: group.id, runId: run.id };
}

const open = (scene: Scene) =>
  requestApproval(ctxOf(scene.team.engineer), {
    teamId: scene.team.teamId,
    projectId: scene.team.projectId,
    modelVersionId: scene.versionId,
    environment: 'PROD',
    notes: 'Q4 retrain',
  });

const decide = (
  scene: Scene,
  user: TestUser,
  requestId: string,
  decision: 'APPROVE' | 'REJECT',
  comment = '',
) => decideApproval(ctxOf(user), { teamId: scene.team.teamId, requestId, decision, comment });

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('approval requests', () => {
  it('needs two independent approvals; the version, its mirror job, the release pipeline and the notifications follow', async () => {
    const scene = await setUp();
    const pipeline = await t.db.pipeline.create({
      data: {
        teamId: scene.team.teamId,
        projectId: scene.team.projectId,
        kind: 'CODEPIPELINE',
        awsPipelineName: 'cairn-scorer-release',
        startOnApproval: true,
      },
    });
    const request = await open(scene);
    const approverNotes = await t.db.notification.findMany({
      where: { kind: 'approval.requested', teamId: scene.team.teamId },
    });
    expect(approverNotes.map((n) => n.userId).sort()).toEqual(
      [scene.team.approver.id, scene.approver2.id, scene.team.admin.id].sort(),
    );

    const first = await decide(scene, scene.team.approver, request.id, 'APPROVE', 'metrics hold');
    expect(first.status).toBe('PENDING');
    expect(first.evaluation.approvalsMissing).toBe(1);
    const second = await decide(scene, scene.approver2, request.id, 'APPROVE');
    expect(second.status).toBe('APPROVED');

    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id: scene.versionId } });
    expect(version.approvalStatus).toBe('APPROVED');
    const runs = await t.db.pipelineRun.findMany({ where: { pipelineId: pipeline.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ modelVersionId: scene.versionId, approvalRequestId: request.id });
    expect(runs[0]!.variables).toMatchObject({ CAIRN_MODEL_VERSION: '1', CAIRN_ENVIRONMENT: 'PROD' });
    const decisions = await t.db.approvalDecision.findMany({
      where: { requestId: request.id },
      orderBy: { decidedAt: 'asc' },
    });
    expect(decisions[0]!.evidence).toMatchObject({ versionMetrics: { auc: 0.93 } });
    expect(decisions[0]!.policy).toMatchObject({ requiredApprovals: 2 });
    expect(decisions[1]!.evaluation).toMatchObject({ status: 'APPROVED', validApprovals: 2 });
    const told = await t.db.notification.findFirst({
      where: { userId: scene.team.engineer.id, kind: 'approval.approved' },
    });
    expect(told?.link).toBe(`/teams/${scene.team.teamId}/approvals/${request.id}`);
    const audit = await t.db.auditEvent.findMany({
      where: { resourceId: request.id },
      orderBy: { seq: 'asc' },
      select: { action: true, outcome: true },
    });
    expect(audit.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'approval.request:SUCCESS',
      'approval.decide:SUCCESS',
      'approval.decide:SUCCESS',
    ]);
  });

  it('refuses the registrant, a second vote, a decision after the outcome; each refusal audited, the state unchanged', async () => {
    const scene = await setUp({ requiredApprovals: 1 });
    // The engineer is both registrant and run author; give them the approver role to test self-approval itself.
    await t.db.membership.updateMany({
      where: { userId: scene.team.engineer.id },
      data: { role: 'APPROVER' },
    });
    const engineerAsApprover = {
      ...scene.team.engineer,
      actor: {
        ...scene.team.engineer.actor,
        memberships: [{ teamId: scene.team.teamId, role: 'APPROVER' as const }],
      },
    };
    const request = await open(scene);
    expect(await refusal(decide(scene, engineerAsApprover, request.id, 'APPROVE'))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('You registered this model version'),
    });
    await decide(scene, scene.team.approver, request.id, 'APPROVE');
    expect(await refusal(decide(scene, scene.approver2, request.id, 'APPROVE'))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already approved'),
    });
    const denials = await t.db.auditEvent.findMany({
      where: { resourceId: request.id, outcome: 'DENIED' },
      select: { reason: true },
    });
    expect(denials.map((d) => d.reason?.split(':')[0])).toEqual([
      'SELF_APPROVAL_REGISTRANT',
      'ALREADY_DECIDED',
    ]);
    expect(await t.db.approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
  });

  it('takes two approvers deciding at the same instant one after the other: both count, one approval', async () => {
    const scene = await setUp({ requiredApprovals: 2 });
    const request = await open(scene);
    const results = await Promise.allSettled([
      decide(scene, scene.team.approver, request.id, 'APPROVE'),
      decide(scene, scene.approver2, request.id, 'APPROVE'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : null)).sort();
    expect(statuses).toEqual(['APPROVED', 'PENDING']);
    expect(await t.db.approvalDecision.count({ where: { requestId: request.id } })).toBe(2);
  });

  it('lets a concurrent reject and approve end in one consistent outcome', async () => {
    const scene = await setUp({ requiredApprovals: 1 });
    const request = await open(scene);
    const results = await Promise.allSettled([
      decide(scene, scene.team.approver, request.id, 'APPROVE'),
      decide(scene, scene.approver2, request.id, 'REJECT', 'drift on new merchants'),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    expect(fulfilled).toHaveLength(1);
    const stored = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    const version = await t.db.modelVersion.findUniqueOrThrow({ where: { id: scene.versionId } });
    expect(version.approvalStatus).toBe(stored.status === 'APPROVED' ? 'APPROVED' : 'REJECTED');
    expect(await t.db.approvalDecision.count({ where: { requestId: request.id } })).toBe(1);
  });

  it('allows one open request per version, even when two are opened at once', async () => {
    const scene = await setUp();
    const results = await Promise.allSettled([open(scene), open(scene)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('open approval request'),
    });
  });

  it('refuses, with an audited reason, a request that a gate on a never-logged metric makes unpassable', async () => {
    const scene = await setUp();
    await updateApprovalPolicy(ctxOf(scene.team.admin), {
      teamId: scene.team.teamId,
      projectId: scene.team.projectId,
      policy: {
        requiredApprovals: 1,
        metricGates: [{ metric: 'recall_at_1pct_fpr', op: '>=', threshold: 0.5 }],
        beatsProduction: null,
        budgetHeadroom: false,
        requestTtlHours: 24,
      },
    });
    expect(await refusal(open(scene))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('recall_at_1pct_fpr, which the run behind version 1 never logged'),
    });
    expect(await t.db.approvalRequest.count({ where: { modelVersionId: scene.versionId } })).toBe(0);
    const denial = await t.db.auditEvent.findFirst({
      where: { action: 'approval.request', outcome: 'DENIED', resourceId: scene.versionId },
    });
    expect(denial?.reason).toContain('never logged');
  });

  it('keeps a failing gate blocking the quorum, with the numbers in the evidence', async () => {
    const scene = await setUp({ auc: 0.83, requiredApprovals: 1 });
    const request = await open(scene);
    const result = await decide(scene, scene.team.approver, request.id, 'APPROVE');
    expect(result.status).toBe('PENDING');
    const detail = await getApprovalRequest(ctxOf(scene.team.viewer), {
      teamId: scene.team.teamId,
      requestId: request.id,
    });
    expect(detail.evaluation.gates[0]).toMatchObject({ passed: false, actual: 0.83, expected: 0.9 });
    expect(detail.evaluation.gates[0]!.reason).toContain('0.83');
    expect(detail.viewer).toMatchObject({ canDecide: false });
  });

  it('stops counting approvals made on an artifact that was replaced', async () => {
    const scene = await setUp({ requiredApprovals: 2 });
    const request = await open(scene);
    await decide(scene, scene.team.approver, request.id, 'APPROVE');
    await updateModelVersionArtifact(ctxOf(scene.team.engineer), {
      teamId: scene.team.teamId,
      projectId: scene.team.projectId,
      modelVersionId: scene.versionId,
      artifactUri: 's3://cairn-artifacts/model-v2.tar.gz',
      inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:2',
    });
    const afterSecond = await decide(scene, scene.approver2, request.id, 'APPROVE');
    expect(afterSecond.status).toBe('PENDING');
    expect(afterSecond.evaluation.validApprovals).toBe(1);
    expect(afterSecond.evaluation.invalidDecisions[0]).toMatchObject({ code: 'STALE_REVISION' });
    // The first approver may look again at the new artifact.
    const again = await decide(scene, scene.team.approver, request.id, 'APPROVE');
    expect(again.status).toBe('APPROVED');
  });

  it('expires overdue requests once, and refuses decisions on them', async () => {
    const scene = await setUp({ ttlHours: 1 });
    const request = await open(scene);
    await t.db.approvalRequest.update({
      where: { id: request.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await refusal(decide(scene, scene.team.approver, request.id, 'APPROVE'))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('expired'),
    });
    expect((await t.db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      'EXPIRED',
    );
    const second = await open(scene);
    await t.db.approvalRequest.update({
      where: { id: second.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const swept = await Promise.all([
      expireApprovalRequests(t.db, { now: new Date(), jobId: 'a' }),
      expireApprovalRequests(t.db, { now: new Date(), jobId: 'b' }),
    ]);
    expect(swept[0].expired + swept[1].expired).toBeGreaterThanOrEqual(1);
    const expiries = await t.db.auditEvent.count({
      where: { resourceId: second.id, action: 'approval.expire' },
    });
    expect(expiries).toBe(1);
  });

  it('shows the desk oldest first, only to those who may decide, with who may not and why', async () => {
    const scene = await setUp();
    const request = await open(scene);
    const desk = await listApproverDesk(ctxOf(scene.team.approver));
    const item = desk.items.find((entry) => entry.id === request.id);
    expect(item).toMatchObject({ canDecide: true, approvalsNeeded: 2, validApprovals: 0, failingGates: 0 });
    expect((await listApproverDesk(ctxOf(scene.team.engineer))).items).toEqual([]);
    const outsider = await makeTeam(t.db);
    expect(
      (await listApproverDesk(ctxOf(outsider.approver))).items.some((entry) => entry.id === request.id),
    ).toBe(false);
  });
});
