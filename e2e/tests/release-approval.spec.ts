import type { Page } from '@playwright/test';
import { expect, test } from './hydrated-page';
import { projectUrl, signInAs, signOut } from './sign-in';
import { createProjectToken, MlflowApi } from './tracking-seed';

/**
 * Release sign-off end to end on the demo seed: "Card Fraud Scoring" requires two approvals, an
 * AUC gate and a version that beats production (card-fraud-scorer v1, approved by the seed), and
 * starts the release pipeline cairn-card-fraud-release when a version is approved.
 */

const AWS_SIM_URL = 'http://127.0.0.1:4567';
const GROUP = 'card-fraud-scorer';
const RELEASE_PIPELINE = 'cairn-card-fraud-release';
/** Stops at a CodePipeline manual approval action until someone answers it. */
const GATED_PIPELINE = 'cairn-card-fraud-promote-approval';
// aws-sim runs a pipeline for about 30 seconds; the worker polls it on top of that.
const PIPELINE_TIMEOUT_MS = 150_000;

/** MLflow ids travel as 32 hex digits; Cairn's pages take the UUID form. */
function toUuid(id: string): string {
  const hex = id.replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A finished run better than anything in production: AUC 0.995 at its last step. */
async function logCandidateRun(api: MlflowApi): Promise<string> {
  const experimentId = await api.createExperiment(`release-${Date.now()}`);
  const startTime = Date.now() - 60_000;
  const runId = await api.createRun(experimentId, 'xgb-release-candidate', startTime);
  const steps = 8;
  const metrics = Array.from({ length: steps }, (_, step) => {
    const timestamp = startTime + step * 1_000;
    const progress = (step + 1) / steps;
    return [
      { key: 'auc', value: Number((0.8 + 0.195 * progress).toFixed(4)), step, timestamp },
      { key: 'loss', value: Number((0.4 - 0.3 * progress).toFixed(4)), step, timestamp },
    ];
  }).flat();
  await api.logBatch(runId, {
    params: [
      { key: 'max_depth', value: '8' },
      { key: 'learning_rate', value: '0.05' },
    ],
    metrics,
  });
  await api.finishRun(runId, startTime + steps * 1_000);
  return toUuid(runId);
}

async function approveRequest(page: Page, requestPath: string, comment: string) {
  await page.goto(requestPath);
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Confirm: approve' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('decision').filter({ hasText: comment })).toContainText(
    'Counts toward the decision',
  );
}

test('a version is requested for prod, approved by two independent approvers, mirrored to SageMaker and released', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(300_000);

  // The engineer registers a better run of the scorer and asks for a production release.
  await signInAs(page, 'engineer@example.com');
  const projectPath = await projectUrl(page, 'Card Fraud Scoring');
  await expect(page.getByRole('list', { name: 'Approval policy rules' })).toContainText('2 approvals');
  const token = await createProjectToken(page, projectPath, `e2e-release-${Date.now()}`);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const runId = await logCandidateRun(new MlflowApi(request, token));

  await page.goto(`${projectPath}/runs/${runId}`);
  await page.getByRole('button', { name: 'Register model' }).click();
  const register = page.getByRole('dialog');
  await register.getByRole('combobox', { name: 'Model group' }).click();
  await page.getByRole('option', { name: GROUP, exact: true }).click();
  await register
    .getByRole('textbox', { name: 'Artifact URI' })
    .fill('s3://cairn-artifacts/release/model.tar.gz');
  await register
    .getByRole('textbox', { name: 'Inference image' })
    .fill('111122223333.dkr.ecr.us-east-1.amazonaws.com/card-fraud-scorer:2.0.0');
  await register.getByRole('combobox', { name: 'Framework' }).click();
  await page.getByRole('option', { name: 'XGBoost' }).click();
  await register.getByRole('textbox', { name: 'Intended use' }).fill('Card fraud scoring at checkout');
  await register.getByRole('button', { name: 'Register model' }).click();
  await expect(register).toHaveCount(0);

  const lineage = page.getByRole('table', { name: 'Model versions from this run' });
  await expect(lineage).toContainText('in SageMaker', { timeout: 30_000 });
  await lineage.getByRole('link', { name: new RegExp(`^${GROUP} v\\d+$`) }).click();
  const versionHeading = page.getByRole('heading', { level: 2, name: new RegExp(`^${GROUP} v\\d+$`) });
  await expect(versionHeading).toBeVisible();
  const versionTitle = (await versionHeading.textContent())?.trim() ?? '';
  const versionPath = new URL(page.url()).pathname;
  await expect(page.getByText('SageMaker: PendingManualApproval')).toBeVisible();

  await page.getByRole('button', { name: 'Request approval' }).click();
  const requestDialog = page.getByRole('dialog');
  await expect(requestDialog.getByRole('combobox', { name: 'Environment' })).toHaveValue('Prod');
  await requestDialog.getByRole('textbox', { name: 'Notes for the approvers' }).fill('Beats v1 on AUC.');
  await requestDialog.getByRole('button', { name: 'Request approval' }).click();
  await expect(requestDialog).toHaveCount(0);
  const requests = page.getByTestId('approval-request');
  await expect(requests.first()).toContainText('pending');
  await expect(requests.first()).toContainText('Beats v1 on AUC.');
  await signOut(page);

  // The first approver finds it on the desk, reads the gates with their numbers and approves.
  await signInAs(page, 'approver@example.com');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /^Approvals/ })
    .click();
  const desk = page.getByRole('table', { name: 'Approval requests waiting' });
  const row = desk.getByRole('row', { name: new RegExp(versionTitle) });
  await expect(row).toContainText('0/2');
  await expect(row).toContainText('all pass');
  await row.getByRole('link', { name: versionTitle }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: `Approve ${versionTitle} for Prod?` }),
  ).toBeVisible();
  const requestPath = new URL(page.url()).pathname;
  const gates = page.getByRole('table', { name: 'Gates' });
  const aucGate = gates.getByRole('row', { name: /auc >= 0\.9/ });
  await expect(aucGate).toContainText('pass');
  await expect(aucGate).toContainText('auc is 0.995, meets >= 0.9');
  await expect(gates.getByRole('row', { name: /as good as production/ })).toContainText('pass');
  await expect(page.getByRole('table', { name: 'Metrics against production' })).toContainText('better');
  await expect(page.getByText('There is no cost prediction for this release')).toBeVisible();
  await approveRequest(page, requestPath, 'AUC gate passes with margin.');
  await expect(page.getByText('Approvals 1 of 2')).toBeVisible();
  await signOut(page);

  // The engineer who registered it may not decide, and is told why.
  await signInAs(page, 'engineer@example.com');
  await page.goto(requestPath);
  await expect(page.getByTestId('cannot-decide')).toContainText(
    /Approver or Admin role|registered this model version/,
  );
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await signOut(page);

  // The second approver completes the quorum.
  await signInAs(page, 'approver2@example.com');
  await approveRequest(page, requestPath, 'Calibration checked.');
  await expect(page.getByText('This request is approved; no further decisions are taken.')).toBeVisible();
  await signOut(page);

  // The version is approved, SageMaker follows and the release pipeline runs to the end.
  await signInAs(page, 'engineer@example.com');
  await page.goto(versionPath);
  await expect(page.getByTestId('approval-request').first()).toContainText('approved');
  const release = page.getByTestId('release-run').filter({ hasText: RELEASE_PIPELINE });
  await expect(release).toBeVisible({ timeout: 30_000 });
  await expect(release).toContainText('succeeded', { timeout: PIPELINE_TIMEOUT_MS });
  await expect(page.getByText('SageMaker: Approved')).toBeVisible({ timeout: 60_000 });

  // The summary names the package first; the release run's variables repeat it further down.
  const packageArn = (
    await page
      .getByText(/^arn:aws:sagemaker:.*:model-package\//)
      .first()
      .textContent()
  )?.trim();
  expect(packageArn).toBeTruthy();
  const sim = await playwright.request.newContext();
  const listing = await sim.get(`${AWS_SIM_URL}/_sim/resources?type=model-package`);
  expect(listing.ok()).toBe(true);
  const { resources } = (await listing.json()) as {
    resources: Array<{ arn: string; details?: { modelApprovalStatus?: string } }>;
  };
  expect(resources.find((resource) => resource.arn === packageArn)?.details?.modelApprovalStatus).toBe(
    'Approved',
  );
  await signOut(page);
});

test('an approver answers a release pipeline’s manual approval from the version page', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'engineer@example.com');
  const projectPath = await projectUrl(page, 'Card Fraud Scoring');
  await page
    .getByRole('table', { name: 'Model groups' })
    .getByRole('row', { name: new RegExp(GROUP) })
    .getByRole('button', { name: /^Show \d+ versions?$/ })
    .click();
  await page
    .getByRole('table', { name: 'Model versions' })
    .getByRole('link', { name: 'v1', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: `${GROUP} v1` })).toBeVisible();
  const versionPath = new URL(page.url()).pathname;
  expect(versionPath.startsWith(projectPath)).toBe(true);

  await page.getByRole('button', { name: 'Start pipeline' }).click();
  await page.getByRole('menuitem', { name: GATED_PIPELINE }).click();
  const gated = page.getByTestId('release-run').filter({ hasText: GATED_PIPELINE }).first();
  const waiting = gated.getByTestId('waiting-approval');
  await expect(waiting).toContainText('Waiting for approval at', { timeout: 90_000 });
  await expect(waiting.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(waiting).toContainText('an approver answers');
  await signOut(page);

  await signInAs(page, 'approver@example.com');
  await page.goto(versionPath);
  await waiting.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Summary for CodePipeline' }).fill('Promote to EU.');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Confirm: approve' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(gated).toContainText('succeeded', { timeout: PIPELINE_TIMEOUT_MS });
  await expect(gated).toContainText('Manual approval answered: Approved');
  await signOut(page);
});
