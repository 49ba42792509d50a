import { expect, test } from '@playwright/test';
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
  await expect(row).toContainText('in SageMaker', { timeout: 30_000 });
  await expect(row).toContainText('arn:aws:sagemaker:');
  await expect(page.getByRole('link', { name: 'Operations' })).toHaveCount(0);
  await signOut(page);
});
