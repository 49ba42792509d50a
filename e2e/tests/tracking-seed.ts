import { type APIRequestContext, expect, type Page } from '@playwright/test';

/**
 * Tracking data for the e2e journeys, logged the way a training script logs it: through the MLflow
 * REST API with a project API token, which the engineer creates in the browser first.
 */

export async function createProjectToken(page: Page, projectPath: string, name: string): Promise<string> {
  await page.goto(projectPath);
  await page.getByRole('button', { name: 'New token' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^cairn_/);
  await page.getByRole('button', { name: 'Done' }).click();
  return secret;
}

export class MlflowApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  async post<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
    const response = await this.request.post(`/api/2.0/mlflow/${path}`, {
      headers: { Authorization: `Bearer ${this.token}` },
      data: body,
    });
    const text = await response.text();
    expect(response.status(), `POST ${path}: ${text}`).toBe(200);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async createExperiment(name: string): Promise<string> {
    const out = await this.post<{ experiment_id: string }>('experiments/create', { name });
    return out.experiment_id;
  }

  async createRun(experimentId: string, runName: string, startTime: number): Promise<string> {
    const out = await this.post<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: experimentId,
      run_name: runName,
      start_time: startTime,
      tags: [{ key: 'mlflow.user', value: 'e2e-trainer' }],
    });
    return out.run.info.run_id;
  }

  async logBatch(
    runId: string,
    batch: {
      metrics?: Array<{ key: string; value: number; step: number; timestamp: number }>;
      params?: Array<{ key: string; value: string }>;
      tags?: Array<{ key: string; value: string }>;
    },
  ): Promise<void> {
    await this.post('runs/log-batch', { run_id: runId, ...batch });
  }

  async finishRun(runId: string, endTime: number): Promise<void> {
    await this.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: endTime });
  }
}

export interface SeededRun {
  name: string;
  params: Record<string, string>;
  /** The accuracy the curve ends at; loss falls as accuracy rises. */
  finalAccuracy: number;
  steps: number;
  isFinished: boolean;
}

/** A run with an accuracy and a loss curve over `steps` steps, logged in one batch per metric. */
export async function logRun(api: MlflowApi, experimentId: string, run: SeededRun, startTime: number) {
  const runId = await api.createRun(experimentId, run.name, startTime);
  const metrics = Array.from({ length: run.steps }, (_, step) => {
    const progress = (step + 1) / run.steps;
    const accuracy = 0.5 + (run.finalAccuracy - 0.5) * Math.sqrt(progress);
    const timestamp = startTime + step * 1_000;
    return [
      { key: 'accuracy', value: Number(accuracy.toFixed(4)), step, timestamp },
      { key: 'loss', value: Number((1 - accuracy).toFixed(4)), step, timestamp },
    ];
  }).flat();
  await api.logBatch(runId, {
    params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
    metrics,
  });
  if (run.isFinished) await api.finishRun(runId, startTime + run.steps * 1_000);
  return runId;
}
