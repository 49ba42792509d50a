import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const PREFIX = 'sha256=';

/**
 * The `x-cairn-signature` of a webhook delivery: HMAC-SHA256 under the webhook's secret over
 * `<timestamp>.<body>`, as `sha256=<hex>`. The timestamp is inside the signature so a receiver can
 * refuse an old delivery replayed at it.
 */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  const mac = hmac(sha256, utf8ToBytes(secret), utf8ToBytes(`${timestamp}.${body}`));
  return `${PREFIX}${bytesToHex(mac)}`;
}

/**
 * True when `signature` is the body's signature under the secret. Compares in constant time, so
 * the comparison leaks nothing about how much of a forged signature was right.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = signWebhookBody(secret, timestamp, body);
  if (signature.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index += 1) {
    difference |= expected.charCodeAt(index) ^ signature.charCodeAt(index);
  }
  return difference === 0;
}
