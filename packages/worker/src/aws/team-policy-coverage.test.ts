import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_AWS_CALLS } from '@cairn/core/iam/worker-aws-calls';
import { describe, expect, it } from 'vitest';

const SOURCE_ROOT = join(import.meta.dirname, '..');
const SDK_IMPORT = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z-]+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `client:Operation` for every SDK command the worker's own code imports. */
function commandsTheWorkerSends(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(SOURCE_ROOT)) {
    for (const [, names = '', client] of readFileSync(file, 'utf8').matchAll(SDK_IMPORT)) {
      for (const name of names.split(',').map((n) => n.replace(/^\s*type\s+/, '').trim())) {
        if (name.endsWith('Command')) found.add(`${client}:${name.slice(0, -'Command'.length)}`);
      }
    }
  }
  return [...found].sort();
}

const listed = WORKER_AWS_CALLS.map((call) => `${call.client}:${call.operation}`).sort();
/** Calls the worker makes as itself on Cairn's own resources (the events queue): no team role grants them. */
const WORKER_OWN_CALLS = ['sqs:DeleteMessage', 'sqs:ReceiveMessage'];

describe("the team role's generated policy and the worker's AWS calls", () => {
  it('finds the commands in the worker source', () => {
    expect(commandsTheWorkerSends()).toContain('sagemaker:CreateEndpoint');
    expect(commandsTheWorkerSends()).toEqual(expect.arrayContaining(WORKER_OWN_CALLS));
  });

  it('lists every command the worker sends, so the policy grants it', () => {
    const teamCalls = commandsTheWorkerSends().filter((command) => !WORKER_OWN_CALLS.includes(command));
    expect(teamCalls.filter((command) => !listed.includes(command))).toEqual([]);
  });

  it('lists no command the worker no longer sends, so the policy grants nothing unused', () => {
    const sent = commandsTheWorkerSends();
    expect(listed.filter((command) => !sent.includes(command))).toEqual([]);
  });
});
