// The engine's one-shot commands (`schema-engine --datasource {...} cli <command>`), which the
// Prisma CLI runs before `migrate dev` to create a missing database. Errors are reported the way
// the native engine does: JSON log lines on stderr after a first free-form line.
import pg from 'pg';

const DATABASE_MISSING = '3D000';
const DATABASE_EXISTS = '42P04';

export async function runCliCommand(command, datasource) {
  const url = new URL(datasource.url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  try {
    if (command === 'can-connect-to-database') {
      await withClient(url, async () => {});
    } else if (command === 'create-database') {
      await withClient(maintenanceUrl(url), (client) =>
        client.query(`CREATE DATABASE ${quoteIdent(database)}`).catch((error) => {
          if (error.code !== DATABASE_EXISTS) throw error;
        }),
      );
    } else if (command === 'drop-database') {
      await withClient(maintenanceUrl(url), (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
      );
    } else {
      return fail('P1000', `Unknown schema engine command: ${command}`);
    }
    return 0;
  } catch (error) {
    if (error.code === DATABASE_MISSING) {
      return fail(
        'P1003',
        `Database \`${database}\` does not exist on the database server at \`${url.host}\``,
      );
    }
    return fail('P1001', `Can't reach database server at \`${url.host}\`: ${error.message}`);
  }
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function maintenanceUrl(url) {
  const copy = new URL(url);
  copy.pathname = '/postgres';
  return copy;
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function fail(errorCode, message) {
  process.stderr.write('schema engine bridge\n');
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: errorCode, message } })}\n`,
  );
  return 1;
}
