import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointKeyId } from '@cairn/core/audit-checkpoint';
import { describe, expect, it } from 'vitest';
import { loadAuditKeys } from './audit-keys';

const pem = (key: { export(options: object): string | Buffer }, type: 'pkcs8' | 'spki') =>
  key.export({ type, format: 'pem' }).toString();

describe('loadAuditKeys', () => {
  const current = generateKeyPairSync('ed25519');
  const rotated = generateKeyPairSync('ed25519');

  it('derives the verifying key from the signing key, from a value or a file', () => {
    const fromValue = loadAuditKeys({ AUDIT_SIGNING_KEY: pem(current.privateKey, 'pkcs8') });
    expect(fromValue.signingKey?.asymmetricKeyType).toBe('ed25519');
    expect([...fromValue.verifyKeys.keys()]).toEqual([checkpointKeyId(current.publicKey)]);
    const file = join(mkdtempSync(join(tmpdir(), 'cairn-keys-')), 'signing.pem');
    writeFileSync(file, pem(current.privateKey, 'pkcs8'));
    expect([...loadAuditKeys({ AUDIT_SIGNING_KEY_FILE: file }).verifyKeys.keys()]).toEqual([
      checkpointKeyId(current.publicKey),
    ]);
  });

  it('gives a verifier only public keys, several when keys were rotated', () => {
    const keys = loadAuditKeys({
      AUDIT_VERIFY_PUBLIC_KEY: `${pem(current.publicKey, 'spki')}\n${pem(rotated.publicKey, 'spki')}`,
    });
    expect(keys.signingKey).toBeNull();
    expect(new Set(keys.verifyKeys.keys())).toEqual(
      new Set([checkpointKeyId(current.publicKey), checkpointKeyId(rotated.publicKey)]),
    );
  });

  it('accepts a PEM whose line breaks were escaped in an env file, and refuses ambiguity and other key types', () => {
    const escaped = pem(current.privateKey, 'pkcs8').replace(/\n/g, '\\n');
    expect(loadAuditKeys({ AUDIT_SIGNING_KEY: escaped }).signingKey).not.toBeNull();
    expect(() => loadAuditKeys({ AUDIT_SIGNING_KEY: escaped, AUDIT_SIGNING_KEY_FILE: '/x' })).toThrow(
      /not both/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => loadAuditKeys({ AUDIT_SIGNING_KEY: pem(rsa.privateKey, 'pkcs8') })).toThrow(/Ed25519/);
    expect(loadAuditKeys({})).toMatchObject({ signingKey: null });
  });
});
