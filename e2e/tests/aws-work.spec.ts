import { expect, test } from './hydrated-page';
import { signInAs, signOut } from './sign-in';

test('an admin checks the team’s AWS access and sees the worker’s answer', async ({ page }) => {
  await signInAs(page, 'admin@example.com');
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Check access' }).click();
  const checks = page.getByRole('table', { name: 'AWS access checks' });
  await expect(checks.getByRole('row').nth(1)).toContainText('succeeded', { timeout: 30_000 });
  await expect(checks).toContainText('assumed-role/cairn-fraud-detection/');

  await page.getByRole('link', { name: 'Operations' }).click();
  await expect(page.getByRole('table', { name: 'Queues' })).toContainText('team.verify-aws-access');
  await signOut(page);
});

test('an engineer creates a model group that the worker mirrors to SageMaker', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.getByRole('link', { name: 'Card Fraud Scoring' }).first().click();
  await page.getByRole('button', { name: 'New model group' }).click();
  const name = `scorer-${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create model group' }).click();
  const row = page.getByRole('table', { name: 'Model groups' }).getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('ready', { timeout: 30_000 });
  await expect(row).toContainText('arn:aws:sagemaker:');
  await expect(page.getByRole('link', { name: 'Operations' })).toHaveCount(0);
  await signOut(page);
});

test('an engineer adds a release pipeline and starts it; the worker starts it in AWS', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.getByRole('link', { name: 'Chargeback Prediction' }).first().click();
  await page.getByRole('button', { name: 'Add pipeline' }).click();
  const name = `cairn-release-${Date.now()}`;
  await page.getByLabel('Pipeline name in AWS').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Add pipeline' }).click();
  await page.getByRole('button', { name: 'Run' }).click();
  const runs = page.getByRole('table', { name: `Runs of ${name}` });
  await expect(runs.getByText(/^(running|succeeded)$/)).toBeVisible({ timeout: 30_000 });
  await signOut(page);
});
