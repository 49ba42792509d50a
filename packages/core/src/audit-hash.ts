import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';

/** The hash that starts the chain: the prevHash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers (everything but the hash itself). */
export interface AuditHashContent {
  seq: string;
  occurredAt: string;
  actorType: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorLabel: string;
  onBehalfOfUserId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  teamId: string | null;
  outcome: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  awsRequestId: string | null;
}

/** sha256(prevHash || canonical content): each row's hash commits to the whole chain before it. */
export function auditEventHash(prevHash: string, content: AuditHashContent): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${canonicalJson(content)}`)));
}
