import { parseQueryForm, queryError, queryResult } from '../query/query-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import { type AssumedSession, assumeRole } from './assume-role';

const XML_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
/** What base (non-STS) credentials resolve to: LocalStack's and moto's default account. */
export const DEFAULT_ACCOUNT_ID = '000000000000';

/** STS over the awsQuery protocol, which is what @aws-sdk/client-sts sends (form in, XML out). */
/** Roles registered through the admin API; an external id set here must accompany AssumeRole. */
export type RoleTrust = Map<string, { externalId?: string }>;

export function createStsService(sessions: Map<string, AssumedSession>, roles: RoleTrust): SimService {
  function callerIdentity(request: SimRequest) {
    const session = request.accessKeyId ? sessions.get(request.accessKeyId) : undefined;
    if (session && session.expiration.getTime() > Date.now()) {
      return { UserId: session.assumedRoleId, Account: session.accountId, Arn: session.assumedRoleArn };
    }
    return {
      UserId: DEFAULT_ACCOUNT_ID,
      Account: DEFAULT_ACCOUNT_ID,
      Arn: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:root`,
    };
  }

  function dispatch(action: string, form: Map<string, string>, request: SimRequest) {
    switch (action) {
      case 'GetCallerIdentity':
        return callerIdentity(request);
      case 'AssumeRole': {
        const roleArn = form.get('RoleArn') ?? '';
        const trust = roles.get(roleArn);
        if (trust?.externalId !== undefined && form.get('ExternalId') !== trust.externalId) {
          // What a trust policy with an sts:ExternalId condition answers to a missing or wrong id.
          const principal = request.caller?.assumedRoleArn ?? `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:root`;
          throw new SimError(
            'AccessDenied',
            `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
            403,
          );
        }
        const session = assumeRole(form);
        sessions.set(session.accessKeyId, session);
        return {
          Credentials: {
            AccessKeyId: session.accessKeyId,
            SecretAccessKey: session.secretAccessKey,
            SessionToken: session.sessionToken,
            Expiration: session.expiration,
          },
          AssumedRoleUser: { Arn: session.assumedRoleArn, AssumedRoleId: session.assumedRoleId },
          PackedPolicySize: session.tags.length > 0 ? 1 : undefined,
          SourceIdentity: session.sourceIdentity,
        };
      }
      default:
        throw new SimError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
    }
  }

  return {
    name: 'sts',
    protocol: 'query',
    queryVersion: '2011-06-15',
    handle(request: SimRequest): SimResponse {
      const { requestId } = request;
      const form = parseQueryForm(request.body);
      const action = form.get('Action') ?? '';
      try {
        const result = dispatch(action, form, request);
        return queryResult({ action, xmlNamespace: XML_NAMESPACE, requestId, result });
      } catch (error) {
        if (!(error instanceof SimError)) throw error;
        const { code, message, status } = error;
        return queryError({ code, message, status, xmlNamespace: XML_NAMESPACE, requestId });
      }
    },
    errorResponse(requestId, error) {
      const { code, message, status } = error;
      return queryError({ code, message, status, xmlNamespace: XML_NAMESPACE, requestId });
    },
  };
}
