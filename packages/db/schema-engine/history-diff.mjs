// `createMigration` and `evaluateDataLoss` in the WebAssembly engine cannot reach the shadow
// database once a migration history exists, while `diff` from that history can. Both are
// answered here from that diff: the same script the native engine would generate.

const EMPTY_MIGRATION = '-- This is an empty migration.';
const DESTRUCTIVE = [
  [/^DROP TABLE "([^"]+)"/i, (m) => `The table \`${m[1]}\` will be dropped, with all of its data.`],
  [
    /^ALTER TABLE "([^"]+)" DROP COLUMN "([^"]+)"/i,
    (m) => `The column \`${m[2]}\` of \`${m[1]}\` will be dropped, with its data.`,
  ],
  [
    /^ALTER TABLE "([^"]+)" ALTER COLUMN "([^"]+)" SET DATA TYPE/i,
    (m) => `The column \`${m[2]}\` of \`${m[1]}\` changes type; existing values may not convert.`,
  ],
  [/^DROP TYPE "([^"]+)"/i, (m) => `The enum \`${m[1]}\` will be dropped.`],
];

async function historyToSchemaScript(engine, { migrationsList, schema, filters }) {
  const result = await engine.call('diff', {
    from: { tag: 'migrations', ...migrationsList },
    to: { tag: 'schemaDatamodel', files: schema.files },
    script: true,
    exitCode: null,
    filters,
  });
  const script = result?.stdout ?? '';
  return script.trim() === EMPTY_MIGRATION || script.trim() === '' ? '' : script;
}

export async function createMigration(engine, params) {
  const script = await historyToSchemaScript(engine, params);
  const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = params.migrationName ? `${timestamp}_${params.migrationName}` : timestamp;
  return {
    connectorType: 'postgresql',
    generatedMigrationName: name,
    migrationScript: script || (params.draft ? `${EMPTY_MIGRATION}\n` : null),
    extension: 'sql',
  };
}

export async function evaluateDataLoss(engine, params) {
  const script = await historyToSchemaScript(engine, params);
  const statements = script
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('--'));
  const warnings = [];
  statements.forEach((statement, stepIndex) => {
    for (const [pattern, describe] of DESTRUCTIVE) {
      const match = statement.match(pattern);
      if (match) warnings.push({ message: describe(match), stepIndex });
    }
  });
  return { migrationSteps: statements.length, unexecutableSteps: [], warnings };
}
