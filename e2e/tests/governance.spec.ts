import { readFile } from 'node:fs/promises';
import { expect, test } from './hydrated-page';
import { signInAs } from './sign-in';

test('an org admin follows spend to a deployment, reads its history, verifies the trail and exports it', async ({
  page,
}) => {
  await signInAs(page, 'admin@example.com');
  await page.getByRole('navigation').getByRole('link', { name: 'Costs', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/costs/);
  const teams = page.getByRole('table', { name: 'Spend by team' });
  await expect(teams).toContainText('Fraud Detection');
  await expect(teams).toContainText('Recommendations');

  // The demo's fraud team carries two months of past deployments: its spend leads to them.
  await teams.getByRole('link', { name: 'Fraud Detection' }).click();
  await expect(page).toHaveURL(/\/teams\/[^/]+\/costs/);
  const topSpenders = page.getByRole('table', { name: 'Top spending deployments' });
  await expect(topSpenders.getByRole('link').first()).toBeVisible();
  await topSpenders.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/deployments\/[0-9a-f-]{36}/);

  await page.getByRole('link', { name: 'History' }).first().click();
  await expect(page).toHaveURL(/\/admin\/audit\?.*resourceId=/);
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events).toContainText('deployment.');

  await page.getByRole('button', { name: 'Verify integrity' }).click();
  const report = page.getByTestId('verify-result');
  await expect(report).toBeVisible();
  // Intact; checkpoints may show a gap while a loaded machine ran the minute sweep late.
  await expect(report).toContainText(/intact/);
  await expect(report).not.toContainText('tampered');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV' }).click();
  const csv = await readFile((await (await download).path()) ?? '', 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header?.split(',')[0]).toBe('seq');
  expect(rows.length).toBeGreaterThan(0);
  expect(csv).toContain(',Deployment,');
});

test('an org admin creates a team and gives it its first admin', async ({ page }) => {
  await signInAs(page, 'admin@example.com');
  const name = `Payments Risk ${Date.now()}`;
  await page.getByRole('button', { name: 'New team' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('AWS region').fill('eu-west-1');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page).toHaveURL(/\/teams\/[0-9a-f-]{36}\/members/);
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByText('This team has no members yet.')).toBeVisible();

  await page.getByRole('textbox', { name: 'Email' }).fill('other@example.com');
  await page.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Admin' });
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('table')).toContainText('other@example.com');
});
