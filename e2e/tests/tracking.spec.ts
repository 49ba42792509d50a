import type { Page } from '@playwright/test';
import { expect, test } from './hydrated-page';
import { projectUrl, signInAs, signOut } from './sign-in';
import { createProjectToken, logRun, MlflowApi } from './tracking-seed';

// Seeded once through the MLflow REST API with a token of the project, as training code would.
let projectPath = '';
let experimentPath = '';
let sweepPath = '';
let liveRunPath = '';
let liveRunId = '';
let api: MlflowApi;
const experimentName = `fraud-tracking-${Date.now()}`;
const SWEEP_RUNS = 55; // more than one page of the runs table (50)

/** MLflow ids travel as 32 hex digits; Cairn's pages take the UUID form. */
function toUuid(id: string): string {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) return id;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  const page = await browser.newPage();
  await signInAs(page, 'engineer@example.com');
  projectPath = await projectUrl(page, 'Card Fraud Scoring');
  const token = await createProjectToken(page, projectPath, `e2e-tracking-${Date.now()}`);
  await page.close();

  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  api = new MlflowApi(request, token);
  const experimentId = await api.createExperiment(experimentName);
  experimentPath = `${projectPath}/experiments/${toUuid(experimentId)}`;
  const start = Date.now() - 3_600_000;
  const runs = [
    {
      name: 'baseline',
      params: { lr: '0.1', epochs: '10' },
      finalAccuracy: 0.82,
      steps: 50,
      isFinished: true,
    },
    { name: 'tuned', params: { lr: '0.01', epochs: '10' }, finalAccuracy: 0.93, steps: 50, isFinished: true },
    { name: 'wide', params: { lr: '0.01', epochs: '20' }, finalAccuracy: 0.95, steps: 100, isFinished: true },
  ];
  for (const [index, run] of runs.entries()) await logRun(api, experimentId, run, start + index * 60_000);
  liveRunId = await logRun(
    api,
    experimentId,
    { name: 'live', params: { lr: '0.001', epochs: '30' }, finalAccuracy: 0.7, steps: 5, isFinished: false },
    start + 10 * 60_000,
  );
  liveRunPath = `${projectPath}/runs/${toUuid(liveRunId)}`;

  const sweepId = await api.createExperiment(`${experimentName}-sweep`);
  sweepPath = `${projectPath}/experiments/${toUuid(sweepId)}`;
  for (let index = 0; index < SWEEP_RUNS; index++) {
    const runId = await api.createRun(
      sweepId,
      `sweep-${String(index).padStart(2, '0')}`,
      start + index * 1_000,
    );
    await api.logBatch(runId, { metrics: [{ key: 'auc', value: index / 100, step: 0, timestamp: start }] });
  }
});

function runRows(page: Page) {
  return page.getByRole('table', { name: 'Runs' }).locator('tbody tr');
}

test('an engineer filters and sorts an experiment’s runs, then opens a run’s charts', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(projectPath);
  await expect(page.getByRole('button', { name: 'New experiment' })).toBeVisible();
  await page
    .getByRole('table', { name: 'Experiments' })
    .getByRole('link', { name: experimentName, exact: true })
    .click();
  await expect(page.getByRole('heading', { name: experimentName, level: 2 })).toBeVisible();
  await expect(runRows(page)).toHaveCount(4);

  await page.getByLabel('Filter runs').fill('metrics.accuracy > 0.9');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(runRows(page)).toHaveCount(2);
  await expect(page).toHaveURL(/filter=metrics.accuracy/);

  await page.getByRole('button', { name: 'Sort by accuracy' }).click();
  await expect(page).toHaveURL(/order=metrics.accuracy\+ASC/);
  await expect(runRows(page).first()).toContainText('tuned');
  await page.getByRole('button', { name: 'Sort by accuracy' }).click();
  await expect(page).toHaveURL(/order=metrics.accuracy\+DESC/);
  await expect(runRows(page).first()).toContainText('wide');
  await expect(runRows(page).nth(1)).toContainText('tuned');

  // The column picker: dropping a column takes it off the table and into the shareable URL.
  await expect(page.getByRole('button', { name: 'Sort by loss' })).toBeVisible();
  await page.getByRole('button', { name: /^Columns/ }).click();
  const lossColumn = page.getByRole('group', { name: 'Metrics' }).getByLabel('loss');
  await lossColumn.click();
  await expect(lossColumn).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Sort by loss' })).toHaveCount(0);
  await expect(page).toHaveURL(/cols=metrics.accuracy%2Cparams/);

  await runRows(page).first().getByRole('link', { name: 'wide' }).click();
  await expect(page.getByRole('heading', { name: 'wide', level: 2 })).toBeVisible();
  await expect(page.getByText('finished').first()).toBeVisible();
  for (const key of ['accuracy', 'loss']) {
    const chart = page.getByRole('figure', { name: `Chart of ${key}` });
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  }
  await expect(page.getByRole('table', { name: 'Latest metrics' })).toContainText('0.95');
  await expect(
    page.getByRole('table', { name: 'Params' }).getByRole('row', { name: /epochs/ }),
  ).toContainText('20');
  await page.getByRole('link', { name: new RegExp(`Experiment ${experimentName}`) }).click();
  await expect(page.getByRole('heading', { name: experimentName, level: 2 })).toBeVisible();
  await signOut(page);
});

test('an engineer compares two runs: overlaid curves, the differing param highlighted, the best metric marked', async ({
  page,
}) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(`${experimentPath}?filter=${encodeURIComponent('metrics.accuracy > 0.9')}`);
  await expect(runRows(page)).toHaveCount(2);
  await page.getByLabel('Select tuned').check();
  await expect(page.getByRole('button', { name: 'Compare (1)' })).toBeDisabled();
  await page.getByLabel('Select wide').check();
  await page.getByRole('link', { name: 'Compare (2)' }).click();

  await expect(page.getByRole('heading', { name: 'Compare 2 runs', level: 2 })).toBeVisible();
  const accuracyChart = page.getByRole('figure', { name: 'Chart of accuracy' });
  await expect(accuracyChart.locator('.recharts-line-curve')).toHaveCount(2);

  const params = page.getByRole('table', { name: 'Params diff' });
  await expect(params.getByRole('row', { name: /epochs/ })).toHaveAttribute('data-different', 'true');
  await expect(params.getByRole('row', { name: /lr/ })).not.toHaveAttribute('data-different', 'true');
  await page.getByLabel('Only differences').check();
  await expect(params.getByRole('row', { name: /lr/ })).toHaveCount(0);
  await expect(params.getByRole('row', { name: /epochs/ })).toBeVisible();

  const accuracyRow = page
    .getByRole('table', { name: 'Final metrics' })
    .getByRole('row', { name: /accuracy/ });
  await expect(accuracyRow.locator('[data-best]')).toHaveText('0.95');
  await signOut(page);
});

test('an engineer creates, renames, deletes and restores an experiment', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(projectPath);
  const experiments = page.getByRole('table', { name: 'Experiments' });
  const name = `churn-baseline-${Date.now()}`;
  await page.getByRole('button', { name: 'New experiment' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create experiment' }).click();
  await expect(experiments.getByRole('link', { name, exact: true })).toBeVisible();

  // Names are unique in the project: the server's message sits under the field.
  await page.getByRole('button', { name: 'New experiment' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create experiment' }).click();
  await expect(page.getByRole('dialog')).toContainText(`An experiment named '${name}' already exists`);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  const renamed = `${name}-v2`;
  await page.getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(renamed);
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
  await expect(experiments.getByRole('link', { name: renamed })).toBeVisible();

  await page.getByRole('button', { name: `Actions for ${renamed}` }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete experiment' }).click();
  await expect(experiments.getByRole('link', { name: renamed })).toHaveCount(0);

  await page.getByLabel('Show deleted').check();
  const deletedRow = experiments.getByRole('row', { name: new RegExp(renamed) });
  await expect(deletedRow).toContainText('deleted');
  await page.getByRole('button', { name: `Actions for ${renamed}` }).click();
  await page.getByRole('menuitem', { name: 'Restore' }).click();
  await expect(deletedRow).not.toContainText('deleted');
  await signOut(page);
});

test('the runs table pages by keyset; a deleted run comes back with Show deleted and is restored', async ({
  page,
}) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(`${sweepPath}?order=${encodeURIComponent('metrics.auc DESC')}`);
  await expect(runRows(page)).toHaveCount(50);
  await expect(runRows(page).first()).toContainText('sweep-54');
  await page.getByRole('button', { name: 'Load more runs' }).click();
  await expect(runRows(page)).toHaveCount(SWEEP_RUNS);
  await expect(runRows(page).last()).toContainText('sweep-00');
  await expect(page.getByRole('button', { name: 'Load more runs' })).toHaveCount(0);

  // A deleted run leaves the table until "Show deleted" brings it back to restore.
  await runRows(page).getByRole('link', { name: 'sweep-00' }).click();
  await page.getByRole('button', { name: 'Delete run' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete run' }).click();
  await expect(page.getByRole('button', { name: 'Restore run' })).toBeVisible();
  await page.goto(`${sweepPath}?order=${encodeURIComponent('metrics.auc DESC')}`);
  await expect(runRows(page)).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more runs' }).click();
  await expect(runRows(page)).toHaveCount(SWEEP_RUNS - 1);
  await page.getByLabel('Show deleted').check();
  await expect(runRows(page)).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more runs' }).click();
  await expect(runRows(page)).toHaveCount(SWEEP_RUNS);
  const deletedRow = runRows(page).filter({ hasText: 'sweep-00' });
  await expect(deletedRow).toContainText('deleted');
  await deletedRow.getByRole('link', { name: 'sweep-00' }).click();
  await page.getByRole('button', { name: 'Restore run' }).click();
  await expect(page.getByRole('button', { name: 'Delete run' })).toBeVisible();
  await signOut(page);
});

test('a malformed filter shows the server’s message under the input', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(experimentPath);
  await expect(runRows(page)).toHaveCount(4);
  const filter = page.getByLabel('Filter runs');
  await filter.fill('metrics.accuracy > 0.9 OR metrics.loss < 0.1');
  await filter.press('Enter');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/OR is not supported/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Runs' })).toHaveCount(0);
  await signOut(page);
});

test('a running run’s metrics and status update without a reload', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.goto(liveRunPath);
  await expect(page.getByRole('heading', { name: 'live', level: 2 })).toBeVisible();
  await expect(page.getByText('running', { exact: true }).first()).toBeVisible();
  const latest = page.getByRole('table', { name: 'Latest metrics' });
  await expect(latest.getByRole('row', { name: /loss/ })).toBeVisible();

  await api.logBatch(liveRunId, {
    metrics: [{ key: 'loss', value: 0.0123, step: 5, timestamp: Date.now() }],
  });
  await expect(latest.getByRole('row', { name: /loss/ })).toContainText('0.0123', { timeout: 15_000 });
  await api.finishRun(liveRunId, Date.now());
  await expect(page.getByText('finished', { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/^Live: refreshing/)).toHaveCount(0);
  await signOut(page);
});

test('a viewer reads experiments and runs but sees no write controls', async ({ page }) => {
  await signInAs(page, 'viewer@example.com');
  await page.goto(projectPath);
  const experiments = page.getByRole('table', { name: 'Experiments' });
  await expect(experiments.getByRole('link', { name: experimentName, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New experiment' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);
  await experiments.getByRole('link', { name: experimentName, exact: true }).click();
  await expect(runRows(page)).toHaveCount(4);
  await runRows(page).getByRole('link', { name: 'baseline' }).click();
  await expect(page.getByRole('figure', { name: 'Chart of loss' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete run' })).toHaveCount(0);

  // The demo's 50,000-point pre-training run: the chart ships a downsampled series and says so.
  await page.goto(projectPath);
  await experiments.getByRole('link', { name: 'mlp-card-fraud' }).click();
  await runRows(page).getByRole('link', { name: 'mlp-pretrain-long' }).click();
  await expect(page.getByRole('figure', { name: 'Chart of train_loss' })).toContainText(
    /showing [\d,]+ of 50,000 points \(downsampled\)/,
  );
  await signOut(page);
});
