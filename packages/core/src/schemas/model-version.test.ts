import { describe, expect, it } from 'vitest';
import { decodeMetricValue, encodeMetricValue, registerModelVersionInput } from './model-version';

const ID = '01936f6e-0000-7000-8000-000000000001';
const valid = {
  teamId: ID,
  projectId: ID,
  modelGroupId: ID,
  runId: ID,
  artifactUri: 's3://cairn-artifacts/runs/abc/model.tar.gz',
  inferenceImageUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/scorer:1.4.2',
  framework: 'XGBOOST',
};

function firstMessage(input: unknown) {
  const result = registerModelVersionInput.safeParse(input);
  return result.success
    ? null
    : `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
}

describe('registerModelVersionInput', () => {
  it('accepts an S3 artifact and an ECR image by tag or digest, and defaults the model card', () => {
    expect(registerModelVersionInput.parse(valid).modelCard).toEqual({
      intendedUse: '',
      limitations: '',
      trainingData: '',
      evaluation: '',
    });
    expect(
      firstMessage({
        ...valid,
        inferenceImageUri: `123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer@sha256:${'a'.repeat(64)}`,
      }),
    ).toBeNull();
    expect(
      firstMessage({ ...valid, inferenceImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer' }),
    ).toBeNull();
  });

  it.each([
    [{ artifactUri: 'https://bucket/model.tar.gz' }, 'artifactUri: Artifact URI must be an S3 location'],
    [{ artifactUri: 's3://' }, 'artifactUri: Artifact URI must be an S3 location'],
    [
      { inferenceImageUri: 'docker.io/library/python:3' },
      'inferenceImageUri: Inference image must be an ECR image',
    ],
    [
      { inferenceImageUri: '12345.dkr.ecr.us-east-1.amazonaws.com/x' },
      'inferenceImageUri: Inference image must be an ECR image',
    ],
    [{ framework: 'JAX' }, 'framework: Framework must be one of PYTORCH'],
    [
      { modelCard: { limitations: 'x'.repeat(4_001) } },
      'modelCard.limitations: Limitations must be at most 4,000',
    ],
    [{ description: 'x'.repeat(2_001) }, 'description: Description must be at most 2,000'],
  ])('refuses %j with a message naming the field', (change, message) => {
    expect(firstMessage({ ...valid, ...change })).toContain(message);
  });
});

describe('captured metric values', () => {
  it.each([0.93, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e-300])(
    '%s survives the round trip',
    (value) => {
      expect(Object.is(decodeMetricValue(encodeMetricValue(value)), value)).toBe(true);
    },
  );
});
