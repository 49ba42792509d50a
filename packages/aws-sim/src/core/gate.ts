import { setTimeout as sleep } from 'node:timers/promises';
import { SimError, type SimRequest, type SimService } from '../service';
import type { SigV4Scope } from '../sigv4';
import { authenticate } from './authenticate';
import type { SimContext } from './context';

/** An error the sim made up on request (fault rules), as opposed to one AWS would give anyway. */
export class InjectedFault extends SimError {}

/**
 * What happens before a service sees a request: authentication as AWS would do it, then the
 * injected faults (latency, a denied role, throttling, 5xx). Sets `request.caller`; throws a
 * SimError to answer instead of the service.
 */
export async function admit(
  context: SimContext,
  service: SimService,
  request: SimRequest,
  scope: SigV4Scope | undefined,
  operation: string,
): Promise<void> {
  const token = request.headers['x-amz-security-token'];
  const caller = authenticate(
    context,
    scope,
    typeof token === 'string' ? token : undefined,
    service.protocol,
  );
  request.caller = caller;
  const isQuery = service.protocol === 'query';
  const latencyMs = context.faults.latencyMs(service.name, operation);
  if (latencyMs > 0) await sleep(latencyMs);
  if (context.faults.isDenied(service.name, operation, caller.roleArn)) {
    const principal = caller.assumedRoleArn ?? `arn:aws:iam::${caller.accountId}:user/aws-sim`;
    const action = `${service.name}:${operation}`;
    throw new InjectedFault(
      isQuery ? 'AccessDenied' : 'AccessDeniedException',
      `User: ${principal} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      isQuery ? 403 : 400,
    );
  }
  const fault = context.faults.decide(service.name, operation);
  if (fault?.kind === 'throttle') {
    throw new InjectedFault(isQuery ? 'Throttling' : 'ThrottlingException', 'Rate exceeded');
  }
  if (fault?.kind === 'error') {
    throw new InjectedFault(fault.code, 'aws-sim injected a server error', fault.status);
  }
}
