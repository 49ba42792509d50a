#!/usr/bin/env node
// A stand-in for Prisma's native schema-engine executable. The Prisma CLI spawns it (through
// PRISMA_SCHEMA_ENGINE_BINARY) and talks JSON-RPC over stdio; this process answers by running the
// WebAssembly build of the same engine against Postgres through @prisma/adapter-pg. It lets
// `prisma migrate dev|deploy|reset|diff|status` run on machines that cannot download the native
// engine.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { runCliCommand } from './cli-commands.mjs';
import { createMigration, evaluateDataLoss } from './history-diff.mjs';
import { loadWasmEngine } from './wasm-engine.mjs';

// Methods the CLI names differently from the engine.
const RENAMED = { getDatabaseVersion: 'version' };
// Methods answered from a diff of the migration history (see history-diff.mjs).
const FROM_HISTORY_DIFF = { createMigration, evaluateDataLoss };

const args = parseArgs(process.argv.slice(2));

if (args.cliCommand) {
  process.exitCode = await runCliCommand(args.cliCommand, args.datasource);
} else {
  await serveJsonRpc(args);
}

function parseArgs(argv) {
  const parsed = { datamodels: [], datasource: null, cliCommand: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') parsed.datamodels.push(argv[++i]);
    else if (arg === '--datasource' || arg === '-d') parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === 'cli') parsed.cliCommand = argv[++i];
    else if (arg === '--version' || arg === '-V') {
      process.stdout.write('schema-engine-cli (wasm bridge)\n');
      process.exit(0);
    }
    // --enabled-preview-features and --extension-types carry nothing Postgres migrations need here.
    else if (arg.startsWith('--')) i++;
  }
  return parsed;
}

async function serveJsonRpc({ datamodels, datasource }) {
  const files = datamodels.map((path) => [path, readFileSync(path, 'utf8')]);
  let engine;
  const getEngine = async () => {
    engine ??= await loadWasmEngine({ datamodels: files, datasource, log: logToStderr });
    return engine;
  };

  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const pending = new Set();
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    // Replies to our own requests (none are sent) and notifications need no answer.
    if (request.method === undefined || request.id === undefined) continue;
    const work = answer(request, getEngine).then((reply) => {
      process.stdout.write(`${JSON.stringify(reply)}\n`);
    });
    pending.add(work);
    work.finally(() => pending.delete(work));
  }
  await Promise.allSettled([...pending]);
  if (engine) await engine.close();
}

async function answer(request, getEngine) {
  const { id, method, params } = request;
  try {
    const engine = await getEngine();
    const result =
      method in FROM_HISTORY_DIFF
        ? await FROM_HISTORY_DIFF[method](engine, params)
        : await engine.call(RENAMED[method] ?? method, params ?? {});
    // The native engine hands `migrate diff` output to the CLI as a `print` request.
    if (method === 'diff' && result?.stdout) {
      const print = {
        jsonrpc: '2.0',
        id: `print-${id}`,
        method: 'print',
        params: { content: result.stdout },
      };
      process.stdout.write(`${JSON.stringify(print)}\n`);
    }
    return { jsonrpc: '2.0', id, result: result ?? {} };
  } catch (error) {
    return { jsonrpc: '2.0', id, error: toRpcError(error) };
  }
}

// The CLI reads `error.data.message` (and `error_code`, `meta`) for user-facing engine errors and
// `error.data.is_panic` for crashes.
function toRpcError(error) {
  const userFacing = parseUserFacingError(error);
  if (userFacing) {
    return {
      code: 4466,
      message: 'An error happened. Check the data field for details.',
      data: {
        is_panic: false,
        message: userFacing.message,
        error_code: userFacing.error_code,
        meta: userFacing.meta,
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 4466, message, data: { is_panic: false, message } };
}

function parseUserFacingError(error) {
  const candidate = error?.message ?? error;
  if (typeof candidate !== 'string') return typeof candidate === 'object' ? candidate : null;
  try {
    const parsed = JSON.parse(candidate);
    return typeof parsed?.message === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function logToStderr(message) {
  process.stderr.write(
    `${JSON.stringify({ level: 'INFO', target: 'schema_engine::wasm', fields: { message } })}\n`,
  );
}
