export interface RepeatingTask {
  /** Stops the loop and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `task` now and again `intervalMs` after each run ends, until stopped: a timeout chain rather
 * than setInterval, so a slow database never stacks up overlapping runs. The task reports its own
 * failures; one that throws anyway does not end the loop.
 */
export function repeatEvery(intervalMs: number, task: () => Promise<void>): RepeatingTask {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let isStopped = false;

  function tick() {
    inFlight = task()
      .catch(() => undefined)
      .then(() => {
        if (!isStopped) timer = setTimeout(tick, intervalMs);
      });
  }
  tick();

  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
