import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** A service the chaos run can kill and start again: the worker or the web app. */
export interface ChaosService {
  name: string;
  pid: number;
  /** Resolves with the exit code or signal when the process (group) ends. */
  exited: Promise<string>;
  hasExited(): boolean;
  /** Signals the whole process group: `tsx` and `next start` run the real server in a child. */
  signal(signal: NodeJS.Signals): void;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where the service's output goes, appended across restarts. */
  logFile: string;
}

/** Starts the service in a process group of its own, so a kill reaches every process of it. */
export function spawnService(spec: ServiceSpec): ChaosService {
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  log.write(`--- ${new Date().toISOString()} start ${spec.name}\n`);
  const child: ChildProcess = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let isDone = false;
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      isDone = true;
      log.write(`--- ${new Date().toISOString()} ${spec.name} exited (${code ?? signal})\n`);
      resolve(String(code ?? signal ?? 'unknown'));
    });
    child.on('error', (error) => {
      isDone = true;
      resolve(`spawn error: ${error.message}`);
    });
  });
  const pid = child.pid ?? -1;
  return {
    name: spec.name,
    pid,
    exited,
    hasExited: () => isDone,
    signal(signal) {
      if (pid <= 0) return;
      try {
        process.kill(-pid, signal);
      } catch {
        // The group is gone already.
      }
    },
  };
}

/** Signals the group and waits for its leader to exit; SIGKILL after the grace period. */
export async function stopService(service: ChaosService, signal: NodeJS.Signals, graceMs = 10_000) {
  if (service.hasExited()) return;
  service.signal(signal);
  const timer = setTimeout(() => service.signal('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
  // The leader may go first; the rest of the group must not keep the port.
  service.signal('SIGKILL');
}
