import { DomainError } from '@cairn/core/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MlflowError, toMlflowErrorResponse } from './mlflow-error';

describe('toMlflowErrorResponse', () => {
  it('maps domain errors to MLflow codes with MLflow’s HTTP statuses', () => {
    const cases: Array<[DomainError['code'], string, number]> = [
      ['NOT_FOUND', 'RESOURCE_DOES_NOT_EXIST', 404],
      ['CONFLICT', 'RESOURCE_ALREADY_EXISTS', 400],
      ['INVALID_INPUT', 'INVALID_PARAMETER_VALUE', 400],
      ['PRECONDITION_FAILED', 'INVALID_PARAMETER_VALUE', 400],
      ['FORBIDDEN', 'PERMISSION_DENIED', 403],
      ['UNAUTHENTICATED', 'UNAUTHENTICATED', 401],
      ['RATE_LIMITED', 'REQUEST_LIMIT_EXCEEDED', 429],
    ];
    for (const [code, errorCode, status] of cases) {
      expect(toMlflowErrorResponse(new DomainError(code, 'why'))).toEqual({
        status,
        body: { error_code: errorCode, message: 'why' },
      });
    }
  });

  it('keeps REST-layer errors as raised', () => {
    expect(toMlflowErrorResponse(new MlflowError('BAD_REQUEST', 'Malformed JSON'))).toEqual({
      status: 400,
      body: { error_code: 'BAD_REQUEST', message: 'Malformed JSON' },
    });
  });

  it('names a missing or invalid parameter in MLflow’s words', () => {
    const schema = z.object({ runId: z.string(), maxResults: z.number().max(10) });
    const missing = schema.safeParse({ maxResults: 1 }).error;
    expect(toMlflowErrorResponse(missing).body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message:
        "Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.",
    });
    const tooBig = schema.safeParse({ runId: 'r', maxResults: 11 }).error;
    expect(toMlflowErrorResponse(tooBig).body.message).toMatch(
      /^Invalid value for parameter 'max_results' supplied/,
    );
  });

  it('hides the text of unexpected errors behind INTERNAL_ERROR (500)', () => {
    expect(toMlflowErrorResponse(new Error('connection string postgres://secret'))).toEqual({
      status: 500,
      body: { error_code: 'INTERNAL_ERROR', message: 'Internal error while handling the request' },
    });
  });
});
