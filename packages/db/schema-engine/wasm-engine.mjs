// Loads @prisma/schema-engine-wasm without --experimental-wasm-modules: the package's entry
// imports the .wasm file as an ES module, so instantiate it by hand against its JS glue instead.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

const require = createRequire(import.meta.url);

async function instantiate() {
  const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = await import(pathToFileURL(join(packageDir, 'schema_engine_bg.js')).href);
  const bytes = readFileSync(join(packageDir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue;
}

/**
 * Runs engine methods for the connection the CLI passed. The engine gives up its shadow-database
 * factory after one use, while one `migrate dev` needs a shadow database several times, so each
 * call gets a fresh engine over the same compiled module and connection pool. The shadow database
 * is a temporary database on the same server.
 */
export async function loadWasmEngine({ datamodels, datasource, log }) {
  const url = datasource?.url;
  if (!url)
    throw new Error('The schema engine bridge needs a datasource url (prisma.config.ts datasource.url)');
  const glue = await instantiate();
  const connection = poolConfigFromUrl(url);
  const pool = tolerantPool({ ...connection, max: 4, Client: CatalogFriendlyClient });
  return {
    async call(method, params) {
      const engine = await glue.SchemaEngine.new(
        { datamodels: datamodels.length > 0 ? datamodels : undefined },
        (message) => log(String(message)),
        bindMigrationAwareSqlAdapterFactory(migrationAwareFactory(pool, connection)),
      );
      try {
        if (typeof engine[method] !== 'function') {
          throw new Error(`The schema engine bridge does not support "${method}"`);
        }
        return await engine[method](params);
      } finally {
        engine.free();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * A pool whose idle sessions may be ended by the server (an administrator, a restart, another
 * tool's forced DROP DATABASE) without crashing the engine: the pool drops such a session and
 * opens a new one when next needed; errors on a session in use still reach its query.
 */
function tolerantPool(config) {
  const pool = new pg.Pool(config);
  pool.on('error', () => {});
  return pool;
}

/**
 * The adapter's own shadow database handling drops the database before closing its pool, which
 * Postgres refuses while the pool's sessions are open; close first, then drop.
 */
function migrationAwareFactory(pool, connection) {
  const main = new PrismaPg(pool);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await pool.query(`CREATE DATABASE "${database}"`);
      const shadowPool = tolerantPool({ ...connection, database, max: 4, Client: CatalogFriendlyClient });
      const adapter = wholeScripts(await new PrismaPg(shadowPool).connect());
      const release = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await release();
        await shadowPool.end();
        await pool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

/**
 * The adapter runs a migration script by splitting it on every ';', which breaks function bodies,
 * string literals and comments. Postgres' simple query protocol takes the whole script at once.
 */
function wholeScripts(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine reads Postgres catalogs whose one-byte `"char"` columns (relkind, contype, ...) the
 * driver adapter has no column type for; they are plain text to the engine, so report them as such.
 */
class CatalogFriendlyClient extends pg.Client {
  query(...args) {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex];
      args[callbackIndex] = (error, res) => callback(error, error ? res : relabelCharColumns(res));
      return super.query(...args);
    }
    const result = super.query(...args);
    return typeof result?.then === 'function' ? result.then(relabelCharColumns) : result;
  }
}

function relabelCharColumns(res) {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
  return res;
}

/**
 * Discrete connection fields rather than a connectionString: the adapter derives the shadow
 * database's pool by overriding `database`, which a connectionString would silently win over.
 */
function poolConfigFromUrl(url) {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined,
    ssl: sslmode && sslmode !== 'disable' ? { rejectUnauthorized: sslmode === 'verify-full' } : undefined,
  };
}
