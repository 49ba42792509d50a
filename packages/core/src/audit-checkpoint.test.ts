import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CheckpointStatement,
  checkpointKeyId,
  checkpointPayload,
  isCheckpointSignatureValid,
  signCheckpoint,
} from './audit-checkpoint';

const keys = generateKeyPairSync('ed25519');
const statement: CheckpointStatement = {
  createdAt: new Date('2026-12-06T14:00:00.000Z'),
  headSeq: '42',
  headHash: 'a'.repeat(64),
  prevSignature: '',
  keyId: checkpointKeyId(keys.publicKey),
};

describe('audit checkpoint signatures', () => {
  it('signs canonical JSON of the statement and verifies with the public key', () => {
    expect(checkpointPayload(statement).toString()).toBe(
      `{"createdAt":"2026-12-06T14:00:00.000Z","headHash":"${'a'.repeat(64)}","headSeq":"42","keyId":"${statement.keyId}","prevSignature":""}`,
    );
    const signature = signCheckpoint(keys.privateKey, statement);
    expect(isCheckpointSignatureValid(keys.publicKey, statement, signature)).toBe(true);
  });

  it('refuses a statement changed after signing, and a signature from another key', () => {
    const signature = signCheckpoint(keys.privateKey, statement);
    expect(isCheckpointSignatureValid(keys.publicKey, { ...statement, headSeq: '41' }, signature)).toBe(
      false,
    );
    const other = generateKeyPairSync('ed25519');
    expect(
      isCheckpointSignatureValid(keys.publicKey, statement, signCheckpoint(other.privateKey, statement)),
    ).toBe(false);
    expect(isCheckpointSignatureValid(keys.publicKey, statement, 'bm90IGEgc2lnbmF0dXJl')).toBe(false);
  });

  it('derives the same key id from the private and the public key', () => {
    expect(checkpointKeyId(keys.privateKey)).toBe(checkpointKeyId(keys.publicKey));
    expect(statement.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signCheckpoint(rsa.privateKey, statement)).toThrow(/Ed25519/);
  });
});
