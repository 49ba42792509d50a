import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DB_PACKAGE_PATH,
  IMAGE_ROOT,
  MIGRATE_COMMAND,
  WEB_COMMAND,
  WEB_SERVER_PATH,
  WORKER_COMMAND,
  WORKER_ENTRY_PATH,
} from './container-commands';

// The images cannot be built on these machines; these checks keep the Dockerfiles, the repository
// and the commands the stack runs in agreement.
const repoRoot = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

interface Stage {
  from: string;
  lines: string[];
}

function stages(dockerfile: string): Stage[] {
  const result: Stage[] = [];
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

function finalUser(stage: Stage): string | undefined {
  return stage.lines
    .filter((line) => /^USER\s/i.test(line))
    .at(-1)
    ?.split(/\s+/)[1];
}

const images = [
  { dockerfile: 'apps/web/Dockerfile', command: WEB_COMMAND },
  { dockerfile: 'packages/worker/Dockerfile', command: WORKER_COMMAND },
];

describe.each(images)('$dockerfile', ({ dockerfile }) => {
  const parsed = stages(read(dockerfile));
  const runtime = parsed.at(-1) as Stage;

  it('builds in one stage and runs from a separate, slim one', () => {
    expect(parsed.length).toBeGreaterThanOrEqual(2);
    expect(runtime.from).toMatch(/^FROM node:20-bookworm-slim AS runtime$/);
    expect(runtime.lines.some((line) => /^COPY --from=build\s/.test(line))).toBe(true);
  });

  it('runs as a non-root user', () => {
    const user = finalUser(runtime);
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('pins the lockfile', () => {
    expect(read(dockerfile)).toContain('pnpm install --frozen-lockfile');
  });
});

describe('the web image', () => {
  const dockerfile = read('apps/web/Dockerfile');

  it('builds the standalone output that next.config.ts switches on', () => {
    expect(dockerfile).toContain('CAIRN_NEXT_OUTPUT=standalone');
    expect(read('apps/web/next.config.ts')).toMatch(
      /CAIRN_NEXT_OUTPUT === 'standalone'[\s\S]*output: 'standalone'/,
    );
    expect(dockerfile).toContain('COPY --from=build /repo/apps/web/.next/standalone ./');
    expect(dockerfile).toContain('COPY --from=build /repo/apps/web/.next/static ./apps/web/.next/static');
  });

  it('starts the server the stack runs, where the standalone output puts it', () => {
    expect(dockerfile).toContain(`WORKDIR ${IMAGE_ROOT}\n`);
    expect(dockerfile).toContain(`CMD ["node", "${WEB_SERVER_PATH}"]`);
    expect(WEB_COMMAND).toContain(`node ${IMAGE_ROOT}/${WEB_SERVER_PATH}`);
  });
});

describe('the worker image', () => {
  const dockerfile = read('packages/worker/Dockerfile');

  it('runs the worker entry file, which exists', () => {
    expect(existsSync(join(repoRoot, WORKER_ENTRY_PATH))).toBe(true);
    expect(dockerfile).toContain('WORKDIR /app/packages/worker');
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "src/main.ts"]');
    expect(WORKER_COMMAND).toContain('node --import tsx src/main.ts');
    expect(JSON.parse(read('packages/worker/package.json')).dependencies.tsx).toBeDefined();
  });

  it('holds what the migration task runs: the schema engine bridge, the Prisma CLI and the migrations', () => {
    for (const path of [
      `${DB_PACKAGE_PATH}/schema-engine/schema-engine-bridge.mjs`,
      `${DB_PACKAGE_PATH}/prisma.config.ts`,
      'prisma/schema.prisma',
      'prisma/migrations',
    ]) {
      expect(existsSync(join(repoRoot, path)), path).toBe(true);
    }
    expect(MIGRATE_COMMAND).toContain(
      `${IMAGE_ROOT}/${DB_PACKAGE_PATH}/schema-engine/schema-engine-bridge.mjs`,
    );
    expect(MIGRATE_COMMAND).toContain('node_modules/prisma/build/index.js migrate deploy');
    expect(JSON.parse(read(`${DB_PACKAGE_PATH}/package.json`)).dependencies.prisma).toBeDefined();
    expect(dockerfile).not.toMatch(/rm -rf[^\n]*\bprisma\b/);
  });
});

describe('.dockerignore', () => {
  it('keeps local data, secrets and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.data', '.env', '**/node_modules', '**/.next']) expect(ignored).toContain(entry);
  });
});
