import pg from 'pg';
import type { ChaosEnv } from './chaos-env';
import type { ChaosStack, ServiceName } from './chaos-stack';
import { waitFor } from './chaos-stack';

/** One fault as it happened: when, how long until the portal was back, and what was seen. */
export interface FaultRecord {
  name: string;
  startedAt: number;
  endedAt: number;
  /** What the recovery time measures, e.g. "database up -> /api/ready 200". */
  recoveryMeasure: string;
  /** null when the portal did not come back within the wait. */
  recoveryMs: number | null;
  notes: string[];
  /** pg-boss jobs active when the fault struck: each must still complete. */
  jobsInFlight: string[];
}

const RECOVERY_WAIT_MS = 60_000;
const READY_POLL_MS = 150;
const SETTLE_WAIT_MS = 180_000;
const ACTIVE_JOB_WAIT_MS = 15_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The four faults in turn, with the load running throughout and a pause after each: Postgres
 * restarted, the worker killed with SIGKILL and started again, the web app killed and started
 * again, SageMaker throttled in aws-sim. A service that died on its own along the way is noted and
 * started again, so the run goes on to the checks.
 */
export async function runFaults(
  stack: ChaosStack,
  env: ChaosEnv,
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const faults: FaultRecord[] = [];
  const readyUrl = `${stack.webUrl}/api/ready`;
  const pause = async () => {
    log(`  load continues for ${env.CHAOS_PAUSE_SECONDS} s`);
    await sleep(env.CHAOS_PAUSE_SECONDS * 1000);
    for (const name of ['web', 'worker'] as const) await reviveIfDead(stack, name, faults.at(-1), log);
  };
  const timeReady = async (fault: FaultRecord) => {
    const startedAt = performance.now();
    try {
      await waitFor(readyUrl, RECOVERY_WAIT_MS, READY_POLL_MS);
      fault.recoveryMs = performance.now() - startedAt;
    } catch (error) {
      fault.notes.push(error instanceof Error ? error.message : String(error));
    }
  };

  {
    const fault = newFault('Postgres restart', 'database accepting connections -> /api/ready 200');
    log(`Fault 1: stopping Postgres for ${env.CHAOS_DB_DOWN_SECONDS} s`);
    fault.jobsInFlight = await activeJobIds(stack.databaseUrl);
    await stack.stopPostgres();
    await sleep(env.CHAOS_DB_DOWN_SECONDS * 1000);
    const startingAt = performance.now();
    await stack.startPostgres();
    fault.notes.push(`Postgres took ${Math.round(performance.now() - startingAt)} ms to start`);
    await timeReady(fault);
    fault.endedAt = Date.now();
    faults.push(fault);
    log(
      `  /api/ready answered ${describeRecovery(fault)} after the database was back; ${fault.jobsInFlight.length} jobs were active at the stop`,
    );
  }
  await pause();

  {
    const fault = newFault('Worker kill -9', 'worker started -> first heartbeat');
    log('Fault 2: kill -9 the worker');
    const worker = stack.service('worker');
    fault.jobsInFlight = await activeJobIds(stack.databaseUrl);
    worker.signal('SIGKILL');
    await worker.exited;
    await sleep(2_000);
    const restartedAt = new Date();
    const startingAt = performance.now();
    stack.startService('worker');
    if (await waitForHeartbeat(stack.databaseUrl, restartedAt)) {
      fault.recoveryMs = performance.now() - startingAt;
    } else fault.notes.push(`no heartbeat within ${RECOVERY_WAIT_MS / 1000} s`);
    fault.endedAt = Date.now();
    faults.push(fault);
    log(
      `  the new worker beat ${describeRecovery(fault)} after its start; ${fault.jobsInFlight.length} jobs were active at the kill`,
    );
  }
  await pause();

  {
    const fault = newFault('Web app kill -9 and restart', 'web started -> /api/ready 200');
    log('Fault 3: kill -9 the web app, start it again');
    const web = stack.service('web');
    web.signal('SIGKILL');
    await web.exited;
    await sleep(2_000);
    stack.startService('web');
    await timeReady(fault);
    fault.endedAt = Date.now();
    faults.push(fault);
    log(`  /api/ready answered ${describeRecovery(fault)} after the web app started`);
  }
  await pause();

  {
    const fault = newFault(
      `aws-sim throttles SageMaker ${env.CHAOS_THROTTLE_PERCENT}% for ${env.CHAOS_THROTTLE_SECONDS} s`,
      'throttling cleared -> the AWS work started before it settled',
    );
    log(`Fault 4: aws-sim throttles ${env.CHAOS_THROTTLE_PERCENT}% of SageMaker requests`);
    await simAdmin(stack.awsSimUrl, 'POST', '/_sim/faults', {
      service: 'sagemaker',
      throttlePercent: env.CHAOS_THROTTLE_PERCENT,
      seed: env.CHAOS_SEED,
    });
    await sleep(env.CHAOS_THROTTLE_SECONDS * 1000);
    await simAdmin(stack.awsSimUrl, 'DELETE', '/_sim/faults');
    const clearedAt = new Date();
    const settlingAt = performance.now();
    const throttled = (await simAdmin(stack.awsSimUrl, 'GET', '/_sim/requests?isInjected=true')) as {
      requests: unknown[];
    };
    fault.notes.push(`${throttled.requests.length} SageMaker requests throttled`);
    const open = await waitForSettled(stack.databaseUrl, clearedAt);
    if (open === 0) fault.recoveryMs = performance.now() - settlingAt;
    else fault.notes.push(`${open} deployments, versions or groups from before still unsettled`);
    fault.endedAt = Date.now();
    faults.push(fault);
    log(
      `  ${throttled.requests.length} requests throttled; AWS work settled ${describeRecovery(fault)} after`,
    );
  }
  return faults;
}

function newFault(name: string, recoveryMeasure: string): FaultRecord {
  return {
    name,
    startedAt: Date.now(),
    endedAt: 0,
    recoveryMeasure,
    recoveryMs: null,
    notes: [],
    jobsInFlight: [],
  };
}

function describeRecovery(fault: FaultRecord): string {
  return fault.recoveryMs === null ? 'never' : `${(fault.recoveryMs / 1000).toFixed(2)} s`;
}

/** A service that exited without being told to is a finding; it is started again so the run goes on. */
async function reviveIfDead(
  stack: ChaosStack,
  name: ServiceName,
  fault: FaultRecord | undefined,
  log: (line: string) => void,
) {
  const service = stack.service(name);
  if (!service.hasExited()) return;
  const code = await service.exited;
  const note = `${name} exited on its own (${code}) after "${fault?.name ?? 'start'}"; started again`;
  log(`  ${note}`);
  fault?.notes.push(note);
  stack.startService(name);
  if (name === 'web') await waitFor(`${stack.webUrl}/api/ready`, RECOVERY_WAIT_MS).catch(() => undefined);
}

/**
 * Waits (briefly) for the worker to hold a job, so the fault strikes one mid-flight; answers the
 * active jobs' ids, none when the worker stayed idle.
 */
async function activeJobIds(databaseUrl: string): Promise<string[]> {
  const deadline = Date.now() + ACTIVE_JOB_WAIT_MS;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const found = await client.query<{ id: string }>("SELECT id FROM pgboss.job WHERE state = 'active'");
      if (found.rows.length > 0 || Date.now() > deadline) return found.rows.map((row) => row.id);
      await sleep(25);
    }
  } finally {
    await client.end();
  }
}

async function waitForHeartbeat(databaseUrl: string, since: Date): Promise<boolean> {
  const deadline = Date.now() + RECOVERY_WAIT_MS;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    while (Date.now() < deadline) {
      const found = await client.query('SELECT 1 FROM "WorkerHeartbeat" WHERE "startedAt" >= $1', [since]);
      if ((found.rowCount ?? 0) > 0) return true;
      await sleep(READY_POLL_MS);
    }
    return false;
  } finally {
    await client.end();
  }
}

/**
 * Waits until every deployment, model version and model group created before `before` has left
 * its in-progress states; answers how many had not when the wait ran out.
 */
async function waitForSettled(databaseUrl: string, before: Date): Promise<number> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const found = await client.query<{ open: number }>(
        `SELECT (SELECT count(*) FROM "Deployment" WHERE "createdAt" <= $1
                   AND status IN ('PENDING', 'CREATING', 'UPDATING', 'ROLLING_BACK', 'DELETING'))
              + (SELECT count(*) FROM "ModelVersion" WHERE "createdAt" <= $1 AND "awsStatus" = 'PENDING')
              + (SELECT count(*) FROM "ModelGroup" WHERE "createdAt" <= $1 AND "awsStatus" = 'PENDING') AS open`,
        [before],
      );
      const open = Number(found.rows[0]?.open ?? 0);
      if (open === 0 || Date.now() > deadline) return open;
      await sleep(500);
    }
  } finally {
    await client.end();
  }
}

export async function simAdmin(awsSimUrl: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${awsSimUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`aws-sim ${method} ${path} answered ${response.status}`);
  return (await response.json()) as unknown;
}
