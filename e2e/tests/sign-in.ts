import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'cairn-demo';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: /^Welcome back/ })).toBeVisible();
  // Signing in ends in a full page load: its buttons answer once React has hydrated it.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/** The URL of a project page, found by following links as the given user would. */
export async function projectUrl(page: Page, projectName: string): Promise<string> {
  await page.goto('/');
  await page
    .getByRole('link', { name: new RegExp(projectName) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: projectName, level: 2 })).toBeVisible();
  return new URL(page.url()).pathname;
}
