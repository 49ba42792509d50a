import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The session signing secret of this demo install: made once, kept in the data folder. */
export function demoSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'nextauth-secret');
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return saved;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Where the demo writes the engineer's API token secret, readable by the owner only. */
export function writeDemoApiToken(dataDir: string, secret: string): string {
  const file = join(dataDir, 'demo-api-token');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return file;
}
