import { WITH_DATABASE_URL } from './database';

/** Where both images put the app; the Dockerfiles and these commands must agree (dockerfiles.test.ts). */
export const IMAGE_ROOT = '/app';
/** Next.js standalone output keeps the monorepo layout, so the server sits under apps/web. */
export const WEB_SERVER_PATH = 'apps/web/server.js';
export const WORKER_PACKAGE_PATH = 'packages/worker';
export const WORKER_ENTRY_PATH = 'packages/worker/src/main.ts';
export const DB_PACKAGE_PATH = 'packages/db';

// Each command runs under `sh -c` so it can compose DATABASE_URL from the injected secret fields.
export const WEB_COMMAND = `${WITH_DATABASE_URL} exec node ${IMAGE_ROOT}/${WEB_SERVER_PATH}`;
export const WORKER_COMMAND = `cd ${IMAGE_ROOT}/${WORKER_PACKAGE_PATH} && ${WITH_DATABASE_URL} exec node --import tsx src/main.ts`;
// `prisma migrate deploy` through the offline schema-engine bridge, as packages/db/src/migrate.ts does.
export const MIGRATE_COMMAND =
  `cd ${IMAGE_ROOT}/${DB_PACKAGE_PATH} && ${WITH_DATABASE_URL} ` +
  `export PRISMA_SCHEMA_ENGINE_BINARY=${IMAGE_ROOT}/${DB_PACKAGE_PATH}/schema-engine/schema-engine-bridge.mjs ` +
  'CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 && exec node node_modules/prisma/build/index.js migrate deploy';
