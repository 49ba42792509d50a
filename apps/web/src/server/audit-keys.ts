import 'server-only';
import { type AuditKeys, loadAuditKeys } from '@cairn/db/audit-keys';
import { env } from '~/env';

let keys: AuditKeys | undefined;

/** The public keys that verify audit checkpoints, read once per process. */
export function auditVerifyKeys(): AuditKeys {
  keys ??= loadAuditKeys(env.auditVerifyKeys);
  return keys;
}
