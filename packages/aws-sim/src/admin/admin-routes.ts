import { parseTraffic, type TrafficHistory, TrafficInputError } from '../cloudwatch/traffic';
import type { AlarmState } from '../core/alarm-states';
import type { ResourceStore } from '../core/caller';
import type { SimContext } from '../core/context';
import { FaultRuleError, parseFaultRule } from '../core/faults';
import { DailyCostInputError, type DailyCostStore, parseDailyCosts } from '../cost-explorer/daily-costs';
import { EventDeliveryError, parseEventDelivery, type StateEventEmitter } from '../events/event-emitter';
import type { SimResponse } from '../service';

export interface AdminDeps {
  context: SimContext;
  serviceNames: string[];
  stores: ResourceStore[];
  /** Pipelines that exist per service, so tests and the demo can seed names without a `cairn-` prefix. */
  pipelines: { sagemaker: Set<string>; codepipeline: Set<string> };
  /** Per-endpoint traffic behind the CloudWatch metrics. */
  traffic: TrafficHistory;
  /** The daily spend Cost Explorer reports, by tag. */
  costs: DailyCostStore;
  /** Present when the sim emits state-change events into a queue. */
  events?: StateEventEmitter;
}

export interface AdminRequest {
  method: string;
  path: string;
  search: string;
  body: Buffer;
  requestId: string;
}

const TRAFFIC_ROUTE = /^\/_sim\/endpoints\/([^/]+)\/traffic$/;
const ALARM_STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function reply(status: number, requestId: string, body: unknown): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId },
    body: JSON.stringify(body),
  };
}

class AdminInputError extends Error {}

function readObject(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the same answer as a non-object body.
  }
  throw new AdminInputError('body must be a JSON object');
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw new AdminInputError(`${field} must be a non-empty string`);
  return value;
}

function dispatch(deps: AdminDeps, request: AdminRequest): [number, unknown] {
  const { context } = deps;
  const path = request.path.replace(/\/+$/, '');
  const route = `${request.method} ${path}`;
  const traffic = TRAFFIC_ROUTE.exec(path);
  if (traffic) {
    const endpointName = decodeURIComponent(traffic[1] ?? '');
    const now = context.clock.now();
    if (request.method === 'POST') {
      const settings = deps.traffic.set(endpointName, parseTraffic(readObject(request.body)), now);
      return [200, { endpointName, traffic: settings }];
    }
    if (request.method === 'GET') return [200, { endpointName, traffic: deps.traffic.at(endpointName, now) }];
  }
  switch (route) {
    case 'GET /_sim/health':
      return [200, { ok: true, services: deps.serviceNames }];
    case 'GET /_sim/clock':
      return [200, { now: new Date(context.clock.now()).toISOString() }];
    case 'POST /_sim/clock': {
      const { advanceSeconds } = readObject(request.body);
      if (typeof advanceSeconds !== 'number' || !(advanceSeconds >= 0 && advanceSeconds <= 86_400))
        throw new AdminInputError('advanceSeconds must be a number from 0 to 86400');
      return [200, { now: new Date(context.clock.advance(advanceSeconds * 1000)).toISOString() }];
    }
    case 'GET /_sim/faults':
      return [200, { faults: context.faults.list() }];
    case 'POST /_sim/faults': {
      const body = readObject(request.body);
      const { seed } = body;
      if (seed !== undefined && !Number.isInteger(seed)) throw new AdminInputError('seed must be an integer');
      context.faults.add(parseFaultRule(body), seed as number | undefined);
      return [200, { faults: context.faults.list() }];
    }
    case 'DELETE /_sim/faults':
      context.faults.clear();
      return [200, { faults: [] }];
    case 'GET /_sim/resources': {
      const type = new URLSearchParams(request.search).get('type');
      const resources = deps.stores.flatMap((store) => store.list());
      return [200, { resources: type ? resources.filter((resource) => resource.type === type) : resources }];
    }
    case 'GET /_sim/alarms':
      return [200, { alarms: context.alarms.entries().map(([name, record]) => ({ name, ...record })) }];
    case 'POST /_sim/alarms': {
      const body = readObject(request.body);
      const name = requireString(body, 'name');
      const state = requireString(body, 'state') as AlarmState;
      if (!ALARM_STATES.includes(state))
        throw new AdminInputError(`state must be one of ${ALARM_STATES.join(', ')}`);
      const reason = typeof body.reason === 'string' ? body.reason : 'Set through the aws-sim admin API';
      context.alarms.set(name, state, reason, context.clock.now(), true);
      return [200, { name, ...context.alarms.get(name) }];
    }
    case 'DELETE /_sim/alarms':
      context.alarms.clearManual();
      return [200, { alarms: context.alarms.entries().map(([name, record]) => ({ name, ...record })) }];
    case 'POST /_sim/pipelines': {
      const body = readObject(request.body);
      const name = requireString(body, 'name');
      const service = body.service ?? 'both';
      if (!['sagemaker', 'codepipeline', 'both'].includes(String(service))) {
        throw new AdminInputError('service must be sagemaker, codepipeline or both');
      }
      if (service !== 'codepipeline') deps.pipelines.sagemaker.add(name);
      if (service !== 'sagemaker') deps.pipelines.codepipeline.add(name);
      return [200, { name, service }];
    }
    case 'GET /_sim/costs':
      return [200, { rows: deps.costs.rows }];
    case 'POST /_sim/costs':
      deps.costs.add(parseDailyCosts(readObject(request.body)));
      return [200, { rows: deps.costs.rows }];
    case 'DELETE /_sim/costs':
      deps.costs.reset();
      return [200, { rows: [] }];
    case 'GET /_sim/events':
      return [200, { events: deps.events?.settings ?? null }];
    case 'POST /_sim/events': {
      const { events } = deps;
      if (!events)
        throw new AdminInputError(
          'events are off: start the sim with an events queue (AWS_SIM_EVENTS_QUEUE)',
        );
      events.configure(parseEventDelivery(readObject(request.body), events.settings));
      return [200, { events: events.settings }];
    }
    case 'GET /_sim/requests': {
      const query = new URLSearchParams(request.search);
      const flag = (name: string) => (query.has(name) ? query.get(name) === 'true' : undefined);
      const requests = context.requests.list({
        service: query.get('service') ?? undefined,
        operation: query.get('operation') ?? undefined,
        isError: flag('isError'),
        isInjected: flag('isInjected'),
      });
      return [200, { requests }];
    }
    case 'DELETE /_sim/requests':
      context.requests.clear();
      return [200, { requests: [] }];
    case 'GET /_sim/roles':
      return [200, { roles: [...context.roles].map(([roleArn, trust]) => ({ roleArn, ...trust })) }];
    case 'POST /_sim/roles': {
      const body = readObject(request.body);
      const roleArn = requireString(body, 'roleArn');
      const externalId = body.externalId === undefined ? undefined : requireString(body, 'externalId');
      context.roles.set(roleArn, { externalId });
      return [200, { roleArn, externalId }];
    }
    case 'POST /_sim/sessions/expire': {
      // Lets tests see ExpiredTokenException without waiting out AssumeRole's 15-minute minimum.
      const body = readObject(request.body);
      const only = body.accessKeyId === undefined ? undefined : requireString(body, 'accessKeyId');
      let expired = 0;
      for (const session of context.sessions.values()) {
        if (only !== undefined && session.accessKeyId !== only) continue;
        session.expiration = new Date(context.clock.now() - 1000);
        expired++;
      }
      return [200, { expired }];
    }
    case 'POST /_sim/reset':
      // Sessions survive a reset: workers cache their credentials and should not all fail at once.
      for (const store of deps.stores) store.reset();
      context.faults.clear();
      context.alarms.reset();
      context.roles.clear();
      context.requests.clear();
      deps.events?.reset();
      return [200, { ok: true }];
    default:
      return [404, { error: `no admin route ${route}` }];
  }
}

/** The JSON admin API under /_sim/: faults, alarms, pipelines, traffic, Cost Explorer spend, events, the clock, the resource listing, reset. */
export function handleAdmin(deps: AdminDeps, request: AdminRequest): SimResponse {
  try {
    const [status, body] = dispatch(deps, request);
    return reply(status, request.requestId, body);
  } catch (error) {
    if (
      error instanceof AdminInputError ||
      error instanceof FaultRuleError ||
      error instanceof EventDeliveryError ||
      error instanceof TrafficInputError ||
      error instanceof DailyCostInputError
    )
      return reply(400, request.requestId, { error: error.message });
    throw error;
  }
}
