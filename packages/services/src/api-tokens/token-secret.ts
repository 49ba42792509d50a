import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TOKEN_PATTERN = /^cairn_([0-9a-z]{8})_([0-9A-Za-z]{32})$/;

function base62(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (const byte of bytes) {
    // Rejection sampling keeps the distribution uniform.
    if (byte < alphabet.length * Math.floor(256 / alphabet.length)) out += alphabet[byte % alphabet.length];
    if (out.length === length) return out;
  }
  return out + base62(length - out.length, alphabet);
}

/** `cairn_<8-char prefix>_<32-char secret>`: the prefix is shown in the UI, the whole is shown once. */
export function generateTokenSecret() {
  const prefix = base62(8, '0123456789abcdefghijklmnopqrstuvwxyz');
  const secret = `cairn_${prefix}_${base62(32)}`;
  return { prefix, secret, secretHash: hashTokenSecret(secret) };
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseTokenSecret(secret: string): { prefix: string } | null {
  const match = TOKEN_PATTERN.exec(secret);
  return match ? { prefix: match[1]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashTokenSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
