import {
  createExperimentInput,
  createRunInput,
  logRunDataInput,
  type MetricInput,
  updateRunInput,
} from '@cairn/core/schemas/tracking';
import { seededRandom } from '@cairn/core/seeded-random';
import type { ServiceContext } from '../context';
import { createExperiment } from '../tracking/create-experiment';
import { createRun } from '../tracking/create-run';
import { logRunData } from '../tracking/log-run-data';
import { updateRun } from '../tracking/update-run';
import { warmRunCharts } from '../tracking/warm-run-charts';

const STEPS = 200;
const RUNS_PER_EXPERIMENT = 12;
const LONG_SERIES_POINTS = 50_000;
const BATCH = 1_000;
const STEP_MS = 15_000;
const DAY_MS = 86_400_000;

type ParamValue = string | number;

interface ExperimentSpec {
  project: 'Card Fraud Scoring' | 'Chargeback Prediction';
  name: string;
  source: string;
  /** The run's params, from its index and a random draw. */
  params: (run: number, random: () => number) => Record<string, ParamValue>;
}

const pick = <T>(values: readonly T[], random: () => number): T =>
  values[Math.floor(random() * values.length)]!;

const EXPERIMENTS: ExperimentSpec[] = [
  {
    project: 'Card Fraud Scoring',
    name: 'xgboost-card-fraud',
    source: 'training/train_xgboost.py',
    params: (_run, random) => ({
      max_depth: pick([4, 6, 8, 10], random),
      n_estimators: pick([200, 400, 800], random),
      learning_rate: pick([0.3, 0.1, 0.05, 0.03], random),
      subsample: pick([0.7, 0.8, 1.0], random),
      colsample_bytree: pick([0.6, 0.8, 1.0], random),
    }),
  },
  {
    project: 'Card Fraud Scoring',
    name: 'mlp-card-fraud',
    source: 'training/train_mlp.py',
    params: (_run, random) => ({
      lr: pick([0.01, 0.003, 0.001, 0.0003], random),
      batch_size: pick([128, 256, 512], random),
      optimizer: pick(['adam', 'adamw', 'sgd'], random),
      hidden_units: pick(['256,128', '512,256', '512,256,128'], random),
      dropout: pick([0.1, 0.2, 0.3], random),
    }),
  },
  {
    project: 'Chargeback Prediction',
    name: 'lightgbm-chargeback',
    source: 'training/train_lightgbm.py',
    params: (_run, random) => ({
      num_leaves: pick([31, 63, 127], random),
      learning_rate: pick([0.1, 0.05, 0.02], random),
      max_depth: pick([-1, 8, 12], random),
      min_child_samples: pick([20, 50, 100], random),
      feature_fraction: pick([0.7, 0.9, 1.0], random),
    }),
  },
];

export interface DemoTrackingSeed {
  experimentIds: string[];
  runIds: string[];
  longRunId: string;
}

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

/**
 * Training curves of one run over `steps` steps: train loss falling with noise, validation loss
 * following it then creeping up a little (overfitting), accuracy and AUC rising to a plateau. A
 * run's `quality` in [0, 1] sets where the curves end, so runs differ visibly in the table.
 */
function trainingCurves(options: {
  steps: number;
  quality: number;
  startMs: number;
  random: () => number;
  divergeAt?: number;
}): MetricInput[] {
  const { steps, quality, startMs, random, divergeAt } = options;
  const noise = (scale: number) => (random() - 0.5) * scale;
  const tau = 25 + 30 * random();
  const finalTrain = 0.05 + 0.2 * (1 - quality);
  const finalVal = finalTrain + 0.03 + 0.05 * random();
  const finalAuc = 0.88 + 0.1 * quality;
  const finalAccuracy = 0.93 + 0.06 * quality;
  const points: MetricInput[] = [];
  for (let step = 0; step < steps; step++) {
    const timestamp = startMs + step * STEP_MS;
    const decay = Math.exp(-step / tau);
    const overfit = Math.max(0, step - steps * 0.7) * 0.0004 * (1 - quality);
    let trainLoss = finalTrain + (0.69 - finalTrain) * decay + noise(0.02);
    let valLoss = finalVal + (0.72 - finalVal) * decay + overfit + noise(0.03);
    if (divergeAt !== undefined && step >= divergeAt) {
      // A learning rate too high: the loss blows up, then turns into NaN as MLflow would store it.
      const blowUp = Math.exp((step - divergeAt) / 4);
      trainLoss = step - divergeAt > 12 ? Number.NaN : trainLoss * blowUp;
      valLoss = step - divergeAt > 12 ? Number.NaN : valLoss * blowUp;
    }
    points.push(
      { key: 'train_loss', value: trainLoss, timestamp, step },
      { key: 'val_loss', value: valLoss, timestamp, step },
      {
        key: 'accuracy',
        value: Math.min(1, 0.5 + (finalAccuracy - 0.5) * (1 - decay) + noise(0.01)),
        timestamp,
        step,
      },
      { key: 'auc', value: Math.min(1, 0.5 + (finalAuc - 0.5) * (1 - decay) + noise(0.01)), timestamp, step },
    );
  }
  return points;
}

/**
 * Demo experiments through the tracking services, so runs, metrics and their audit events are
 * what a training script would have produced: three experiments of twelve runs (one FAILED, one
 * still RUNNING) with ~200-step curves, and one long run whose 50,000-point series the charts
 * must downsample.
 */
export async function seedDemoTracking(
  ctx: ServiceContext,
  input: { teamId: string; projectIds: Record<string, string>; userName: string },
): Promise<DemoTrackingSeed> {
  const { teamId } = input;
  const random = seededRandom(4);
  const now = Date.now();
  const result: DemoTrackingSeed = { experimentIds: [], runIds: [], longRunId: '' };
  const logMetrics = async (runId: string, metrics: MetricInput[]) => {
    for (let first = 0; first < metrics.length; first += BATCH) {
      await logRunData(
        ctx,
        logRunDataInput.parse({ teamId, runId, metrics: metrics.slice(first, first + BATCH) }),
      );
    }
  };

  for (const [e, spec] of EXPERIMENTS.entries()) {
    const projectId = input.projectIds[spec.project];
    if (!projectId) throw new Error(`seedDemoTracking: no project "${spec.project}"`);
    const experiment = await createExperiment(
      ctx,
      createExperimentInput.parse({
        teamId,
        projectId,
        name: spec.name,
        tags: [{ key: 'mlflow.note.content', value: `Sweep for ${spec.project}` }],
      }),
    );
    result.experimentIds.push(experiment.id);
    for (let r = 0; r < RUNS_PER_EXPERIMENT; r++) {
      const isLast = r === RUNS_PER_EXPERIMENT - 1;
      const isRunning = e === 0 && isLast;
      const isFailed = e === 1 && r === 4;
      const startMs = now - (EXPERIMENTS.length - e) * 3 * DAY_MS + r * 3 * 3_600_000;
      const steps = isRunning ? 120 : STEPS;
      const run = await createRun(
        ctx,
        createRunInput.parse({
          teamId,
          experimentId: experiment.id,
          runName: `${spec.name.split('-')[0]}-${String(r + 1).padStart(2, '0')}`,
          startTime: isRunning ? now - steps * STEP_MS : startMs,
          userName: input.userName,
          tags: [
            { key: 'mlflow.source.name', value: spec.source },
            { key: 'mlflow.source.type', value: 'LOCAL' },
            { key: 'mlflow.user', value: input.userName },
            { key: 'mlflow.source.git.commit', value: hex(random, 40) },
          ],
        }),
      );
      result.runIds.push(run.id);
      const params = spec.params(r, random);
      await logRunData(
        ctx,
        logRunDataInput.parse({
          teamId,
          runId: run.id,
          params: Object.entries(params).map(([key, value]) => ({ key, value: String(value) })),
          tags: [{ key: 'dataset', value: e === 2 ? 'chargebacks-2026-q3' : 'card-transactions-2026-10' }],
        }),
      );
      const runStart = isRunning ? now - steps * STEP_MS : startMs;
      await logMetrics(
        run.id,
        trainingCurves({
          steps: isFailed ? 70 : steps,
          quality: random(),
          startMs: runStart,
          random,
          divergeAt: isFailed ? 55 : undefined,
        }),
      );
      if (!isRunning) {
        await updateRun(
          ctx,
          updateRunInput.parse({
            teamId,
            runId: run.id,
            status: isFailed ? 'FAILED' : 'FINISHED',
            endTime: runStart + (isFailed ? 70 : steps) * STEP_MS,
          }),
        );
      }
    }
  }

  // One long pre-training run: 50,000 steps of train_loss, more than a chart may ship.
  const longStart = now - 2 * DAY_MS;
  const longRun = await createRun(
    ctx,
    createRunInput.parse({
      teamId,
      experimentId: result.experimentIds[1],
      runName: 'mlp-pretrain-long',
      startTime: longStart,
      userName: input.userName,
      tags: [
        { key: 'mlflow.source.name', value: 'training/pretrain_mlp.py' },
        { key: 'mlflow.user', value: input.userName },
        { key: 'mlflow.source.git.commit', value: hex(random, 40) },
      ],
    }),
  );
  result.longRunId = longRun.id;
  result.runIds.push(longRun.id);
  await logRunData(
    ctx,
    logRunDataInput.parse({
      teamId,
      runId: longRun.id,
      params: [
        { key: 'lr', value: '0.0003' },
        { key: 'batch_size', value: '1024' },
        { key: 'optimizer', value: 'adamw' },
        { key: 'max_steps', value: String(LONG_SERIES_POINTS) },
      ],
    }),
  );
  const longSeries: MetricInput[] = [];
  for (let step = 0; step < LONG_SERIES_POINTS; step++) {
    const spike = random() < 0.0005 ? 0.5 + random() : 0;
    longSeries.push({
      key: 'train_loss',
      value: 0.12 + 2.2 * Math.exp(-step / 6_000) + (random() - 0.5) * 0.04 + spike,
      timestamp: longStart + step * 1_000,
      step,
    });
  }
  await logMetrics(longRun.id, longSeries);
  await updateRun(
    ctx,
    updateRunInput.parse({
      teamId,
      runId: longRun.id,
      status: 'FINISHED',
      endTime: longStart + LONG_SERIES_POINTS * 1_000,
    }),
  );
  // The seed has no job queue, so it does here what the worker does when a run ends.
  await warmRunCharts(ctx.db, { teamId, runId: longRun.id });
  return result;
}
