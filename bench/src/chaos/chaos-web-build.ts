import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { webDir } from '@cairn/launcher/paths';
import { ensureWebBuild, isWebBuildFresh } from '@cairn/launcher/web-build';

const ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isNextBuildRunning(): boolean {
  try {
    execFileSync('pgrep', ['-f', 'next build'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function buildId(): string | null {
  try {
    return readFileSync(join(webDir(), '.next', 'BUILD_ID'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * A private copy of the web build (without its cache) in `target`, whose other entries link back
 * to apps/web, so the web app can be killed and started again while someone runs `next build` in
 * the checkout (which empties apps/web/.next). A build already there is used as it is, even if
 * sources changed since; a build in progress is waited for; without any, one is made.
 */
export async function snapshotWebBuild(target: string, log: (line: string) => void): Promise<void> {
  const source = webDir();
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    while (isNextBuildRunning()) {
      log('A next build is running; waiting for it ...');
      await sleep(5_000);
    }
    if (!existsSync(join(source, '.next', 'BUILD_ID'))) await ensureWebBuild(log);
    const before = buildId();
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target);
    for (const entry of ['node_modules', 'package.json', 'next.config.ts'])
      symlinkSync(join(source, entry), join(target, entry));
    try {
      // Relative links inside the build (its hashed externals) are resolved to absolute ones.
      cpSync(join(source, '.next'), join(target, '.next'), {
        recursive: true,
        filter: (path) => path !== join(source, '.next', 'cache'),
      });
    } catch (error) {
      log(`Copying the web build failed (${error instanceof Error ? error.message : error}); trying again`);
      continue;
    }
    if (before !== null && buildId() === before) {
      log(
        `Serving a copy of the web build ${before}${isWebBuildFresh() ? '' : ' (sources changed since it was made)'}.`,
      );
      return;
    }
    log('The web build changed while it was copied; trying again');
  }
  throw new Error(`Could not copy a stable web build in ${ATTEMPTS} attempts`);
}
