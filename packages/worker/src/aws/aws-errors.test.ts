import {
  ResourceNotFound as CloudWatchResourceNotFound,
  CloudWatchServiceException,
  LimitExceededFault,
} from '@aws-sdk/client-cloudwatch';
import {
  CodePipelineServiceException,
  PipelineExecutionNotFoundException,
  PipelineNotFoundException,
} from '@aws-sdk/client-codepipeline';
import {
  ConflictException,
  ResourceInUse,
  ResourceLimitExceeded,
  ResourceNotFound,
  SageMakerServiceException,
} from '@aws-sdk/client-sagemaker';
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { classifyAwsError } from './aws-errors';
import { TeamRoleNotConfiguredError } from './team-credentials';

const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1 });

function sagemakerError(name: string, message: string, status = 400, fault: 'client' | 'server' = 'client') {
  return new SageMakerServiceException({ name, message, $fault: fault, $metadata: metadata(status) });
}

function socketError(code: string, message = code) {
  return Object.assign(new Error(message), { code });
}

describe('classifyAwsError', () => {
  it.each([
    ['ThrottlingException', sagemakerError('ThrottlingException', 'Rate exceeded')],
    [
      'Throttling (query protocol)',
      new CloudWatchServiceException({
        name: 'Throttling',
        message: 'Rate exceeded',
        $fault: 'client',
        $metadata: metadata(400),
      }),
    ],
    ['TooManyRequestsException', sagemakerError('TooManyRequestsException', 'slow down', 429)],
    ['RequestLimitExceeded', sagemakerError('RequestLimitExceeded', 'Request limit exceeded.', 503)],
    ['ProvisionedThroughputExceeded', sagemakerError('ProvisionedThroughputExceeded', 'too fast')],
    ['a 500', sagemakerError('InternalFailure', 'We encountered an internal error', 500, 'server')],
    ['a 503 with an unknown code', sagemakerError('Whatever', 'unavailable', 503, 'server')],
    ['ECONNRESET', socketError('ECONNRESET', 'read ECONNRESET')],
    ['ECONNREFUSED', socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4566')],
    [
      'TimeoutError',
      Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' }),
    ],
    ['socket hang up', new Error('socket hang up')],
    ['a wrapped socket error', new TypeError('fetch failed', { cause: socketError('ECONNRESET') })],
  ])('retries %s', (_label, error) => {
    expect(classifyAwsError(error).kind).toBe('retryable');
  });

  it.each([
    ['ResourceInUse', new ResourceInUse({ message: 'Job name must be unique', $metadata: metadata(400) })],
    ['ConflictException', new ConflictException({ message: 'conflict', $metadata: metadata(400) })],
    [
      "SageMaker's duplicate-name ValidationException",
      sagemakerError('ValidationException', 'Cannot create already existing endpoint "arn:…/cairn-ep-01"'),
    ],
  ])('adopts on %s', (_label, error) => {
    expect(classifyAwsError(error).kind).toBe('already-exists');
  });

  it.each([
    ['ResourceNotFound', new ResourceNotFound({ message: 'gone', $metadata: metadata(400) })],
    [
      'CloudWatch ResourceNotFound',
      new CloudWatchResourceNotFound({ message: 'gone', $metadata: metadata(404) }),
    ],
    ['PipelineNotFoundException', new PipelineNotFoundException({ message: 'no', $metadata: metadata(400) })],
    [
      'PipelineExecutionNotFoundException',
      new PipelineExecutionNotFoundException({ message: 'no', $metadata: metadata(400) }),
    ],
    [
      '"Could not find endpoint"',
      sagemakerError('ValidationException', 'Could not find endpoint "cairn-ep-01".'),
    ],
  ])('reports %s as not found', (_label, error) => {
    expect(classifyAwsError(error).kind).toBe('not-found');
  });

  it.each([
    ['ValidationException', sagemakerError('ValidationException', "Value 'x' at 'endpointName' failed")],
    ['AccessDeniedException', sagemakerError('AccessDeniedException', 'not authorized', 403)],
    [
      'AccessDenied (STS)',
      new STSServiceException({
        name: 'AccessDenied',
        message: 'no',
        $fault: 'client',
        $metadata: metadata(403),
      }),
    ],
    ['UnrecognizedClientException', sagemakerError('UnrecognizedClientException', 'bad token', 400)],
    ['ExpiredToken', new ExpiredTokenException({ message: 'expired', $metadata: metadata(400) })],
    ['ResourceLimitExceeded', new ResourceLimitExceeded({ message: 'quota', $metadata: metadata(400) })],
    ['LimitExceededFault', new LimitExceededFault({ message: 'quota', $metadata: metadata(400) })],
    [
      'an unknown client error',
      new CodePipelineServiceException({
        name: 'InvalidStructureException',
        message: 'bad',
        $fault: 'client',
        $metadata: metadata(400),
      }),
    ],
    ['TeamRoleNotConfiguredError', new TeamRoleNotConfiguredError('team-1')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'Arn')")],
  ])('fails %s permanently', (_label, error) => {
    expect(classifyAwsError(error).kind).toBe('permanent');
  });

  it('keeps the code, message, status and AWS request id to show the user', () => {
    expect(classifyAwsError(sagemakerError('ValidationException', 'Bad image', 400))).toEqual({
      kind: 'permanent',
      code: 'ValidationException',
      message: 'Bad image',
      httpStatus: 400,
      awsRequestId: 'req-1',
    });
    expect(classifyAwsError(new TeamRoleNotConfiguredError('team-1'))).toMatchObject({
      code: 'TeamRoleNotConfigured',
      message: expect.stringContaining('team settings'),
    });
    expect(classifyAwsError('boom')).toEqual({ kind: 'permanent', code: 'UnknownError', message: 'boom' });
  });
});
