/** Creates an experiment and `count` running runs through the MLflow API, for log-batch to write to. */
export async function createIngestRuns(webUrl: string, token: string, count: number): Promise<string[]> {
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${webUrl}/api/2.0/mlflow/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`MLflow ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const experiment = await call('experiments/create', { name: `bench-load-${Date.now()}` });
  const runIds: string[] = [];
  for (let index = 0; index < count; index++) {
    const created = await call('runs/create', {
      experiment_id: experiment.experiment_id,
      start_time: Date.now(),
      run_name: `load-${index}`,
    });
    runIds.push((created.run as { info: { run_id: string } }).info.run_id);
  }
  return runIds;
}
