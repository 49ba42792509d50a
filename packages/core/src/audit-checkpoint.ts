import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What a checkpoint's signature covers: the chain head at a moment, chained to the checkpoint before. */
export interface CheckpointStatement {
  createdAt: Date;
  /** "0" while the trail is empty. */
  headSeq: string;
  headHash: string;
  /** The previous checkpoint's signature, empty for the first checkpoint. */
  prevSignature: string;
  keyId: string;
}

/** The exact bytes that are signed: canonical JSON, so signer and verifier never disagree on form. */
export function checkpointPayload(statement: CheckpointStatement): Buffer {
  return Buffer.from(
    canonicalJson({
      createdAt: statement.createdAt.toISOString(),
      headSeq: statement.headSeq,
      headHash: statement.headHash,
      prevSignature: statement.prevSignature,
      keyId: statement.keyId,
    }),
    'utf8',
  );
}

/** SHA-256 of the public key's DER (SPKI), hex, first 16 characters: names the key that signed. */
export function checkpointKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Base64 Ed25519 signature of the statement. */
export function signCheckpoint(privateKey: KeyObject, statement: CheckpointStatement): string {
  assertEd25519(privateKey);
  return sign(null, checkpointPayload(statement), privateKey).toString('base64');
}

/** Whether `signature` is the Ed25519 signature of the statement under `publicKey`. */
export function isCheckpointSignatureValid(
  publicKey: KeyObject,
  statement: CheckpointStatement,
  signature: string,
): boolean {
  assertEd25519(publicKey);
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  return verify(null, checkpointPayload(statement), publicKey, bytes);
}

function assertEd25519(key: KeyObject) {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`Audit checkpoints are signed with Ed25519, not ${key.asymmetricKeyType ?? key.type}`);
  }
}
