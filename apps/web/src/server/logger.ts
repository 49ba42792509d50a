import { type DestinationStream, type Logger, pino } from 'pino';

const CENSOR = '[redacted]';

/**
 * Whatever a log call is handed, these never reach the output: credentials in headers, and any
 * field named like a secret at the top level or one or two levels down (request bodies, errors).
 */
export const REDACT_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  ...[
    'password',
    'token',
    'secret',
    'apiToken',
    'accessToken',
    'refreshToken',
    'clientSecret',
    'sessionToken',
  ].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** One JSON object per line on stdout, with secrets redacted; tests pass their own destination. */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      name: 'cairn-web',
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
