import 'server-only';
import type { Logger } from 'pino';
import { env } from '~/env';
import { createLogger } from './logger';

// One logger per server process; dev hot reloads re-evaluate modules, so it lives on globalThis.
const globalForLogger = globalThis as unknown as { cairnLogger?: Logger };

export const logger: Logger = globalForLogger.cairnLogger ?? createLogger({ level: env.logLevel });

globalForLogger.cairnLogger = logger;
