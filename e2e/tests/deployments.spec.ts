import type { Page } from '@playwright/test';
import { expect, test } from './hydrated-page';
import { projectUrl, signInAs, signOut } from './sign-in';

/**
 * Deploying on the demo seed: "Card Fraud Scoring" has card-fraud-scorer v1, approved for prod.
 * An engineer puts it in staging as a real-time endpoint, updates it as a canary (after seeing
 * SageMaker's 50% canary limit explained), adds a tight 5xx rule for the project, and starts a
 * second canary; errors injected in aws-sim trip the rule's CloudWatch alarm, SageMaker rolls the
 * canary back and Cairn's alert fires on the endpoint. The engineer acknowledges the alert, rolls
 * back by hand, and finds it all on the list. The worker rolls out against aws-sim; a rollout takes
 * a few polls of the endpoint, and metrics are collected once a minute.
 */

const PROJECT = 'Card Fraud Scoring';
const VERSION_OPTION = /^card-fraud-scorer v1 · approved/;
const ROLLOUT_TIMEOUT_MS = 180_000;
const ALERT_TIMEOUT_MS = 300_000;
const AWS_SIM_URL = 'http://127.0.0.1:4567';

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

async function setEndpointErrors(page: Page, endpointName: string, errorRate: number) {
  const answer = await page.request.post(`${AWS_SIM_URL}/_sim/endpoints/${endpointName}/traffic`, {
    data: { errorRate },
  });
  expect(answer.ok()).toBe(true);
}

async function addProjectWide5xxRule(page: Page) {
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an alert rule' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('5xx burst');
  await expect(dialog.getByRole('combobox', { name: 'Metric' })).toHaveValue('error_rate_5xx');
  await dialog.getByRole('textbox', { name: 'Threshold' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Window (minutes)' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Evaluation periods' }).fill('1');
  await dialog.getByRole('combobox', { name: 'Severity' }).click();
  await page.getByRole('option', { name: 'CRITICAL' }).click();
  await dialog.getByRole('checkbox', { name: 'Apply to every deployment of the project' }).check();
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /5xx burst/ }),
  ).toContainText('Every deployment');
}

test('an engineer deploys to staging, shifts canaries, sees an alarm roll one back, acknowledges the alert and rolls back by hand', async ({
  page,
}) => {
  test.setTimeout(16 * 60_000);
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

  const canaryUrl = page.url();
  const awsEndpointName = /(cairn-ep-[0-9a-f]{32})/.exec(
    (await page
      .getByText(/endpoint cairn-ep-/)
      .first()
      .textContent()) ?? '',
  )?.[1];
  expect(awsEndpointName).toBeTruthy();

  // 5. A tight 5xx rule for every deployment of the project: the next canary gets it as a
  // CloudWatch alarm that SageMaker watches while it bakes.
  await addProjectWide5xxRule(page);

  // 6. A second canary with a long bake; errors injected while it bakes trip the alarm, SageMaker
  // rolls it back, and the endpoint stays on the first canary's config.
  await page.getByRole('link', { name: 'card-fraud-scorer v1' }).click();
  await page.getByRole('link', { name: 'Deploy', exact: true }).click();
  await chooseStagingAndVersion(page, true);
  await chooseSegment(page, 'Rollout strategy', 'Canary');
  await page.getByRole('textbox', { name: 'Bake time (s)' }).fill('600');
  await expect(preview.getByText("Accepted by SageMaker's rules")).toBeVisible();
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(canaryUrl);
  await expect(page.getByTestId('traffic-percent')).toHaveText('10%', { timeout: ROLLOUT_TIMEOUT_MS });
  await setEndpointErrors(page, awsEndpointName ?? '', 0.5);
  await expectStatus(page, 'Failed');
  await expect(page.getByText(/rolled back automatically: alarm/).first()).toBeVisible();
  await expect(page.getByLabel('Deployment timeline')).toContainText('Rolling back');

  // 7. The endpoint (still the first canary) fires the project rule's alert; the engineer
  // acknowledges it with a note.
  await page.goto(canaryUrl);
  await expectStatus(page, 'In service');
  const alerts = page.getByRole('table', { name: 'Alerts' });
  await expect(alerts.getByRole('row', { name: /5xx burst/ })).toContainText('Firing', {
    timeout: ALERT_TIMEOUT_MS,
  });
  await alerts
    .getByRole('row', { name: /5xx burst/ })
    .getByRole('button', { name: 'Acknowledge' })
    .click();
  const acknowledge = page.getByRole('dialog');
  await acknowledge
    .getByRole('textbox', { name: 'Note' })
    .fill('Errors after the canary: rolling back to v1 all at once');
  await acknowledge.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(acknowledge).toHaveCount(0);
  await expect(alerts.getByRole('row', { name: /5xx burst/ })).toContainText('Acknowledged');
  await expect(alerts).toContainText('Errors after the canary: rolling back to v1 all at once');
  await setEndpointErrors(page, awsEndpointName ?? '', 0);

  // 8. Roll back by hand: a reason is required, then the endpoint returns to the previous config.
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

  // The replaced canary's alert resolved with it: nothing evaluates a deployment that stopped serving.
  await page.goto(canaryUrl);
  await page.getByRole('radiogroup', { name: 'Which alerts' }).getByText('Recent', { exact: true }).click();
  await expect(
    page.getByRole('table', { name: 'Alerts' }).getByRole('row', { name: /5xx burst/ }),
  ).toContainText('Resolved', { timeout: ROLLOUT_TIMEOUT_MS });

  // 9. The list shows the rolled-back endpoint in staging, and the superseded ones when asked.
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
