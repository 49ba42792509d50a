import { cpus, loadavg } from 'node:os';
import { DEMO_PASSWORD } from '@cairn/services/demo/seed-demo';
import { signInCookie } from '../load-sign-in';
import { type CheckResult, runChecks } from './chaos-checks';
import { loadChaosEnv } from './chaos-env';
import { runFaults } from './chaos-faults';
import { mlflowClient, trpcClient } from './chaos-http';
import { Ledger } from './chaos-ledger';
import { startLoad } from './chaos-load';
import { formatChaosReport } from './chaos-report';
import { type ChaosStack, startChaosStack } from './chaos-stack';

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const machine = () =>
  `${cpus().length}-core ${cpus()[0]?.model.trim() ?? 'CPU'}, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;

/**
 * `pnpm bench:chaos`: under a steady mixed load, restarts Postgres, kills the worker and the web
 * app, throttles SageMaker in aws-sim; then checks that no acknowledged write was lost, no AWS
 * resource was made twice, no job is stuck, the audit chain is intact and the app was ready again
 * soon after the database. Prints a markdown summary; exit code 1 when a check fails.
 */
async function main(): Promise<number> {
  const env = loadChaosEnv();
  const machineAtStart = machine();
  const startedAt = new Date();
  let stack: ChaosStack | null = null;
  let isStopping = false;
  const stopStack = async () => {
    if (isStopping) return;
    isStopping = true;
    await stack?.stop();
  };
  process.once('SIGINT', () => void stopStack().then(() => process.exit(130)));
  try {
    stack = await startChaosStack(env, log);
    const teamId = stack.seed.teamIds['Fraud Detection'];
    const projectId = stack.seed.projectIds['Card Fraud Scoring'];
    if (!teamId || !projectId) throw new Error('The demo seed has no Card Fraud Scoring project');
    const cookie = await signInCookie(stack.webUrl, 'engineer@example.com', DEMO_PASSWORD);
    const ledger = new Ledger();
    const chaosStartedAt = new Date();
    const load = await startLoad(
      {
        teamId,
        projectId,
        mlflow: mlflowClient(stack.webUrl, stack.seed.apiTokenSecret),
        trpc: trpcClient(stack.webUrl, cookie),
        seed: env.CHAOS_SEED,
      },
      ledger,
    );
    log(`Load running; first fault in ${env.CHAOS_WARMUP_SECONDS} s`);
    await sleep(env.CHAOS_WARMUP_SECONDS * 1000);
    const faults = await runFaults(stack, env, log);
    log(`Faults done; load continues for ${env.CHAOS_COOLDOWN_SECONDS} s`);
    await sleep(env.CHAOS_COOLDOWN_SECONDS * 1000);
    await load.stop();
    log(`Load stopped; waiting up to ${env.CHAOS_SETTLE_SECONDS} s for AWS work to settle, then checking`);
    const checks = await runChecks({
      stack,
      ledger,
      faults,
      settleSeconds: env.CHAOS_SETTLE_SECONDS,
      readyBudgetMs: env.CHAOS_READY_BUDGET_MS,
      chaosStartedAt,
    });
    const running = (['web', 'worker', 'aws-sim'] as const).filter(
      (name) => !stack?.service(name).hasExited(),
    );
    const alive: CheckResult = {
      name: 'Every service running at the end',
      isPassed: running.length === 3,
      detail: `running: ${running.join(', ')}`,
    };
    const report = formatChaosReport({
      machine: `${machineAtStart} at the start, ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')} at the end`,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      seed: env.CHAOS_SEED,
      checks: [...checks, alive],
      faults,
      ledger,
    });
    log('');
    for (const line of report) log(line);
    return [...checks, alive].every((check) => check.isPassed) ? 0 : 1;
  } finally {
    await stopStack();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
