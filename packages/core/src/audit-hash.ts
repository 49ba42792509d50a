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

/**
 * canonicalJson(content), spelled out for the fixed shape of an event (keys already in sorted
 * order), so the verifier can hash a million rows without sorting twenty keys on each.
 */
export function auditContentJson(c: AuditHashContent): string {
  const s = JSON.stringify;
  return `{"action":${s(c.action)},"actorLabel":${s(c.actorLabel)},"actorTokenId":${s(c.actorTokenId)},"actorType":${s(c.actorType)},"actorUserId":${s(c.actorUserId)},"after":${canonicalParsedJson(c.after ?? null)},"awsRequestId":${s(c.awsRequestId)},"before":${canonicalParsedJson(c.before ?? null)},"ip":${s(c.ip)},"occurredAt":${s(c.occurredAt)},"onBehalfOfUserId":${s(c.onBehalfOfUserId)},"outcome":${s(c.outcome)},"reason":${s(c.reason)},"requestId":${s(c.requestId)},"resourceId":${s(c.resourceId)},"resourceType":${s(c.resourceType)},"seq":${s(c.seq)},"teamId":${s(c.teamId)},"userAgent":${s(c.userAgent)}}`;
}

/**
 * canonicalJson for values that came from JSON.parse (plain objects, arrays, strings, finite
 * numbers, booleans, null), written straight to a string instead of through a sorted copy.
 */
export function canonicalParsedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalParsedJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${canonicalParsedJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
