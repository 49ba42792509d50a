import { DomainError } from '@cairn/core/errors';
import type { LogRunInputsInput } from '@cairn/core/schemas/tracking';
import {
  MAX_DATASET_DIGEST_SIZE,
  MAX_DATASET_NAME_SIZE,
  MAX_DATASETS_PER_BATCH,
} from '@cairn/core/tracking/mlflow-limits';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';
import { assertRunActive, findAccessibleRun } from './tracking-access';

interface DatasetInput {
  dataset: { name: string; digest: string; [field: string]: unknown };
  [field: string]: unknown;
}

function invalid(message: string): never {
  throw new DomainError('INVALID_INPUT', message, { field: 'datasets' });
}

function asDatasetInput(value: unknown): DatasetInput {
  const dataset = (value as { dataset?: unknown } | null)?.dataset as Record<string, unknown> | undefined;
  if (!dataset || typeof dataset.name !== 'string' || typeof dataset.digest !== 'string') {
    invalid('Each dataset input needs a dataset with a name and a digest');
  }
  if (dataset.name.length > MAX_DATASET_NAME_SIZE) {
    invalid(
      `Dataset name '${dataset.name.slice(0, 250)}' exceeds the maximum length of ${MAX_DATASET_NAME_SIZE}`,
    );
  }
  if (dataset.digest.length > MAX_DATASET_DIGEST_SIZE) {
    invalid(`Dataset digest '${dataset.digest}' exceeds the maximum length of ${MAX_DATASET_DIGEST_SIZE}`);
  }
  return value as DatasetInput;
}

const identity = (input: DatasetInput) => `${input.dataset.name}\u0000${input.dataset.digest}`;

/**
 * Records the datasets a run used (MLflow log-inputs) on the run, one entry per dataset name and
 * digest: logging the same dataset again replaces its entry.
 */
export async function logRunInputs(ctx: ServiceContext, input: LogRunInputsInput): Promise<void> {
  if (input.datasets.length > MAX_DATASETS_PER_BATCH) {
    invalid(
      `A batch logging request can contain at most ${MAX_DATASETS_PER_BATCH} datasets. Got ${input.datasets.length} datasets.`,
    );
  }
  const incoming = input.datasets.map(asDatasetInput);
  await ctx.db.$transaction(async (tx) => {
    const run = await findAccessibleRun(tx, ctx, input, 'tracking:write');
    assertRunActive(run);
    // Read-modify-write of one JSON column: lock the run against a concurrent log-inputs.
    const [locked] = await tx.$queryRaw<Array<{ datasetInputs: unknown }>>`
      SELECT "datasetInputs" FROM "Run" WHERE "id" = ${run.id}::uuid FOR UPDATE`;
    const merged = new Map<string, unknown>();
    const existing = Array.isArray(locked?.datasetInputs) ? locked.datasetInputs : [];
    for (const entry of existing) merged.set(identity(entry as DatasetInput), entry);
    for (const entry of incoming) merged.set(identity(entry), entry);
    await tx.run.update({ where: { id: run.id }, data: { datasetInputs: [...merged.values()] as object[] } });
    await recordAudit(tx, ctx, {
      action: 'run.logInputs',
      resourceType: 'Run',
      resourceId: run.id,
      teamId: run.teamId,
      after: {
        datasets: incoming.map((entry) => ({ name: entry.dataset.name, digest: entry.dataset.digest })),
      },
    });
  });
}
