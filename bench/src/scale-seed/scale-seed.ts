import { ensureScaleDatabase, scaleAdminUrl, scaleSpecFromEnv } from './scale-database';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** `pnpm bench:seed`: the scale database for the load benchmark, seeded once per seed and sizes. */
async function main() {
  const { adminUrl, stop } = await scaleAdminUrl();
  try {
    await ensureScaleDatabase(adminUrl, scaleSpecFromEnv(), log);
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`Scale seed failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
