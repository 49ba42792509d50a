/** The sim's configuration: the only file of this package that reads process.env. */
function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 4566;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`AWS_SIM_PORT must be a port number (0-65535), got "${value}"`);
  }
  return port;
}

function readTimeScale(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const scale = Number(value);
  if (!(scale >= 0)) throw new Error(`AWS_SIM_TIME_SCALE must be a number >= 0, got "${value}"`);
  return scale;
}

export const env = {
  port: readPort(process.env.AWS_SIM_PORT),
  host: process.env.AWS_SIM_HOST || '127.0.0.1',
  /** Multiplies simulated durations: 1 is the demo's pace, 0.01 a test's. */
  timeScale: readTimeScale(process.env.AWS_SIM_TIME_SCALE),
  /** Optional JSON file that keeps resources across restarts. */
  stateFile: process.env.AWS_SIM_STATE_FILE || undefined,
  /** SQS queue name that receives EventBridge-shaped state-change events (off when unset). */
  eventsQueue: process.env.AWS_SIM_EVENTS_QUEUE || undefined,
};
