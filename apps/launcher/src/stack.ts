import { createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { startAwsSim } from '@cairn/aws-sim/server';
import { type ServiceProcess, startService } from './child-process';
import { inheritedEnv } from './env';
import { webDir, workerDir } from './paths';
import { nextCli } from './web-build';

const require = createRequire(import.meta.url);

export interface StackOptions {
  databaseUrl: string;
  webPort: number;
  awsSimPort: number;
  nextAuthSecret: string;
  /**
   * The Ed25519 key (PKCS#8 PEM) the worker signs audit checkpoints with; the web gets only its
   * public key. Without it, both inherit the AUDIT_* variables of this process.
   */
  auditSigningKeyPem?: string;
  /** Bind the web server to this host only (tests); all interfaces when omitted. */
  webHost?: string;
  /** Where aws-sim keeps its resources across restarts (the demo); in memory when omitted. */
  awsSimStateFile?: string;
  /**
   * An SQS queue in aws-sim that receives its EventBridge-shaped state changes, which the worker
   * consumes as it would on AWS (the demo); the worker only polls when omitted.
   */
  awsEventsQueue?: string;
  log: (line: string) => void;
}

export interface RunningStack {
  webUrl: string;
  awsSimUrl: string;
  /** Resolves when any service stops on its own: the stack is then broken. */
  failed: Promise<string>;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 120_000;

/** aws-sim in this process; the worker and the web app as child processes, as in production. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { log } = options;
  const awsSim = await startAwsSim({
    port: options.awsSimPort,
    host: '127.0.0.1',
    ...(options.awsSimStateFile ? { stateFile: options.awsSimStateFile } : {}),
    ...(options.awsEventsQueue ? { eventsQueue: options.awsEventsQueue } : {}),
  });
  log(`aws-sim listening on ${awsSim.url}`);
  const awsEnv = {
    AWS_ENDPOINT_URL: awsSim.url,
    AWS_REGION: 'us-east-1',
    // aws-sim accepts any credentials; real installs use the task role instead.
    AWS_ACCESS_KEY_ID: 'cairn-local',
    AWS_SECRET_ACCESS_KEY: 'cairn-local',
    // aws-sim's queues live under its one account id, as SQS queue URLs do under yours.
    ...(options.awsEventsQueue
      ? { AWS_EVENTS_QUEUE_URL: `${awsSim.url}/000000000000/${options.awsEventsQueue}` }
      : {}),
  };
  const auditEnv = options.auditSigningKeyPem ? auditKeyEnv(options.auditSigningKeyPem) : null;
  const services: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await awsSim.close();
  };

  try {
    services.push(
      startService({
        name: 'worker',
        command: process.execPath,
        args: [require.resolve('tsx/cli'), 'src/main.ts'],
        cwd: workerDir(),
        env: { ...inheritedEnv(), ...awsEnv, ...auditEnv?.worker, DATABASE_URL: options.databaseUrl },
      }),
    );
    const webUrl = `http://${options.webHost ?? 'localhost'}:${options.webPort}`;
    services.push(
      startService({
        name: 'web',
        command: process.execPath,
        args: [
          nextCli(),
          'start',
          '--port',
          String(options.webPort),
          ...(options.webHost ? ['--hostname', options.webHost] : []),
        ],
        cwd: webDir(),
        env: {
          ...inheritedEnv(),
          ...awsEnv,
          ...auditEnv?.web,
          NODE_ENV: 'production',
          CAIRN_MODE: 'demo',
          DATABASE_URL: options.databaseUrl,
          NEXTAUTH_URL: webUrl,
          NEXTAUTH_SECRET: options.nextAuthSecret,
          NEXT_TELEMETRY_DISABLED: '1',
        },
      }),
    );
    const failed = Promise.race(
      services.map((service) => service.exited.then((code) => `${service.name} exited (${code})`)),
    );
    await Promise.race([waitForHealth(webUrl), failed.then((reason) => Promise.reject(new Error(reason)))]);
    return { webUrl, awsSimUrl: awsSim.url, failed, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The signing key for the worker only; the web verifies with the public key. */
function auditKeyEnv(signingKeyPem: string) {
  const publicKeyPem = createPublicKey(signingKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const unset = { AUDIT_SIGNING_KEY_FILE: '', AUDIT_VERIFY_PUBLIC_KEY_FILE: '' };
  return {
    worker: { ...unset, AUDIT_SIGNING_KEY: signingKeyPem, AUDIT_VERIFY_PUBLIC_KEY: '' },
    web: { ...unset, AUDIT_SIGNING_KEY: '', AUDIT_VERIFY_PUBLIC_KEY: publicKeyPem },
  };
}

/** Polls /api/health until the database, the worker and aws-sim all answer. */
async function waitForHealth(webUrl: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${webUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { status?: string };
      if (response.ok && body.status === 'ok') return;
      last = JSON.stringify(body);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The portal did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s: ${last}`);
}
