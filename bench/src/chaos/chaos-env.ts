import { z } from 'zod';

/** The chaos run's settings: the only file of the run that reads process.env. */
const port = z.coerce.number().int().min(1).max(65_535);
const seconds = (fallback: number) => z.coerce.number().int().min(1).max(3_600).default(fallback);

const schema = z.object({
  /** Seeds every random choice of the load (which run, which metric), so a rerun sends the same mix. */
  CHAOS_SEED: z.coerce.number().int().min(0).default(1),
  /** Load before the first fault, between faults, and after the last one. */
  CHAOS_WARMUP_SECONDS: seconds(30),
  CHAOS_PAUSE_SECONDS: seconds(25),
  CHAOS_COOLDOWN_SECONDS: seconds(20),
  /** How long Postgres stays down, and how long aws-sim throttles SageMaker (at what share). */
  CHAOS_DB_DOWN_SECONDS: seconds(5),
  CHAOS_THROTTLE_SECONDS: seconds(45),
  CHAOS_THROTTLE_PERCENT: z.coerce.number().min(1).max(100).default(80),
  /** After the load stops: how long every deployment, version and group has to reach a final state. */
  CHAOS_SETTLE_SECONDS: seconds(240),
  /** The requirement: the app answers /api/ready this soon after the database is back. */
  CHAOS_READY_BUDGET_MS: z.coerce.number().int().min(100).default(10_000),
  CHAOS_WEB_PORT: port.default(3500),
  CHAOS_AWS_SIM_PORT: port.default(4800),
  CHAOS_POSTGRES_PORT: port.default(54_350),
  /** aws-sim's time scale: 0.1 makes an endpoint take about 3 s instead of 30. */
  CHAOS_AWS_TIME_SCALE: z.coerce.number().positive().max(1).default(0.1),
  /** Keep the temporary folder (Postgres data, service logs) after the run. */
  CHAOS_KEEP_DATA: z.stringbool().default(false),
});

export type ChaosEnv = z.infer<typeof schema>;

export function loadChaosEnv(): ChaosEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment for the chaos run:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
