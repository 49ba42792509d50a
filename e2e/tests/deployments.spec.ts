import { expect, type Page, test } from '@playwright/test';
import { projectUrl, signInAs, signOut } from './sign-in';

/**
 * Deploying on the demo seed: "Card Fraud Scoring" has card-fraud-scorer v1, approved for prod.
 * An engineer puts it in staging as a real-time endpoint, updates it as a canary (after seeing
 * SageMaker's 50% canary limit explained), rolls back by hand, and finds it all on the list.
 * The worker rolls out against aws-sim; a rollout takes a few polls of the endpoint.
 */

const PROJECT = 'Card Fraud Scoring';
const VERSION_OPTION = /^card-fraud-scorer v1 · approved/;
const ROLLOUT_TIMEOUT_MS = 180_000;

async function chooseSegment(page: Page, group: string, option: string) {
  await page.getByRole('radiogroup', { name: group }).getByText(option, { exact: true }).click();
}

async function chooseStagingAndVersion(page: Page, hasVersionPreselected: boolean) {
  await expect(page.getByRole('heading', { name: 'Deploy a model version' })).toBeVisible();
  await chooseSegment(page, 'Environment', 'Staging');
  const versionBox = page.getByRole('combobox', { name: 'Model version' });
  if (hasVersionPreselected) {
    await expect(versionBox).toHaveValue(VERSION_OPTION);
  } else {
    await versionBox.click();
    await page.getByRole('option', { name: VERSION_OPTION }).click();
  }
}

async function expectStatus(page: Page, status: string) {
  await expect(page.getByTestId('deployment-status')).toHaveText(status, { timeout: ROLLOUT_TIMEOUT_MS });
}

test('an engineer deploys to staging, shifts a canary, rolls back by hand and sees it on the list', async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await signInAs(page, 'engineer@example.com');
  await projectUrl(page, PROJECT);

  // 1. All at once, real-time on ml.m5.large, to staging: a new endpoint.
  await page.getByRole('link', { name: 'All deployments' }).click();
  await expect(page.getByRole('heading', { name: 'Deployments', level: 2 })).toBeVisible();
  await page.getByRole('link', { name: 'Deploy' }).click();
  await chooseStagingAndVersion(page, false);
  await expect(page.getByRole('combobox', { name: 'Instance type' })).toHaveValue(/^ml\.m5\.large/);
  const preview = page.getByRole('region', { name: 'Deployment preview' });
  // Right after the seed the worker may still be registering v1's model package: the refusal
  // ("still being registered") lifts by itself once SageMaker has it.
  await expect(preview.getByText("Accepted by SageMaker's rules")).toBeVisible({ timeout: 60_000 });
  await expect(preview.getByText('Creates a new endpoint or job')).toBeVisible();
  // One ml.m5.large at $0.115 an hour for 730 hours.
  await expect(preview.getByTestId('preview-total')).toHaveText('$83.95');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  await expectStatus(page, 'In service');
  const endpointName = (await page.getByRole('heading', { level: 2 }).textContent()) ?? '';
  expect(endpointName).toContain('in staging');
  const firstDeploymentUrl = page.url();

  // 2. From the version's page, the same version again as a canary: an update of that endpoint,
  // priced with the bake overlap.
  await page.getByRole('link', { name: 'card-fraud-scorer v1' }).click();
  await expect(page.getByRole('table', { name: 'Deployments of this version' })).toContainText('In service');
  await page.getByRole('link', { name: 'Deploy', exact: true }).click();
  await chooseStagingAndVersion(page, true);
  await chooseSegment(page, 'Rollout strategy', 'Canary');
  await page.getByRole('textbox', { name: 'Bake time (s)' }).fill('30');
  await expect(preview.getByText(/^Updates endpoint cairn-/)).toBeVisible();
  await expect(preview.getByText("Accepted by SageMaker's rules")).toBeVisible();
  await expect(preview.getByRole('table', { name: 'Cost lines' })).toContainText('during the canary rollout');

  // 3. A 60% canary is refused with SageMaker's reason, beside the field and in the preview.
  const canarySize = page.getByRole('textbox', { name: 'Canary size (%)' });
  await canarySize.fill('60');
  const limit = 'SageMaker requires the canary to be at most 50%';
  await expect(preview.getByRole('alert').filter({ hasText: limit })).toBeVisible();
  await expect(page.getByText(`A 60% canary is too large: ${limit}`).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();

  // 4. Back to 10%: deploy the canary and watch it shift traffic and settle.
  await canarySize.fill('10');
  await expect(preview.getByText("Accepted by SageMaker's rules")).toBeVisible();
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(firstDeploymentUrl);
  await expect(page.getByTestId('traffic-percent')).toHaveText(/^\d+%$/, { timeout: 30_000 });
  await expectStatus(page, 'In service');
  // The canary step was seen on the way: 10% of traffic on the new fleet while it baked.
  await expect(page.getByLabel('Deployment timeline')).toContainText('10% of traffic on the new fleet');
  await expect(page.getByRole('region', { name: 'Deployment summary' })).toContainText('Canary');

  // 5. Roll back by hand: a reason is required, then the endpoint returns to the previous config.
  await page.getByRole('button', { name: 'Roll back' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(dialog.getByText('Reason is required')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Canary latency looked worse in staging');
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Deployment timeline')).toContainText(
    'Canary latency looked worse in staging',
  );
  await expectStatus(page, 'In service');
  await expect(page.getByRole('region', { name: 'Deployment summary' })).toContainText('All at once');

  // 6. The list shows the rolled-back endpoint in staging, and the superseded ones when asked.
  await page.getByRole('link', { name: 'Deployments' }).first().click();
  const staging = page.getByRole('table', { name: 'Staging deployments' });
  await expect(staging).toContainText('card-fraud-scorer v1');
  await expect(staging).toContainText('In service');
  await expect(staging).toContainText('All at once');
  await page.getByRole('switch', { name: 'Show ended' }).check();
  await expect(staging).toContainText('Superseded');
  await expect(staging).toContainText('Canary');
  await signOut(page);
});

test('a viewer sees what runs where but cannot deploy; an admin moves dev to another region', async ({
  page,
}) => {
  await signInAs(page, 'viewer@example.com');
  const projectPath = await projectUrl(page, PROJECT);
  await page.getByRole('link', { name: 'All deployments' }).click();
  await expect(page.getByRole('heading', { name: 'Deployments', level: 2 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Environments' })).toContainText('Approved versions');
  await expect(page.getByRole('link', { name: 'Deploy', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Dev' })).toHaveCount(0);
  await page.goto(`${projectPath}/deploy`);
  await expect(page.getByText('deploying needs the Engineer role')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();
  await signOut(page);

  await signInAs(page, 'admin@example.com');
  await page.goto(`${projectPath}/deployments`);
  await page.getByRole('button', { name: 'Edit Dev' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Region' }).fill('west');
  await dialog.getByRole('button', { name: 'Save environment' }).click();
  await expect(dialog.getByText('Must be an AWS region, e.g. eu-west-1')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Region' }).fill('eu-west-1');
  await dialog.getByRole('button', { name: 'Save environment' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Environments' }).getByRole('row', { name: /^Dev/ }),
  ).toContainText('eu-west-1');
  await signOut(page);
});
