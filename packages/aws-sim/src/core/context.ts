import type { AssumedSession } from '../sts/assume-role';
import type { AlarmStates } from './alarm-states';
import type { SimClock } from './clock';
import type { Faults } from './faults';
import type { RequestLog } from './request-log';

/** What one sim instance shares between its services; nothing is module-global, so servers never mix. */
export interface SimContext {
  clock: SimClock;
  alarms: AlarmStates;
  faults: Faults;
  /** STS sessions by access key id: AssumeRole writes them, the router checks them. */
  sessions: Map<string, AssumedSession>;
  /** Roles registered through the admin API, with the external id their trust policy demands. */
  roles: Map<string, { externalId?: string }>;
  /** Every answered AWS request, for the admin API's request log. */
  requests: RequestLog;
  /** Re-evaluates metric alarms; SageMaker calls it before reading alarm states for rollbacks. */
  refreshAlarms(now: number): void;
  /** Names of the endpoint's variants registered with Application Auto Scaling. */
  autoscaledVariants(endpointName: string): string[];
}
