import { seededRandom } from '@cairn/core/seeded-random';
import type { MlflowClient, TrpcClient } from './chaos-http';
import { type Ledger, uuidOfHex } from './chaos-ledger';

export interface LoadTarget {
  teamId: string;
  projectId: string;
  mlflow: MlflowClient;
  trpc: TrpcClient;
  seed: number;
}

export interface RunningLoad {
  /** Stops every loop after its current request and resolves once all have ended. */
  stop(): Promise<void>;
}

const INGEST_LOOPS = 2;
const RELEASE_LOOPS = 2;
const METRIC_KEYS = ['loss', 'accuracy', 'auc', 'precision', 'recall'];
const STEPS_PER_BATCH = 10;
const PAUSE_MS = { ingest: 100, reads: 250, release: 500, afterFailure: 500 };
const VERSION_READY_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady mixed load until stopped: MLflow ingest (runs created, metric batches logged) from two
 * loops, reads (MLflow and tRPC) from one, and two release loops that each create a model group,
 * register a version, wait for the worker to put it in SageMaker, then deploy it twice (a
 * serverless endpoint and a batch transform): every step that reaches AWS goes through the worker.
 */
export async function startLoad(target: LoadTarget, ledger: Ledger): Promise<RunningLoad> {
  const random = seededRandom(target.seed);
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
  let isRunning = true;
  const nextStep = new Map<string, number>();

  const experiment = await target.mlflow.post<{ experiment_id: string }>('experiments/create', {
    name: `chaos-${target.seed}-${Date.now()}`,
  });
  if (experiment.kind !== 'ok')
    throw new Error(`Could not create the chaos experiment: ${JSON.stringify(experiment)}`);
  const experimentId = experiment.body.experiment_id;

  const createRun = async () => {
    const outcome = ledger.record(
      'mlflow runs/create',
      await target.mlflow.post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id: experimentId,
        start_time: Date.now(),
        run_name: `chaos-run-${ledger.runIds.length + 1}`,
      }),
    );
    if (outcome.kind === 'ok') ledger.runIds.push(outcome.body.run.info.run_id);
    return outcome.kind === 'ok';
  };

  const logBatch = async (runId: string) => {
    // Steps are handed out before sending: an unacknowledged batch never shares steps with a later one.
    const first = nextStep.get(runId) ?? 0;
    nextStep.set(runId, first + STEPS_PER_BATCH);
    const steps = Array.from({ length: STEPS_PER_BATCH }, (_, index) => first + index);
    const timestamp = Date.now();
    const metrics = steps.flatMap((step) =>
      METRIC_KEYS.map((key) => ({ key, value: Math.round(random() * 1e6) / 1e6, timestamp, step })),
    );
    const outcome = ledger.record(
      'mlflow log-batch',
      await target.mlflow.post('runs/log-batch', { run_id: runId, metrics }),
    );
    if (outcome.kind === 'ok') ledger.ackPoints(runId, METRIC_KEYS, steps);
    return outcome.kind === 'ok';
  };

  const ingestLoop = async () => {
    while (isRunning) {
      const runId = ledger.runIds.length < 3 || random() < 0.08 ? undefined : pick(ledger.runIds);
      const isOk = runId ? await logBatch(runId) : await createRun();
      await sleep(isOk ? PAUSE_MS.ingest : PAUSE_MS.afterFailure);
    }
  };

  const readsLoop = async () => {
    const { teamId, projectId } = target;
    while (isRunning) {
      const runId = pick(ledger.runIds);
      const outcome =
        runId && random() < 0.5
          ? ledger.record('mlflow runs/get', await target.mlflow.get('runs/get', { run_id: runId }))
          : ledger.record('trpc reads', await target.trpc.query('deployment.list', { teamId, projectId }));
      await sleep(outcome.kind === 'ok' ? PAUSE_MS.reads : PAUSE_MS.afterFailure);
    }
  };

  const waitUntilRegistered = async (versionId: string): Promise<boolean> => {
    const deadline = Date.now() + VERSION_READY_TIMEOUT_MS;
    while (isRunning && Date.now() < deadline) {
      const outcome = ledger.record(
        'trpc reads',
        await target.trpc.query<{ awsStatus: string }>('modelVersion.byId', {
          teamId: target.teamId,
          projectId: target.projectId,
          id: versionId,
        }),
      );
      if (outcome.kind === 'ok' && outcome.body.awsStatus !== 'PENDING')
        return outcome.body.awsStatus === 'READY';
      await sleep(1_000);
    }
    return false;
  };

  /** A run as a training script leaves it: created, one metric logged, finished (only those register). */
  const trainingRun = async (index: number): Promise<string | null> => {
    const created = ledger.record(
      'mlflow runs/create',
      await target.mlflow.post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id: experimentId,
        start_time: Date.now(),
        run_name: `chaos-release-${index}`,
      }),
    );
    if (created.kind !== 'ok') return null;
    const runId = created.body.run.info.run_id;
    ledger.releaseRunIds.push(runId);
    const logged = ledger.record(
      'mlflow log-batch',
      await target.mlflow.post('runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'accuracy', value: 0.9, timestamp: Date.now(), step: 0 }],
      }),
    );
    if (logged.kind !== 'ok') return null;
    ledger.ackPoints(runId, ['accuracy'], [0]);
    const finished = ledger.record(
      'mlflow runs/update',
      await target.mlflow.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() }),
    );
    return finished.kind === 'ok' ? runId : null;
  };

  const release = async (index: number) => {
    const { teamId, projectId } = target;
    const group = ledger.record(
      'trpc modelGroup.create',
      await target.trpc.mutate<{ id: string }>('modelGroup.create', {
        teamId,
        projectId,
        name: `chaos-${target.seed}-${Date.now().toString(36)}-${index}`,
      }),
    );
    if (group.kind !== 'ok') return;
    ledger.modelGroupIds.push(group.body.id);
    const mlflowRunId = await trainingRun(index);
    if (!mlflowRunId) return;
    const runId = uuidOfHex(mlflowRunId);
    const version = ledger.record(
      'trpc modelVersion.register',
      await target.trpc.mutate<{ id: string }>('modelVersion.register', {
        teamId,
        projectId,
        modelGroupId: group.body.id,
        runId,
        artifactUri: `s3://cairn-chaos/models/${index}/model.tar.gz`,
        inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/chaos-scorer:1',
        framework: 'SKLEARN',
      }),
    );
    if (version.kind !== 'ok') return;
    ledger.modelVersionIds.push(version.body.id);
    if (!(await waitUntilRegistered(version.body.id)) || !isRunning) return;
    const modelVersionId = version.body.id;
    const specs = [
      {
        spec: {
          type: 'SERVERLESS' as const,
          modelVersionId,
          environment: 'DEV',
          memorySizeMb: 2048,
          maxConcurrency: 5,
        },
        assumptions: { serverlessTraffic: { requestsPerMonth: 1_000, avgDurationMs: 50 } },
      },
      {
        spec: {
          type: 'BATCH' as const,
          modelVersionId,
          environment: 'DEV',
          inputS3Uri: 's3://cairn-chaos/input/',
          outputS3Uri: `s3://cairn-chaos/output/${index}/`,
          instanceType: 'ml.m5.large',
          instanceCount: 1,
        },
        assumptions: { batchRunsPerMonth: 1, batchHoursPerRun: 0.1 },
      },
    ];
    for (const { spec, assumptions } of specs) {
      const deployment = ledger.record(
        'trpc deployment.create',
        await target.trpc.mutate<{ id: string }>('deployment.create', {
          teamId,
          projectId,
          spec,
          assumptions,
        }),
      );
      if (deployment.kind === 'ok') ledger.deployments.push({ id: deployment.body.id, type: spec.type });
    }
  };

  let releases = 0;
  const releaseLoop = async () => {
    while (isRunning) {
      releases++;
      await release(releases);
      await sleep(PAUSE_MS.release);
    }
  };

  const loops = [
    ...Array.from({ length: INGEST_LOOPS }, () => ingestLoop()),
    readsLoop(),
    ...Array.from({ length: RELEASE_LOOPS }, () => releaseLoop()),
  ];
  return {
    async stop() {
      isRunning = false;
      await Promise.all(loops);
    },
  };
}
