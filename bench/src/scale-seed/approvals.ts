import type {
  ApprovalDecision,
  ApprovalEvaluation,
  ApprovalEvidence,
} from '@cairn/core/approval/approval-types';
import { evaluateApprovalPolicy } from '@cairn/core/approval/evaluate-policy';
import { type ApprovalPolicy, approvalPolicySchema } from '@cairn/core/schemas/approval-policy';
import { decodeCapturedMetrics, toStoredJson } from '@cairn/services/approvals/approval-evidence';
import type pg from 'pg';
import { insertRows } from './insert-rows';
import { type ScaleSpec, scaleId } from './layout';
import { deciders, readTeamPeople, requesters, scaleDraw, scalePick, type TeamPerson } from './team-people';

const HOUR_MS = 3_600_000;
const POLICY_UPDATED_AT = '2025-12-15T00:00:00Z';
const ENVIRONMENT_LABEL = { DEV: 'dev', STAGING: 'staging', PROD: 'prod' } as const;
type Environment = keyof typeof ENVIRONMENT_LABEL;
type Status = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

interface SeededVersion {
  id: string;
  teamId: string;
  projectId: string;
  version: number;
  versionCount: number;
  approvalStatus: string;
  createdById: string;
  createdAt: Date;
  capturedMetrics: unknown;
  artifactRevision: number;
  runAuthorId: string | null;
  groupName: string;
}

/** One approval request of the seed, as the notifications part reads it back. */
export interface SeededRequest {
  id: string;
  teamId: string;
  status: Status;
  title: string;
  environment: Environment;
  requestedById: string;
  createdAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  /** Approvals that left the request open, as the requester heard of them. */
  progress: { at: Date; email: string; sentence: string }[];
}

/**
 * The team's policy: in about half the teams with two approvers, two approvals and an auc gate,
 * elsewhere one approval. Requests stay open 30 days, so the pending ones outlive the seeding by weeks.
 */
const teamPolicy = (seed: number, teamId: string, approvers: number): ApprovalPolicy =>
  approvalPolicySchema.parse(
    approvers >= 2 && scaleDraw(seed, `policy:${teamId}`) < 0.5
      ? {
          requiredApprovals: 2,
          metricGates: [{ metric: 'auc', op: '>=', threshold: 0.5 }],
          requestTtlHours: 720,
        }
      : { requiredApprovals: 1, requestTtlHours: 720 },
  );

/** The services' "1 of 2 approvals; every gate passes", told to the requester after each approval. */
function progressSentence(evaluation: ApprovalEvaluation): string {
  const blocking = evaluation.gates.filter((gate) => gate.kind !== 'approvals' && gate.passed !== true);
  const approvals = `${evaluation.validApprovals} of ${evaluation.approvalsNeeded} approvals`;
  if (blocking.length === 0) return `${approvals}; every gate passes`;
  return `${approvals}; not passed yet: ${blocking.map((gate) => gate.label).join(', ')}`;
}

const COMMENTS = {
  APPROVE: ['Metrics look good.', 'Checked the lineage and the captured metrics.', 'Fine for release.', ''],
  REJECT: [
    'Latency regression against the current version.',
    'The validation set is too small.',
    'Calibration drifted; retrain first.',
  ],
};

/**
 * About one approval request per model version, as the services leave them: an approved request
 * (with its approvers' decisions) for each approved version, a rejected one for each rejected
 * version, an open one for each version still waiting; half the newest approved versions wait
 * again for prod; some first versions' earliest request expired. Decisions carry the policy,
 * evidence and evaluation in force when they were made. The team's policy is set on its projects.
 */
export async function seedApprovals(
  client: pg.Client,
  spec: ScaleSpec,
  anchor: Date,
): Promise<SeededRequest[]> {
  const { seed } = spec;
  const people = await readTeamPeople(client);
  const orgAdmin = (
    await client.query<{ id: string; email: string }>(
      `SELECT id, email FROM "User" WHERE "isOrgAdmin" ORDER BY email LIMIT 1`,
    )
  ).rows[0];
  if (!orgAdmin) throw new Error('The scale seed has no org admin');
  const admin: TeamPerson = { userId: orgAdmin.id, email: orgAdmin.email, role: 'ADMIN' };
  const versions = (
    await client.query<SeededVersion>(
      `SELECT mv.id, mv."teamId", mv."projectId", mv.version, g."versionCount", mv."approvalStatus",
              mv."createdById", mv."createdAt", mv."capturedMetrics", mv."artifactRevision",
              r."createdById" AS "runAuthorId", g.name AS "groupName"
         FROM "ModelVersion" mv JOIN "ModelGroup" g ON g.id = mv."modelGroupId" JOIN "Run" r ON r.id = mv."runId"
        ORDER BY mv."projectId", mv.version`,
    )
  ).rows;
  const policies = new Map<string, ApprovalPolicy>();
  for (const [teamId, team] of people.entries())
    policies.set(teamId, teamPolicy(seed, teamId, deciders(team).length));
  for (const [teamId, policy] of policies.entries())
    await client.query(
      `UPDATE "Project" SET "approvalPolicy" = $2, "approvalPolicyUpdatedAt" = $3 WHERE "teamId" = $1`,
      [teamId, JSON.stringify(policy), POLICY_UPDATED_AT],
    );

  const requests: unknown[][] = [];
  const decisions: unknown[][] = [];
  const seeded: SeededRequest[] = [];
  for (const version of versions) {
    const team = people.get(version.teamId) ?? [];
    const policy = policies.get(version.teamId) ?? teamPolicy(seed, version.teamId, 0);
    const requester = scalePick(
      seed,
      `requester:${version.id}`,
      requesters(team).length ? requesters(team) : [admin],
    );
    const others = deciders(team).filter((person) => person.userId !== requester.userId);
    const approvers = others.length > 0 ? others : [admin];
    const evidence: ApprovalEvidence = {
      versionMetrics: decodeCapturedMetrics(version.capturedMetrics),
      productionMetrics: null,
      predictedMonthlyCostUsd: null,
      remainingBudgetUsd: null,
      registrantUserId: version.createdById,
      runAuthorUserId: version.runAuthorId,
      versionArtifactRevision: version.artifactRevision,
    };
    const title = `${version.groupName} v${version.version}`;
    const key = `${version.id}`;
    const open = (
      n: number,
      status: Status,
      environment: Environment,
      createdAt: Date,
      votes: ('APPROVE' | 'REJECT')[],
    ) => {
      const id = scaleId(seed, 'approval-request', `${key}:${n}`);
      const expiresAt = new Date(createdAt.getTime() + policy.requestTtlHours * HOUR_MS);
      const made: ApprovalDecision[] = [];
      const progress: SeededRequest['progress'] = [];
      for (const [i, vote] of votes.entries()) {
        const person = approvers[i % approvers.length] as TeamPerson;
        const decidedAt = new Date(
          createdAt.getTime() + (i + 1) * (2 + 20 * scaleDraw(seed, `${id}:${i}`)) * HOUR_MS,
        );
        const decision: ApprovalDecision = {
          userId: person.userId,
          role: person.role,
          decision: vote,
          comment: scalePick(seed, `comment:${id}:${i}`, COMMENTS[vote]),
          artifactRevision: version.artifactRevision,
          decidedAt,
        };
        made.push(decision);
        const evaluation = evaluateApprovalPolicy({
          policy,
          evidence,
          decisions: made,
          request: { createdAt, expiresAt, status: 'PENDING' },
          now: decidedAt,
        });
        if (vote === 'APPROVE' && evaluation.status === 'PENDING')
          progress.push({ at: decidedAt, email: person.email, sentence: progressSentence(evaluation) });
        decisions.push([
          scaleId(seed, 'approval-decision', `${id}:${i}`),
          id,
          version.teamId,
          person.userId,
          person.role,
          vote,
          decision.comment,
          version.artifactRevision,
          JSON.stringify(policy),
          JSON.stringify(toStoredJson(evidence)),
          JSON.stringify(toStoredJson(evaluation)),
          decidedAt.toISOString(),
        ]);
      }
      const decidedAt =
        status === 'APPROVED' || status === 'REJECTED' ? (made.at(-1)?.decidedAt ?? null) : null;
      requests.push([
        id,
        version.teamId,
        version.projectId,
        version.id,
        environment,
        n === 0 ? '' : `Release to ${ENVIRONMENT_LABEL[environment]}.`,
        status,
        JSON.stringify(policy),
        requester.userId,
        createdAt.toISOString(),
        expiresAt.toISOString(),
        decidedAt?.toISOString() ?? null,
      ]);
      seeded.push({
        id,
        teamId: version.teamId,
        status,
        title,
        environment,
        requestedById: requester.userId,
        createdAt,
        expiresAt,
        decidedAt,
        progress,
      });
    };
    // A request opens after the version's registration, or after the expiry of the one before it.
    let since = version.createdAt.getTime();
    const afterRegistration = (n: number) =>
      new Date(since + (1 + 12 * scaleDraw(seed, `opened:${key}:${n}`)) * HOUR_MS);
    // Open requests were made in the three days before the seeding, so they stay open for weeks.
    const lately = (n: number) =>
      new Date(anchor.getTime() - (1 + 71 * scaleDraw(seed, `lately:${key}:${n}`)) * HOUR_MS);
    const isNewest = version.version === version.versionCount;
    if (version.version === 1 && scaleDraw(seed, `expired:${key}`) < 0.2) {
      open(0, 'EXPIRED', 'STAGING', afterRegistration(0), []);
      since = afterRegistration(0).getTime() + policy.requestTtlHours * HOUR_MS;
    }
    if (version.approvalStatus === 'APPROVED') {
      const waitsForProd = isNewest && scaleDraw(seed, `prod:${key}`) < 0.5;
      open(
        1,
        'APPROVED',
        waitsForProd ? 'STAGING' : 'PROD',
        afterRegistration(1),
        Array(policy.requiredApprovals).fill('APPROVE'),
      );
      if (waitsForProd) open(2, 'PENDING', 'PROD', lately(2), []);
    } else if (version.approvalStatus === 'REJECTED') {
      open(1, 'REJECTED', 'PROD', afterRegistration(1), ['REJECT']);
    } else {
      const hasVote = policy.requiredApprovals > 1 && scaleDraw(seed, `vote:${key}`) < 0.5;
      open(1, 'PENDING', 'PROD', lately(1), hasVote ? ['APPROVE'] : []);
    }
  }
  await insertRows(
    client,
    'ApprovalRequest',
    [
      ['id', 'uuid'],
      ['teamId', 'uuid'],
      ['projectId', 'uuid'],
      ['modelVersionId', 'uuid'],
      ['environment', '"ReleaseEnvironment"'],
      ['notes', 'text'],
      ['status', '"ApprovalRequestStatus"'],
      ['policy', 'jsonb'],
      ['requestedById', 'uuid'],
      ['createdAt', 'timestamptz'],
      ['expiresAt', 'timestamptz'],
      ['decidedAt', 'timestamptz'],
    ],
    requests,
  );
  await insertRows(
    client,
    'ApprovalDecision',
    [
      ['id', 'uuid'],
      ['requestId', 'uuid'],
      ['teamId', 'uuid'],
      ['userId', 'uuid'],
      ['role', '"Role"'],
      ['decision', '"ApprovalDecisionKind"'],
      ['comment', 'text'],
      ['artifactRevision', 'int'],
      ['policy', 'jsonb'],
      ['evidence', 'jsonb'],
      ['evaluation', 'jsonb'],
      ['decidedAt', 'timestamptz'],
    ],
    decisions,
  );
  return seeded;
}
