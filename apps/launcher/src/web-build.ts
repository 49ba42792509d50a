import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './child-process';
import { repoRoot, webDir } from './paths';

/** Sources the web build compiles: the app and the workspace packages it bundles. */
const SOURCE_DIRS = [
  'apps/web/src',
  'packages/core/src',
  'packages/api/src',
  'packages/services/src',
  'packages/db/src',
];
const SOURCE_FILES = ['apps/web/next.config.ts', 'apps/web/package.json', 'pnpm-lock.yaml'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when a production build exists and no source changed after it was made. */
export function isWebBuildFresh(): boolean {
  const buildId = join(webDir(), '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  const root = repoRoot();
  return [...SOURCE_DIRS, ...SOURCE_FILES].every((path) => {
    const full = join(root, path);
    return !existsSync(full) || newestMtime(full) <= builtAt;
  });
}

/** Builds the web app for `next start` unless the last build is still current. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  if (isWebBuildFresh()) {
    log('Web build is up to date.');
    return;
  }
  log('Building the web app (about a minute the first time)...');
  const code = await runCommand(process.execPath, [nextCli(), 'build'], {
    cwd: webDir(),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

export function nextCli(): string {
  return join(webDir(), 'node_modules', 'next', 'dist', 'bin', 'next');
}
