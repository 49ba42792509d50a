import type { DeploymentType } from '../schemas/deployment';
import { SAGEMAKER_LIMITS as L } from './sagemaker-limits';

export const LATENCY_NEEDS = ['interactive', 'seconds', 'minutes', 'none'] as const;
export type LatencyNeed = (typeof LATENCY_NEEDS)[number];
export const TRAFFIC_PATTERNS = ['steady', 'spiky', 'rare', 'batch'] as const;
export type TrafficPattern = (typeof TRAFFIC_PATTERNS)[number];

/** What the user states about the workload in the wizard's first step. */
export interface Workload {
  /** Size of one request's payload. */
  payloadMb: number;
  latencyNeed: LatencyNeed;
  trafficPattern: TrafficPattern;
  /** How long the model takes on one request. */
  processingSeconds: number;
  /** Records in the dataset, when the work is scoring a dataset. */
  datasetRecords?: number;
}

export interface EndpointRecommendation {
  type: DeploymentType;
  reason: string;
  alternatives: Array<{ type: DeploymentType; whyNot: string }>;
}

function size(mb: number): string {
  if (mb >= 1024) return `${+(mb / 1024).toFixed(1)} GB`;
  return mb >= 1 ? `${+mb.toFixed(1)} MB` : `${+(mb * 1024).toFixed(1)} KB`;
}
const duration = (s: number) => (s >= 120 ? `${+(s / 60).toFixed(1)} minutes` : `${+s.toFixed(3)} s`);
const count = (n: number) => n.toLocaleString('en-US');

function isOffline(w: Workload): boolean {
  return w.trafficPattern === 'batch' || (w.latencyNeed === 'none' && w.datasetRecords !== undefined);
}

/** SageMaker limits the workload breaks on this type, or null when it fits them. */
function limitBreach(type: DeploymentType, w: Workload): string | null {
  const limits =
    type === 'REALTIME'
      ? L.realtime
      : type === 'SERVERLESS'
        ? L.serverless
        : type === 'ASYNC'
          ? L.async
          : null;
  const name = { REALTIME: 'Real-time', SERVERLESS: 'Serverless', ASYNC: 'Asynchronous', BATCH: 'Batch' }[
    type
  ];
  if (limits === null) {
    if (w.payloadMb > L.transformMaxPayloadMb)
      return `A single ${size(w.payloadMb)} record is above batch transform's ${L.transformMaxPayloadMb} MB maximum payload.`;
    if (w.processingSeconds > L.transformInvocationTimeoutSeconds)
      return `Batch transform gives each request at most ${duration(L.transformInvocationTimeoutSeconds)}; your model takes ${duration(w.processingSeconds)}.`;
    return null;
  }
  if (w.payloadMb > limits.payloadMb) {
    return `${name} endpoints accept at most ${size(limits.payloadMb)} per request; yours carry ${size(w.payloadMb)}.`;
  }
  if (w.processingSeconds > limits.timeoutSeconds) {
    return `${name} endpoints must answer within ${duration(limits.timeoutSeconds)}; your model takes ${duration(w.processingSeconds)}.`;
  }
  return null;
}

/** Why a type that fits SageMaker's limits still suits this workload less well. */
function mismatch(type: DeploymentType, w: Workload): string {
  const interactive = w.latencyNeed === 'interactive' || w.latencyNeed === 'seconds';
  switch (type) {
    case 'REALTIME':
      if (isOffline(w))
        return 'An always-on endpoint would bill between runs, and each record would pass through a 6 MB / 60 s request; a dataset is better scored as a job.';
      return w.trafficPattern === 'rare' || w.trafficPattern === 'spiky'
        ? `Its instances run and bill around the clock, idle most of the time for ${w.trafficPattern} traffic.`
        : 'It keeps instances waiting for requests you can afford to queue; an asynchronous endpoint can scale to zero between them.';
    case 'SERVERLESS':
      if (isOffline(w))
        return 'A dataset would go through it one 4 MB request at a time; batch transform splits and parallelises the files for you.';
      if (w.latencyNeed === 'interactive')
        return 'After idle periods a cold start adds seconds to a request, too slow for interactive use (provisioned concurrency avoids it, at an always-on price).';
      return w.trafficPattern === 'steady'
        ? 'For steady traffic, billing every second of every request costs more than an instance that is busy anyway.'
        : 'It offers no GPUs and at most 6 GB of memory, and requests wait for cold starts; an asynchronous endpoint queues them instead.';
    case 'ASYNC':
      if (isOffline(w))
        return 'It processes requests one by one from a queue; batch transform splits a whole dataset across instances and stops them when done.';
      return interactive
        ? 'Results land in S3 and the caller polls or is notified, adding queueing delay a caller waiting for an answer cannot take.'
        : 'It fits, but nothing in this workload needs its queue and large payloads.';
    case 'BATCH':
      if (interactive)
        return 'A transform job reads files from S3 and takes minutes to start; nothing answers a single request.';
      return isOffline(w)
        ? 'It fits, but an endpoint serves this workload better.'
        : 'Requests arrive one by one rather than as a dataset, so every request would wait for a transform job to start.';
  }
}

function reasonFor(type: DeploymentType, w: Workload): string {
  const request = `${size(w.payloadMb)} requests taking ${duration(w.processingSeconds)}`;
  switch (type) {
    case 'REALTIME':
      return `A real-time endpoint answers each request while the caller waits, within ${L.realtime.timeoutSeconds} s and up to ${L.realtime.payloadMb} MB: your ${request} fit, there are no cold starts for ${w.latencyNeed} latency, and autoscaling follows ${w.trafficPattern} traffic.`;
    case 'SERVERLESS':
      return `A serverless endpoint fits ${request} (limits ${L.serverless.payloadMb} MB and ${L.serverless.timeoutSeconds} s) and costs nothing while idle: with ${w.trafficPattern} traffic and answers needed in ${w.latencyNeed}, an occasional cold start of a few seconds is acceptable.`;
    case 'ASYNC': {
      const why =
        limitBreach('REALTIME', w) === null
          ? `answers are needed only in ${w.latencyNeed === 'none' ? 'due course' : 'minutes'}, so your ${request} can queue`
          : `your ${request} are beyond real-time limits (${L.realtime.payloadMb} MB / ${L.realtime.timeoutSeconds} s)`;
      return `An asynchronous endpoint queues requests of up to 1 GB and gives each up to an hour, writing results to S3: ${why}, and it can scale to zero between ${w.trafficPattern === 'steady' ? 'requests' : `${w.trafficPattern} bursts`}.`;
    }
    case 'BATCH': {
      const dataset = w.datasetRecords === undefined ? 'a dataset' : `${count(w.datasetRecords)} records`;
      return `Batch transform scores ${dataset} in S3 as a job, split across instances that stop when it ends: offline work with no caller waiting needs no endpoint running around the clock.`;
    }
  }
}

function preferenceOrder(w: Workload): DeploymentType[] {
  if (isOffline(w)) return ['BATCH', 'ASYNC', 'SERVERLESS', 'REALTIME'];
  switch (w.latencyNeed) {
    case 'interactive':
      return ['REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH'];
    case 'seconds':
      return w.trafficPattern === 'steady'
        ? ['REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH']
        : ['SERVERLESS', 'REALTIME', 'ASYNC', 'BATCH'];
    case 'minutes':
    case 'none':
      return ['ASYNC', 'BATCH', 'SERVERLESS', 'REALTIME'];
  }
}

/**
 * The endpoint type for a stated workload, with the reason in SageMaker's limits (real-time
 * 6 MB / 60 s, serverless 4 MB / 60 s with cold starts, async 1 GB / 1 h, batch for datasets)
 * and why each other type was not chosen.
 */
export function recommendEndpointType(workload: Workload): EndpointRecommendation {
  const order = preferenceOrder(workload);
  const fitting = order.find((candidate) => limitBreach(candidate, workload) === null);
  // When nothing fits, the asynchronous endpoint has the widest limits: recommend it and say why not.
  const type = fitting ?? 'ASYNC';
  return {
    type,
    reason:
      fitting === undefined
        ? `No SageMaker option takes this workload as stated: ${limitBreach('ASYNC', workload)} ${limitBreach('BATCH', workload)} Split the payload or the work into smaller pieces; an asynchronous endpoint has the widest limits.`
        : reasonFor(type, workload),
    alternatives: order
      .filter((candidate) => candidate !== type)
      .map((candidate) => ({
        type: candidate,
        whyNot: limitBreach(candidate, workload) ?? mismatch(candidate, workload),
      })),
  };
}
