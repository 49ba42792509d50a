import { test as base } from '@playwright/test';

/**
 * Playwright's `test` whose page, after each full load (`goto`), waits until React has hydrated
 * the server's HTML (the app marks `<html data-hydrated>`): pages render their content on the
 * server, and a click on a button before hydration would be lost.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      return response;
    };
    await use(page);
  },
});

export { expect } from '@playwright/test';
