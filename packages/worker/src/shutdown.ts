export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export interface ShutdownOptions {
  /** In order: stop taking work first, release connections last. */
  steps: ShutdownStep[];
  /** After this the process exits anyway, before the orchestrator's SIGKILL (ECS waits 30 s). */
  deadlineMs: number;
  log: {
    info(fields: object, message: string): void;
    error(fields: object, message: string): void;
  };
  exit: (code: number) => void;
}

/**
 * A signal handler that stops the worker once: runs each step in order, then exits 0; exits 1
 * when a step fails or the deadline passes first, so a stuck step never keeps the task alive.
 * Later signals while stopping are ignored.
 */
export function createShutdown({ steps, deadlineMs, log, exit }: ShutdownOptions) {
  let stopping: Promise<void> | null = null;

  async function runSteps(): Promise<number> {
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        log.error(
          { step: step.name, error: error instanceof Error ? error.message : String(error) },
          'shutdown step failed',
        );
        return 1;
      }
    }
    return 0;
  }

  return function shutdown(signal: string): Promise<void> {
    stopping ??= (async () => {
      log.info({ signal, deadlineMs }, 'worker stopping');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<number>((resolve) => {
        timer = setTimeout(() => {
          log.error({ deadlineMs }, 'worker did not stop within its deadline');
          resolve(1);
        }, deadlineMs);
      });
      const code = await Promise.race([runSteps(), deadline]);
      clearTimeout(timer);
      if (code === 0) log.info({}, 'worker stopped');
      exit(code);
    })();
    return stopping;
  };
}
