import { describe, expect, it } from 'vitest';
import { type AuditHashContent, auditContentJson, auditEventHash, GENESIS_HASH } from './audit-hash';
import { canonicalJson } from './canonical-json';

const content: AuditHashContent = {
  seq: '1',
  occurredAt: '2026-11-25T10:00:00.000Z',
  actorType: 'USER',
  actorUserId: 'u1',
  actorTokenId: null,
  actorLabel: 'engineer@example.com',
  onBehalfOfUserId: null,
  action: 'project.create',
  resourceType: 'Project',
  resourceId: 'p1',
  teamId: 't1',
  outcome: 'SUCCESS',
  reason: null,
  before: null,
  after: { name: 'Card Fraud Scoring' },
  ip: '203.0.113.7',
  userAgent: 'test',
  requestId: 'r1',
  awsRequestId: null,
};

describe('auditEventHash', () => {
  it('is a stable sha256 hex digest', () => {
    const hash = auditEventHash(GENESIS_HASH, content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash(GENESIS_HASH, { ...content })).toBe(hash);
  });

  it('changes when any covered field or the previous hash changes', () => {
    const hash = auditEventHash(GENESIS_HASH, content);
    expect(auditEventHash('1'.repeat(64), content)).not.toBe(hash);
    expect(auditEventHash(GENESIS_HASH, { ...content, seq: '2' })).not.toBe(hash);
    expect(auditEventHash(GENESIS_HASH, { ...content, after: { name: 'Card Fraud Scoring!' } })).not.toBe(
      hash,
    );
    expect(auditEventHash(GENESIS_HASH, { ...content, outcome: 'DENIED' })).not.toBe(hash);
  });
});

describe('auditContentJson', () => {
  it('spells exactly the canonical JSON of the content', () => {
    const variants: AuditHashContent[] = [
      content,
      { ...content, before: { z: [1, { b: 2, a: 'x"y' }], a: null }, after: null, reason: 'line\nbreak' },
      { ...content, actorUserId: null, teamId: null, ip: null, userAgent: 'ü "quoted" \\ \u0001' },
      {
        ...content,
        before: JSON.parse('{"b":[1,2.5,-0.1,1e21,true,null,{"z":{},"a":[]}],"a":"\\u2028 é","ä":1,"B":0}'),
        after: [],
      },
      { ...content, before: 'a string', after: 42 },
    ];
    for (const variant of variants) expect(auditContentJson(variant)).toBe(canonicalJson(variant));
  });
});
