import { parseArgs } from 'node:util';
import { loadAuditKeys } from '@cairn/db/audit-keys';
import { formatAuditReport } from '@cairn/db/audit-report';
import { runRestoreDrill } from './restore-drill-run';

const USAGE = `pnpm restore:drill [-- options]

Backs a Cairn database up with pg_dump, restores it into a fresh database with pg_restore, and
runs the audit verifier against the restored copy. Without --source it seeds the demo into a fresh
database first and signs a checkpoint, so signatures are checked too.

  --server <url>           Postgres server for the drill's databases (its maintenance database URL)
                           default postgresql://postgres@127.0.0.1:5432/postgres
  --source <url>           dump this database instead of a freshly seeded demo
  --public-key-file <pem>  Ed25519 public key(s) verifying the source's checkpoints
  --pg-bin <dir>           folder holding pg_dump and pg_restore (their major version must be at
                           least the server's)
  --keep                   keep the drill's databases
`;

/** `pnpm restore:drill`: exit 0 when the restored copy verifies and equals the source, 1 when not. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
      source: { type: 'string' },
      'public-key-file': { type: 'string' },
      'pg-bin': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const keyFile = values['public-key-file'];
  const result = await runRestoreDrill({
    serverUrl: values.server,
    sourceUrl: values.source,
    keys: keyFile ? loadAuditKeys({ AUDIT_VERIFY_PUBLIC_KEY_FILE: keyFile }) : undefined,
    pgBinDir: values['pg-bin'],
    isKeepingDatabases: values.keep,
    log,
  });
  log(`\nDump: ${result.dumpBytes.toLocaleString('en-US')} bytes.`);
  log('Source:');
  for (const line of formatAuditReport(result.source)) log(`  ${line}`);
  log(`Restored copy (${new URL(result.restoredUrl).pathname.slice(1)}):`);
  for (const line of formatAuditReport(result.restored)) log(`  ${line}`);
  log(
    result.isRestoreVerified
      ? '\nRestore drill passed: the restored audit trail verifies and matches the source.'
      : '\nRestore drill FAILED: the restored copy does not verify or differs from the source.',
  );
  return result.isRestoreVerified ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`restore:drill failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
