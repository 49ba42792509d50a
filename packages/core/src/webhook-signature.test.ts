import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature';

const SECRET = 'whsec_test-secret';
const BODY = JSON.stringify({ id: 'd1', event: 'pipeline_run.finished', data: { status: 'SUCCEEDED' } });

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>", hex, prefixed sha256=', () => {
    const expected = createHmac('sha256', SECRET).update(`1764000000.${BODY}`).digest('hex');
    expect(signWebhookBody(SECRET, '1764000000', BODY)).toBe(`sha256=${expected}`);
  });

  it('verifies its own signature and nothing else', () => {
    const signature = signWebhookBody(SECRET, '1764000000', BODY);
    expect(verifyWebhookSignature(SECRET, '1764000000', BODY, signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, '1764000001', BODY, signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1764000000', `${BODY} `, signature)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', '1764000000', BODY, signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1764000000', BODY, signature.slice(0, -1))).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1764000000', BODY, '')).toBe(false);
  });

  it('signs non-ASCII bodies as their UTF-8 bytes', () => {
    const body = JSON.stringify({ summary: 'Freigabe für Modell ✓' });
    const expected = createHmac('sha256', SECRET).update(`1.${body}`, 'utf8').digest('hex');
    expect(signWebhookBody(SECRET, '1', body)).toBe(`sha256=${expected}`);
  });
});
