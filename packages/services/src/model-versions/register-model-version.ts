import { DomainError, notFound } from '@cairn/core/errors';
import {
  decodeMetricValue,
  encodeMetricValue,
  type RegisterModelVersionInput,
} from '@cairn/core/schemas/model-version';
import { uuidV7 } from '@cairn/core/uuid-v7';
import { recordAudit } from '../audit/record-audit';
import { requireQueue, type ServiceContext } from '../context';
import { enqueueJob } from '../jobs/enqueue-job';
import { registerModelVersionJob } from '../jobs/job-contracts';
import { emitWebhookEvent } from '../webhooks/emit-webhook-event';
import { projectForPerson } from './model-version-access';

export type CapturedMetric = {
  value: string;
  step: string;
  timestamp: string;
};

/**
 * Registers a finished run's model as the next version of a model group, capturing the run's latest
 * metrics; in the same transaction, audits it and enqueues the job that creates its SageMaker model
 * package.
 */
export async function registerModelVersion(ctx: ServiceContext, input: RegisterModelVersionInput) {
  const queue = requireQueue(ctx);
  return ctx.db.$transaction(async (tx) => {
    const project = await projectForPerson(tx, ctx, input, 'project:write');
    if (project.archivedAt) throw new DomainError('PRECONDITION_FAILED', 'The project is archived');
    const group = await tx.modelGroup.findFirst({
      where: { id: input.modelGroupId, projectId: project.id, teamId: project.teamId },
    });
    if (!group) throw notFound('Model group');
    const run = await tx.run.findFirst({
      where: { id: input.runId, projectId: project.id, teamId: project.teamId, deletedAt: null },
    });
    if (!run) throw notFound('Run');
    if (run.status !== 'FINISHED') {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `Only a finished run can be registered; this run is ${run.status.toLowerCase()}`,
      );
    }
    // Postgres's own text form of a float8 keeps NaN, Infinity and -0, which the driver's numbers
    // do not all survive.
    const latest = await tx.$queryRaw<Array<{ key: string } & CapturedMetric>>`
      SELECT key, value::text AS value, step::text AS step, timestamp::text AS timestamp
      FROM "RunLatestMetric" WHERE "runId" = ${run.id}::uuid ORDER BY key`;
    const capturedMetrics: Record<string, CapturedMetric> = {};
    for (const { key, value, step, timestamp } of latest) {
      capturedMetrics[key] = { value: encodeMetricValue(decodeMetricValue(value)), step, timestamp };
    }
    // The increment takes the group row's lock until commit, so concurrent registrations queue
    // here and each gets the next number.
    const { versionCount } = await tx.modelGroup.update({
      where: { id: group.id },
      data: { versionCount: { increment: 1 } },
      select: { versionCount: true },
    });
    const actor = ctx.actor.kind === 'user' ? ctx.actor : null;
    const version = await tx.modelVersion.create({
      data: {
        id: uuidV7(),
        teamId: project.teamId,
        projectId: project.id,
        modelGroupId: group.id,
        version: versionCount,
        runId: run.id,
        artifactUri: input.artifactUri,
        inferenceImageUri: input.inferenceImageUri,
        framework: input.framework,
        description: input.description,
        modelCard: input.modelCard,
        capturedMetrics,
        createdById: actor?.userId ?? null,
      },
    });
    await enqueueJob(tx, queue, registerModelVersionJob, {
      teamId: version.teamId,
      modelVersionId: version.id,
      requestedByUserId: actor?.userId ?? null,
      requestedByLabel: actor?.email ?? 'cairn',
    });
    await emitWebhookEvent(tx, queue, {
      teamId: version.teamId,
      projectId: version.projectId,
      event: 'model_version.registered',
      data: {
        modelVersionId: version.id,
        modelGroup: group.name,
        version: version.version,
        runId: run.id,
        artifactUri: version.artifactUri,
        registeredBy: actor?.email ?? null,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'modelVersion.register',
      resourceType: 'ModelVersion',
      resourceId: version.id,
      teamId: version.teamId,
      after: {
        modelGroupId: group.id,
        version: version.version,
        runId: run.id,
        artifactUri: version.artifactUri,
        inferenceImageUri: version.inferenceImageUri,
        framework: version.framework,
        approvalStatus: version.approvalStatus,
      },
    });
    return version;
  });
}
