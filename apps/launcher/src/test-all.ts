import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { prepareTestServer, startEmbeddedTestServer } from '@cairn/db/testing/test-server';
import { runCommand } from './child-process';
import { inheritedEnv, loadLauncherEnv } from './env';
import { e2eDir, repoRoot, reportsDir } from './paths';
import { countPlaywrightReport, countVitestReport, type SuiteResult } from './test-report';

const VITEST_REPORT = '.reports/vitest.json';
const log = (line: string) => process.stdout.write(`${line}\n`);
const bin = (name: string, dir = repoRoot()) => join(dir, 'node_modules', '.bin', name);

/** Workspace folders whose package.json has a `test` script. */
function testedPackages(): string[] {
  const root = repoRoot();
  const candidates = ['apps', 'packages'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name)),
  );
  candidates.push('infra', 'bench');
  return candidates.filter((dir) => {
    const manifest = join(root, dir, 'package.json');
    if (!existsSync(manifest)) return false;
    return Boolean(
      (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts?.test,
    );
  });
}

async function step(
  name: string,
  command: string,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<SuiteResult> {
  log(`\n=== ${name}: ${[command.split('/').pop(), ...args].join(' ')}`);
  const code = await runCommand(command, args, { cwd: repoRoot(), env: { ...inheritedEnv(), ...env } });
  return { suite: name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

/**
 * `pnpm test`: lint, format and typecheck, every package's unit and integration tests against one
 * Postgres, the web build, and the Playwright journeys. Ends with `N passed, N failed`.
 */
async function main() {
  const env = loadLauncherEnv();
  const root = repoRoot();
  const results: SuiteResult[] = [];
  const baseEnv = { TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
  rmSync(reportsDir(), { recursive: true, force: true });
  const packages = testedPackages();
  for (const dir of packages) rmSync(join(root, dir, VITEST_REPORT), { force: true });

  results.push(await step('lint and format', bin('biome'), ['ci', '.']));
  results.push(
    await step(
      'typecheck',
      bin('turbo'),
      ['run', 'typecheck', '--continue', '--output-logs=errors-only'],
      baseEnv,
    ),
  );

  const embedded = env.TEST_DATABASE_URL ? null : await startEmbeddedTestServer();
  const testDatabaseUrl = env.TEST_DATABASE_URL ?? embedded?.adminUrl ?? '';
  log(`\nTest Postgres: ${env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded (.data/test-pg)'}`);
  try {
    await prepareTestServer(testDatabaseUrl);
    const testEnv = { ...baseEnv, TEST_DATABASE_URL: testDatabaseUrl };
    log('\n=== unit and integration tests (vitest, every package)');
    await runCommand(
      bin('turbo'),
      [
        'run',
        'test',
        '--continue',
        '--concurrency=2',
        '--',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${VITEST_REPORT}`,
      ],
      { cwd: root, env: { ...inheritedEnv(), ...testEnv } },
    );
    for (const dir of packages) results.push(countVitestReport(dir, join(root, dir, VITEST_REPORT)));

    const build = await step(
      'web build',
      bin('turbo'),
      ['run', 'build', '--filter=@cairn/web', '--output-logs=errors-only'],
      baseEnv,
    );
    results.push(build);
    const chromium = env.CHROMIUM_PATH;
    if (!existsSync(chromium)) {
      log(
        `\n=== end-to-end journeys: no browser at ${chromium}. Install Debian's chromium (apt-get install -y chromium).`,
      );
      results.push({ suite: 'e2e', passed: 0, failed: 1 });
    } else if (build.failed === 0) {
      log('\n=== end-to-end journeys (Playwright, Debian chromium)');
      const e2eReport = join(reportsDir(), 'e2e.json');
      await runCommand(bin('playwright', e2eDir()), ['test'], {
        cwd: e2eDir(),
        env: { ...inheritedEnv(), ...testEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
      });
      results.push(countPlaywrightReport('e2e', e2eReport));
    }
  } finally {
    await embedded?.stop();
  }

  log('\n=== summary');
  for (const result of results) {
    log(
      `  ${result.suite.padEnd(28)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(4)} failed`,
    );
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  log(`test runner failed: ${error instanceof Error ? error.stack : String(error)}`);
  log('0 passed, 1 failed');
  process.exit(1);
});
