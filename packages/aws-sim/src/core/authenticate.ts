import { SimError } from '../service';
import type { SigV4Scope } from '../sigv4';
import { DEFAULT_ACCOUNT_ID } from '../sts/handler';
import type { Caller } from './caller';
import type { SimContext } from './context';

const TEMPORARY_KEY = /^ASIA/;

/**
 * Accepts only what AWS would: a SigV4 signature, and for temporary (ASIA...) keys a session this
 * sim issued that has not expired and whose token matches. Long-term keys are accepted as-is
 * because the sim has no IAM users to check them against.
 */
export function authenticate(
  context: SimContext,
  scope: SigV4Scope | undefined,
  sessionToken: string | undefined,
  protocol: 'json' | 'query',
): Caller {
  const isQuery = protocol === 'query';
  if (!scope) {
    throw new SimError(
      isQuery ? 'MissingAuthenticationToken' : 'MissingAuthenticationTokenException',
      'Missing Authentication Token',
      403,
    );
  }
  const { accessKeyId } = scope;
  if (!TEMPORARY_KEY.test(accessKeyId)) return { accessKeyId, accountId: DEFAULT_ACCOUNT_ID };

  const session = context.sessions.get(accessKeyId);
  if (!session || session.sessionToken !== sessionToken) {
    throw new SimError(
      isQuery ? 'InvalidClientTokenId' : 'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    );
  }
  if (session.expiration.getTime() <= context.clock.now()) {
    throw new SimError(
      isQuery ? 'ExpiredToken' : 'ExpiredTokenException',
      'The security token included in the request is expired',
      400,
    );
  }
  return {
    accessKeyId,
    accountId: session.accountId,
    roleArn: session.roleArn,
    assumedRoleArn: session.assumedRoleArn,
    sourceIdentity: session.sourceIdentity,
  };
}
