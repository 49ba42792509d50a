import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Applies every pending migration in prisma/migrations to the database (`prisma migrate deploy`). */
export async function migrateDeploy(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<string> {
  const cli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  const env = {
    // biome-ignore lint/style/noProcessEnv: the CLI child inherits this process's environment (PATH, proxies).
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: join(packageDir, 'schema-engine', 'schema-engine-bridge.mjs'),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    ...(options.migrationsDir ? { CAIRN_MIGRATIONS_DIR: options.migrationsDir } : {}),
  };
  return await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], { cwd: packageDir, env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`prisma migrate deploy failed (${code}):\n${output}`)),
    );
  });
}
