import { z } from 'zod';

/** The launcher's configuration: the demo and the test runner read the environment only here. */
const port = z.coerce.number().int().min(1).max(65_535);

const schema = z.object({
  DATABASE_URL: z.url({ error: 'DATABASE_URL must be a postgres:// connection string' }).optional(),
  TEST_DATABASE_URL: z.url({ error: 'TEST_DATABASE_URL must be a postgres:// connection string' }).optional(),
  PORT: port.default(3000),
  AWS_SIM_PORT: port.default(4566),
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  CAIRN_DATA_DIR: z.string().optional(),
  // Checkpoint keys (PEM, or a path to a PEM file); the demo makes a signing key in its data folder.
  AUDIT_SIGNING_KEY: z.string().optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  AUDIT_VERIFY_PUBLIC_KEY: z.string().optional(),
  AUDIT_VERIFY_PUBLIC_KEY_FILE: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  CI: z
    .string()
    .optional()
    .transform((value) => value === 'true' || value === '1'),
});

export type LauncherEnv = z.infer<typeof schema>;

export function loadLauncherEnv(): LauncherEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** The environment children inherit, minus what the launcher sets for them explicitly. */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
