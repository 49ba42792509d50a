import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin/admin-routes';
import { createApplicationAutoScalingService } from './application-autoscaling/handler';
import { runStepPolicies, type VariantResizer } from './application-autoscaling/step-actions';
import { createCloudWatchService } from './cloudwatch/handler';
import { createCodePipelineService } from './codepipeline/handler';
import { AlarmStates } from './core/alarm-states';
import { createClock } from './core/clock';
import type { SimContext } from './core/context';
import { Faults } from './core/faults';
import { admit, InjectedFault } from './core/gate';
import { StateFile } from './core/persistence';
import { RequestLog } from './core/request-log';
import { createCostExplorerService } from './cost-explorer/handler';
import { startStateEvents } from './events/start-state-events';
import { parseQueryForm } from './query/query-protocol';
import { createSageMakerService } from './sagemaker/handler';
import { SimError, type SimRequest, type SimResponse, type SimService } from './service';
import { parseSigV4Authorization } from './sigv4';
import { createSqsService } from './sqs/handler';
import { QueueStore } from './sqs/queues';
import { createStsService } from './sts/handler';

export interface AwsSimOptions {
  /** 0 picks a free port; the one bound is returned. */
  port: number;
  host?: string;
  /**
   * Multiplies every simulated duration (endpoint creation ~30 s, canary waits as requested...).
   * 1 (default) suits the demo; tests use ~0.01.
   */
  timeScale?: number;
  /** A JSON file to load state from at start and save it to after changes (the demo's restarts). */
  stateFile?: string;
  /**
   * An SQS queue (created in the sim's account) that receives the EventBridge events of SageMaker
   * endpoint, model package and pipeline execution changes and CodePipeline execution changes.
   */
  eventsQueue?: string;
}

export interface AwsSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

function json(status: number, requestId: string, body: unknown): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId },
    body: JSON.stringify(body),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function isForm(request: SimRequest): boolean {
  return String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded');
}

/** Signing name first; unsigned requests fall back to the protocol's own markers. */
function resolveService(services: SimService[], request: SimRequest, signedFor: string | undefined) {
  if (signedFor) {
    const service = services.find((candidate) => candidate.name === signedFor);
    if (service) return service;
  }
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const prefix = target.split('.')[0];
    const service = services.find((candidate) => candidate.targetPrefix === prefix);
    if (service) return service;
  }
  if (isForm(request)) {
    const version = parseQueryForm(request.body).get('Version');
    return services.find((candidate) => candidate.queryVersion === version);
  }
  return undefined;
}

/** The operation name faults are matched against: the target's suffix, or the query Action. */
function operationOf(request: SimRequest): string {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? '';
  return isForm(request) ? (parseQueryForm(request.body).get('Action') ?? '') : '';
}

function createRouter(
  context: SimContext,
  services: SimService[],
  admin: Parameters<typeof handleAdmin>[0],
  afterRequest: () => void,
) {
  return async function route(incoming: IncomingMessage): Promise<SimResponse> {
    const requestId = randomUUID();
    const [path = '/', search = ''] = (incoming.url ?? '/').split('?');
    const body = await readBody(incoming);
    if (path === '/_sim' || path.startsWith('/_sim/')) {
      return handleAdmin(admin, { method: incoming.method ?? 'GET', path, search, body, requestId });
    }
    const scope = parseSigV4Authorization(incoming.headers.authorization);
    const request: SimRequest = {
      method: incoming.method ?? 'GET',
      path,
      headers: incoming.headers,
      body,
      requestId,
      accessKeyId: scope?.accessKeyId,
      region: scope?.region ?? 'us-east-1',
      caller: undefined,
    };
    const service = resolveService(services, request, scope?.service);
    if (!service) {
      return json(400, requestId, {
        __type: 'UnknownServiceException',
        message: `aws-sim does not simulate this service (signed for: ${scope?.service ?? 'unsigned'})`,
      });
    }
    const operation = operationOf(request);
    let response: SimResponse;
    let isInjected = false;
    try {
      await admit(context, service, request, scope, operation);
      response = await service.handle(request);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      isInjected = error instanceof InjectedFault;
      response = service.errorResponse(requestId, error);
    }
    context.requests.add(
      { requestId, service: service.name, operation, caller: request.caller },
      response,
      isInjected,
    );
    afterRequest();
    return response;
  };
}

/** Starts the local AWS control plane; every service lives behind one port, as with LocalStack. */
export async function startAwsSim(options: AwsSimOptions): Promise<AwsSim> {
  const { port, host = '127.0.0.1', timeScale = 1, stateFile, eventsQueue } = options;
  const context: SimContext = {
    clock: createClock(timeScale),
    alarms: new AlarmStates(),
    faults: new Faults(),
    sessions: new Map(),
    roles: new Map(),
    requests: new RequestLog(),
    refreshAlarms: () => {},
    autoscaledVariants: () => [],
  };
  const sagemaker = createSageMakerService(context);
  const codepipeline = createCodePipelineService(context);
  const cloudwatch = createCloudWatchService(context, (name) => sagemaker.store.endpointShape(name));
  context.refreshAlarms = (now) => cloudwatch.store.evaluate(now);
  const autoscaling = createApplicationAutoScalingService(context, (name) => {
    sagemaker.store.advance();
    const endpoint = sagemaker.store.endpoints.get(name.toLowerCase());
    if (!endpoint) return undefined;
    const config = sagemaker.store.endpointConfigs.get(endpoint.configName.toLowerCase());
    return {
      status: endpoint.status,
      isAsync: config?.isAsync ?? false,
      variants: (config?.variants ?? []).map((variant) => ({
        name: variant.variantName,
        isServerless: variant.isServerless,
      })),
    };
  });
  context.autoscaledVariants = (name) => autoscaling.store.registeredVariants(name);
  const endpointConfigOf = (name: string) => {
    const endpoint = sagemaker.store.endpoints.get(name.toLowerCase());
    const config = endpoint && sagemaker.store.endpointConfigs.get(endpoint.configName.toLowerCase());
    return endpoint && config ? { endpoint, config } : undefined;
  };
  const variantResizer: VariantResizer = {
    instanceCount(endpointName, variantName) {
      const found = endpointConfigOf(endpointName);
      const variant = found?.config.variants.find((candidate) => candidate.variantName === variantName);
      if (!found || !variant || variant.isServerless) return undefined;
      return found.endpoint.scaledInstanceCounts?.[variantName] ?? variant.instanceCount;
    },
    setInstanceCount(endpointName, variantName, count) {
      const found = endpointConfigOf(endpointName);
      if (!found) return;
      found.endpoint.scaledInstanceCounts = { ...found.endpoint.scaledInstanceCounts, [variantName]: count };
    },
  };
  context.alarms.onAlarm = (name, at) => {
    const actions = cloudwatch.store.alarms.get(name)?.input.AlarmActions;
    if (!Array.isArray(actions)) return;
    const policyArns = actions.filter((action): action is string => typeof action === 'string');
    runStepPolicies(autoscaling.store, variantResizer, policyArns, at);
  };
  const costExplorer = createCostExplorerService();
  const queues = new QueueStore(context.clock);
  const services: SimService[] = [
    createStsService(context.sessions, context.roles),
    sagemaker.service,
    codepipeline.service,
    cloudwatch.service,
    autoscaling.service,
    createSqsService(queues),
    costExplorer.service,
  ];

  const persistence = stateFile
    ? new StateFile(stateFile, {
        sessions: context.sessions,
        roles: context.roles,
        alarmStates: context.alarms.states,
        models: sagemaker.store.models,
        endpointConfigs: sagemaker.store.endpointConfigs,
        endpoints: sagemaker.store.endpoints,
        transformJobs: sagemaker.store.transformJobs,
        modelPackageGroups: sagemaker.store.packageGroups,
        modelPackages: sagemaker.store.packages,
        sageMakerPipelines: sagemaker.store.pipelines,
        pipelineExecutions: sagemaker.store.executions,
        codePipelines: codepipeline.store.pipelines,
        codePipelineExecutions: codepipeline.store.executions,
        metricAlarms: cloudwatch.store.alarms,
        traffic: cloudwatch.store.traffic.changes,
        scalableTargets: autoscaling.store.targets,
        scalingPolicies: autoscaling.store.policies,
      })
    : undefined;
  persistence?.load();
  const events = eventsQueue
    ? startStateEvents({
        queues,
        queueName: eventsQueue,
        sagemaker: sagemaker.store,
        codepipeline: codepipeline.store,
      })
    : undefined;
  const route = createRouter(
    context,
    services,
    {
      context,
      serviceNames: services.map((service) => service.name),
      stores: [
        sagemaker.store,
        codepipeline.store,
        cloudwatch.store,
        autoscaling.store,
        queues,
        costExplorer.store,
      ],
      costs: costExplorer.store,
      pipelines: { sagemaker: sagemaker.store.pipelines, codepipeline: codepipeline.store.pipelines },
      traffic: cloudwatch.store.traffic,
      events: events?.emitter,
    },
    () => events?.emitChanges(),
  );

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    route(incoming)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        return json(500, randomUUID(), { __type: 'InternalFailure', message });
      })
      .then((response) => {
        outgoing.writeHead(response.status, response.headers);
        outgoing.end(response.body);
        // Reads advance lifecycles too, so every answered request may have changed state.
        persistence?.scheduleSave();
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        persistence?.flush();
        events?.stop();
        queues.close();
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
      }),
  };
}
