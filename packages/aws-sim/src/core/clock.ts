/**
 * Simulated durations are written in "realistic seconds" (what the sim pretends AWS takes, already
 * shortened for a demo) and multiplied by timeScale, so tests can run the same lifecycle in
 * milliseconds. State is derived lazily from timestamps on each request, so no timers outlive
 * close().
 */
export interface SimClock {
  now(): number;
  /** Epoch ms at which a duration of `seconds` simulated seconds, started at `from`, ends. */
  after(seconds: number, from?: number): number;
  /**
   * Moves the sim's time forward (never back): per-minute endpoint metrics then exist for minutes
   * a test did not wait through, and alarms and rollouts see that time pass.
   */
  advance(ms: number): number;
}

export function createClock(timeScale: number): SimClock {
  if (!(timeScale >= 0)) throw new Error(`timeScale must be a number >= 0, got ${timeScale}`);
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  return {
    now,
    after: (seconds, from = now()) => from + seconds * 1000 * timeScale,
    advance(ms) {
      if (!(ms >= 0)) throw new Error(`the clock only moves forward; got ${ms} ms`);
      offsetMs += ms;
      return now();
    },
  };
}
