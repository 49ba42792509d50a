import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
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

export interface DemoAuditKeyFiles {
  /** Ed25519 private key, PKCS#8 PEM: the worker's, to sign audit checkpoints. */
  signingKeyFile: string;
  /** Its public key, SPKI PEM: for verifiers that must not hold the private one. */
  publicKeyFile: string;
}

/**
 * The demo's checkpoint keys in the data folder, made on first start when `create` (the demo);
 * null when there are none and `create` is false (the verifier).
 */
export function demoAuditKeyFiles(dataDir: string, options: { create: boolean }): DemoAuditKeyFiles | null {
  const signingKeyFile = join(dataDir, 'audit-signing-key.pem');
  const publicKeyFile = join(dataDir, 'audit-verify-public-key.pem');
  if (!existsSync(signingKeyFile)) {
    if (!options.create) return null;
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(signingKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  if (!existsSync(publicKeyFile)) {
    const publicKey = createPublicKey(readFileSync(signingKeyFile, 'utf8'));
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  }
  return { signingKeyFile, publicKeyFile };
}

/** The demo's checkpoint signing key, PEM, made on first start. */
export function demoAuditSigningKeyPem(dataDir: string): string {
  const files = demoAuditKeyFiles(dataDir, { create: true });
  if (!files) throw new Error('The demo audit signing key could not be created');
  return readFileSync(files.signingKeyFile, 'utf8');
}
