import { chromium, type Page } from 'playwright-core';
import { firstLoadJsBytesOfRoute, gzipBytesOfScripts } from './load-first-load-js';
import { median } from './measure';

export interface PageUnderTest {
  label: string;
  path: string;
  /** The app route that serves it, as the build names it (e.g. `(app)/page`). */
  route: string;
}

export interface PageResult {
  label: string;
  path: string;
  serverResponseMs: number;
  lcpMs: number;
  /** What the largest contentful paint was (tag and the start of its text), from the last load. */
  lcpElement: string;
  /** The route's first-load JavaScript from the build output, gzipped (firstLoadJsBytesOfRoute). */
  firstLoadJsBytes: number;
  /** Every script the page had loaded once the network went quiet, lazy chunks included. */
  allJsBytes: number;
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface LoadSample {
  serverResponseMs: number;
  lcpMs: number;
  lcpElement: string;
  allScripts: string[];
}

/**
 * Read in the page: navigation timing, the last largest-contentful-paint candidate and every
 * script loaded. A string, so the bundler's helpers never reach the browser.
 */
const READ_TIMINGS = `new Promise((resolve) => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const allScripts = performance.getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
    .map((entry) => entry.name);
  const serverResponseMs = navigation.responseStart - navigation.requestStart;
  const describe = (entry) => {
    const element = entry.element;
    if (!element) return entry.url || 'removed';
    const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 32);
    return element.tagName.toLowerCase() + (text ? ' "' + text + '"' : '');
  };
  new PerformanceObserver((list) => {
    const last = list.getEntries()[list.getEntries().length - 1];
    resolve({ serverResponseMs, lcpMs: last.startTime, lcpElement: describe(last), allScripts });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve({ serverResponseMs, lcpMs: Number.NaN, lcpElement: 'none', allScripts }), 2000);
})`;

/** Navigation timing and the last largest-contentful-paint candidate once the page settled. */
async function measureLoad(page: Page, url: string): Promise<LoadSample> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  return (await page.evaluate(READ_TIMINGS)) as LoadSample;
}

/** Loads each page `loads` times in Debian's chromium with the session cookie; medians per page. */
export async function measurePages(
  webUrl: string,
  sessionCookie: string,
  pages: PageUnderTest[],
  loads: number,
): Promise<PageResult[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(
      sessionCookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url: webUrl };
      }),
    );
    const page = await context.newPage();
    const results: PageResult[] = [];
    for (const target of pages) {
      const url = new URL(target.path, webUrl).toString();
      // One unmeasured load compiles nothing in production, but warms the server's caches.
      await measureLoad(page, url);
      const samples = [];
      for (let load = 0; load < loads; load++) samples.push(await measureLoad(page, url));
      if (new URL(page.url()).pathname !== new URL(url).pathname)
        throw new Error(`${target.label} redirected to ${page.url()}`);
      const first = samples[0]!;
      results.push({
        label: target.label,
        path: target.path,
        serverResponseMs: median(samples.map((sample) => sample.serverResponseMs)),
        lcpMs: median(samples.map((sample) => sample.lcpMs)),
        lcpElement: samples[samples.length - 1]!.lcpElement,
        firstLoadJsBytes: firstLoadJsBytesOfRoute(target.route),
        allJsBytes: gzipBytesOfScripts(first.allScripts),
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}
