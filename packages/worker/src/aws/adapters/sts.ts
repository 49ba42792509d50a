import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { type AdapterContext, required } from './adapter-support';

/** GetCallerIdentity: which account and principal the team's clients really act as. */
export async function getCallerIdentity(ctx: AdapterContext<STSClient>) {
  const output = await ctx.call(
    { service: 'sts', operation: 'GetCallerIdentity', resourceType: 'sts:caller-identity', resourceId: null },
    () => ctx.client.send(new GetCallerIdentityCommand({})),
  );
  return {
    account: required(output.Account, 'Account'),
    arn: required(output.Arn, 'Arn'),
    userId: required(output.UserId, 'UserId'),
  };
}
