import { describe, expect, it } from 'vitest';
import {
  type AwsResourceKind,
  awsResourceName,
  clientRequestToken,
  compactId,
  InvalidDomainIdError,
  SAGEMAKER_NAME_MAX_LENGTH,
  SAGEMAKER_NAME_PATTERN,
} from './aws-names';

const KINDS: AwsResourceKind[] = [
  'model',
  'endpoint-config',
  'endpoint',
  'transform-job',
  'model-package-group',
  'alarm',
];
const TOKEN_PATTERN = /^[a-zA-Z0-9-]+$/;

/** A uuid v7 as the domain uses: 48-bit millisecond timestamp, version 7, variant 10, random rest. */
function uuidV7(at = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  const hex = [...random].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const time = at.toString(16).padStart(12, '0');
  const variant = ((Number.parseInt(hex.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex.slice(0, 3)}-${variant}${hex.slice(4, 7)}-${hex.slice(7, 19)}`;
}

describe('awsResourceName', () => {
  it('names an endpoint after its deployment id', () => {
    expect(awsResourceName('endpoint', '0193A5B2-7C1D-7E2F-8A3B-4C5D6E7F8091')).toBe(
      'cairn-ep-0193a5b27c1d7e2f8a3b4c5d6e7f8091',
    );
  });

  it('is valid for SageMaker, deterministic and distinct per kind and id for many random ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const id = i % 2 === 0 ? uuidV7(Math.floor(Math.random() * 2 ** 48)) : crypto.randomUUID();
      for (const kind of KINDS) {
        const name = awsResourceName(kind, id);
        expect(name).toMatch(SAGEMAKER_NAME_PATTERN);
        expect(name.length).toBeLessThanOrEqual(SAGEMAKER_NAME_MAX_LENGTH);
        expect(awsResourceName(kind, id.toUpperCase())).toBe(name);
        expect(seen.has(name)).toBe(false);
        seen.add(name);
      }
    }
  });

  it('refuses an id that is not a uuid rather than inventing a name', () => {
    expect(() => awsResourceName('endpoint', 'my-endpoint')).toThrow(InvalidDomainIdError);
    expect(() => compactId('')).toThrow(/Expected a uuid/);
  });
});

describe('clientRequestToken', () => {
  it('is the same on every retry of one operation and differs per kind, id and attempt', () => {
    const id = uuidV7();
    const token = clientRequestToken('codepipeline-execution', id);
    expect(clientRequestToken('codepipeline-execution', id)).toBe(token);
    expect(clientRequestToken('codepipeline-execution', id, 0)).toBe(token);
    expect(clientRequestToken('codepipeline-execution', id, 1)).not.toBe(token);
    expect(clientRequestToken('sagemaker-pipeline-execution', id)).not.toBe(token);
    expect(clientRequestToken('codepipeline-execution', uuidV7())).not.toBe(token);
  });

  it('fits every token limit Cairn meets (SageMaker 32-128, CreateModelPackage 1-36, CodePipeline 1-128)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const token = clientRequestToken('model-package', uuidV7(), i % 5);
      expect(token).toMatch(TOKEN_PATTERN);
      expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(token.length).toBeLessThanOrEqual(36);
      seen.add(token);
    }
    expect(seen.size).toBe(2_000);
  });

  it('rejects a negative or fractional attempt', () => {
    expect(() => clientRequestToken('model-package', uuidV7(), -1)).toThrow(RangeError);
    expect(() => clientRequestToken('model-package', uuidV7(), 1.5)).toThrow(RangeError);
  });
});
