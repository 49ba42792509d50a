import { expect, test } from './hydrated-page';
import { projectUrl, signIn, signInAs, signOut } from './sign-in';

const NOT_FOUND = /not found/i;

let fraudProjectPath = '';
let recommendationsProjectPath = '';

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAs(page, 'admin@example.com');
  fraudProjectPath = await projectUrl(page, 'Card Fraud Scoring');
  recommendationsProjectPath = await projectUrl(page, 'Homepage Ranking');
  await page.close();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await signIn(page, 'engineer@example.com', 'not-the-password');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('a viewer reads the team but cannot create, manage or audit', async ({ page }) => {
  await signInAs(page, 'viewer@example.com');
  await expect(page.getByRole('link', { name: 'Card Fraud Scoring' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);

  await page.getByRole('navigation').getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('table', { name: 'Projects' })).toContainText('Chargeback Prediction');
  await expect(page.getByRole('button', { name: 'New project' })).toHaveCount(0);

  await page.goto(fraudProjectPath);
  await expect(page.getByText('API tokens of this project are visible to engineers')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0);

  await page.goto('/admin/audit');
  await expect(page.getByText(NOT_FOUND).first()).toBeVisible();
  await page.goto(recommendationsProjectPath);
  await expect(page.getByText(NOT_FOUND).first()).toBeVisible();
  await signOut(page);
});

test('an engineer creates a project and an API token whose secret is shown once', async ({ page }) => {
  await signInAs(page, 'engineer@example.com');
  await page.getByRole('navigation').getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  const name = `Churn model ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();

  await page.getByRole('button', { name: 'New token' }).click();
  await page.getByLabel('Name').fill('nightly-training');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('token-secret')).toHaveText(/^cairn_[A-Za-z0-9]+_[A-Za-z0-9]+$/);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'API tokens' })).toContainText('nightly-training');

  // Engineers cannot archive projects or manage members.
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Members' }).click();
  await expect(page.getByText('Add a member')).toHaveCount(0);

  await page.goto(recommendationsProjectPath);
  await expect(page.getByText(NOT_FOUND).first()).toBeVisible();
  await signOut(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('an approver sees the team but not its administration', async ({ page }) => {
  await signInAs(page, 'approver@example.com');
  await expect(page.getByRole('link', { name: 'Card Fraud Scoring' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByText(NOT_FOUND).first()).toBeVisible();
  await signOut(page);
});

test('an engineer of another team sees only their own team', async ({ page }) => {
  await signInAs(page, 'other@example.com');
  await expect(page.getByRole('link', { name: 'Homepage Ranking' })).toBeVisible();
  await expect(page.getByText('Fraud Detection')).toHaveCount(0);
  await page.goto(fraudProjectPath);
  await expect(page.getByText(NOT_FOUND).first()).toBeVisible();
  await expect(page.getByText('Card Fraud Scoring')).toHaveCount(0);
  await signOut(page);
});

test('an org admin browses and verifies the audit trail and reviews users', async ({ page }) => {
  await signInAs(page, 'admin@example.com');
  await page.getByRole('link', { name: 'Audit trail' }).first().click();
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events).toContainText('project.create');

  await page.getByLabel('Action').fill('member.');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(events).toContainText('member.add');
  await expect(events).not.toContainText('project.create');

  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('The audit trail is intact');

  await page.getByRole('link', { name: 'Users' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  for (const email of ['admin@', 'approver@', 'engineer@', 'viewer@', 'other@']) {
    await expect(users).toContainText(`${email}example.com`);
  }
  await signOut(page);
});
