import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** pg_dump and pg_restore of one Postgres major version. */
export interface PgTools {
  pgDump: string;
  pgRestore: string;
  major: number;
}

const DEBIAN_CLIENTS = '/usr/lib/postgresql';

/**
 * The client tools in `binDir` when given, else the newest Debian-installed version, else the ones
 * on PATH. pg_dump refuses a server newer than itself, so the newest available is the most useful.
 */
export async function findPgTools(binDir?: string): Promise<PgTools> {
  const dirs = binDir ? [binDir] : [...debianClientDirs(), ''];
  for (const dir of dirs) {
    const pgDump = dir ? join(dir, 'pg_dump') : 'pg_dump';
    const pgRestore = dir ? join(dir, 'pg_restore') : 'pg_restore';
    const version = await run(pgDump, ['--version']).catch(() => null);
    const major = Number(version?.output.match(/\(PostgreSQL\)\s+(\d+)/)?.[1]);
    if (version?.code === 0 && Number.isInteger(major)) return { pgDump, pgRestore, major };
  }
  throw new Error(
    `pg_dump not found${binDir ? ` in ${binDir}` : ''}: install the Postgres client tools (apt-get install postgresql-client) or pass --pg-bin`,
  );
}

function debianClientDirs(): string[] {
  if (!existsSync(DEBIAN_CLIENTS)) return [];
  return readdirSync(DEBIAN_CLIENTS)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => join(DEBIAN_CLIENTS, name, 'bin'))
    .filter((dir) => existsSync(join(dir, 'pg_dump')));
}

/** The major version of the server behind `url`. */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(result.rows[0]?.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/**
 * Arguments and environment that point a client tool at `url`, with the password in PGPASSWORD
 * rather than on the command line, where any user could read it in the process list.
 */
export function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a client tool to completion, collecting its output. */
export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
