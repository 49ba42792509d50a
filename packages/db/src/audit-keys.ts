import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkpointKeyId } from '@cairn/core/audit-checkpoint';

/** The keys of the checkpoint signer and verifier, read from outside the database. */
export interface AuditKeys {
  /** Present where checkpoints are written (the worker). */
  signingKey: KeyObject | null;
  /** Public keys by key id: the signer's own, plus any configured for verification (rotated keys). */
  verifyKeys: Map<string, KeyObject>;
}

/** The environment variables that configure the keys, as strings (PEM) or paths to PEM files. */
export interface AuditKeySource {
  AUDIT_SIGNING_KEY?: string | undefined;
  AUDIT_SIGNING_KEY_FILE?: string | undefined;
  AUDIT_VERIFY_PUBLIC_KEY?: string | undefined;
  AUDIT_VERIFY_PUBLIC_KEY_FILE?: string | undefined;
}

export const NO_AUDIT_KEYS: AuditKeys = { signingKey: null, verifyKeys: new Map() };

/**
 * Reads AUDIT_SIGNING_KEY (PKCS#8 PEM) or AUDIT_SIGNING_KEY_FILE, and AUDIT_VERIFY_PUBLIC_KEY
 * (SPKI PEM, several concatenated for rotated keys) or AUDIT_VERIFY_PUBLIC_KEY_FILE. A verifier
 * that must not hold the private key is given only the public one.
 */
export function loadAuditKeys(source: AuditKeySource): AuditKeys {
  const signingPem = pemFrom(source.AUDIT_SIGNING_KEY, source.AUDIT_SIGNING_KEY_FILE, 'AUDIT_SIGNING_KEY');
  const publicPem = pemFrom(
    source.AUDIT_VERIFY_PUBLIC_KEY,
    source.AUDIT_VERIFY_PUBLIC_KEY_FILE,
    'AUDIT_VERIFY_PUBLIC_KEY',
  );
  const signingKey = signingPem ? createPrivateKey(signingPem) : null;
  if (signingKey && signingKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key (PKCS#8 PEM)');
  }
  const verifyKeys = new Map<string, KeyObject>();
  if (signingKey) {
    const derived = createPublicKey(signingKey);
    verifyKeys.set(checkpointKeyId(derived), derived);
  }
  for (const block of publicPem?.match(PEM_BLOCK) ?? []) {
    const key = createPublicKey(block);
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new Error('AUDIT_VERIFY_PUBLIC_KEY must hold Ed25519 public keys (SPKI PEM)');
    }
    verifyKeys.set(checkpointKeyId(key), key);
  }
  return { signingKey, verifyKeys };
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

function pemFrom(value: string | undefined, file: string | undefined, name: string): string | null {
  if (value?.trim() && file?.trim()) throw new Error(`Set ${name} or ${name}_FILE, not both`);
  if (value?.trim()) return value.replace(/\\n/g, '\n');
  if (file?.trim()) return readFileSync(file.trim(), 'utf8');
  return null;
}
