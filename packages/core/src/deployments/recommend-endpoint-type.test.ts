import { describe, expect, it } from 'vitest';
import type { DeploymentType } from '../schemas/deployment';
import { recommendEndpointType, type Workload } from './recommend-endpoint-type';

describe('the endpoint type recommended for a textbook workload', () => {
  const cases: Array<{ label: string; workload: Workload; type: DeploymentType; reasonMentions: string[] }> =
    [
      {
        label: 'fraud detection at checkout',
        workload: {
          payloadMb: 0.005,
          latencyNeed: 'interactive',
          trafficPattern: 'steady',
          processingSeconds: 0.05,
        },
        type: 'REALTIME',
        reasonMentions: ['60 s', '6 MB', 'no cold starts', '5.1 KB requests'],
      },
      {
        label: 'an internal low-traffic API',
        workload: { payloadMb: 0.02, latencyNeed: 'seconds', trafficPattern: 'rare', processingSeconds: 0.5 },
        type: 'SERVERLESS',
        reasonMentions: ['4 MB', '60 s', 'cold start', 'costs nothing while idle'],
      },
      {
        label: 'nightly scoring of 10 million records',
        workload: {
          payloadMb: 0.001,
          latencyNeed: 'none',
          trafficPattern: 'batch',
          processingSeconds: 0.01,
          datasetRecords: 10_000_000,
        },
        type: 'BATCH',
        reasonMentions: ['10,000,000 records', 'job'],
      },
      {
        label: 'a 500 MB video',
        workload: { payloadMb: 500, latencyNeed: 'minutes', trafficPattern: 'spiky', processingSeconds: 600 },
        type: 'ASYNC',
        reasonMentions: ['1 GB', 'an hour', '500 MB', '6 MB / 60 s'],
      },
      {
        label: 'a steady API that needs answers within seconds',
        workload: { payloadMb: 1, latencyNeed: 'seconds', trafficPattern: 'steady', processingSeconds: 2 },
        type: 'REALTIME',
        reasonMentions: ['steady'],
      },
      {
        label: 'a spiky API with 5 MB payloads (too big for serverless)',
        workload: { payloadMb: 5, latencyNeed: 'seconds', trafficPattern: 'spiky', processingSeconds: 1 },
        type: 'REALTIME',
        reasonMentions: ['6 MB'],
      },
      {
        label: 'an interactive model that needs 90 s',
        workload: {
          payloadMb: 0.1,
          latencyNeed: 'interactive',
          trafficPattern: 'steady',
          processingSeconds: 90,
        },
        type: 'ASYNC',
        reasonMentions: ['an hour', 'beyond real-time limits (6 MB / 60 s)'],
      },
      {
        label: 'small requests whose answers may take minutes',
        workload: { payloadMb: 0.1, latencyNeed: 'minutes', trafficPattern: 'rare', processingSeconds: 20 },
        type: 'ASYNC',
        reasonMentions: [
          'answers are needed only in minutes, so your 102.4 KB requests taking 20 s can queue',
        ],
      },
      {
        label: 'dataset scoring with no latency need but no batch pattern stated',
        workload: {
          payloadMb: 0.01,
          latencyNeed: 'none',
          trafficPattern: 'rare',
          processingSeconds: 1,
          datasetRecords: 5_000,
        },
        type: 'BATCH',
        reasonMentions: ['5,000 records'],
      },
    ];
  it.each(cases)('$label -> $type', ({ workload, type, reasonMentions }) => {
    const recommendation = recommendEndpointType(workload);
    expect(recommendation.type).toBe(type);
    for (const text of reasonMentions) expect(recommendation.reason).toContain(text);
    expect(recommendation.alternatives.map((alternative) => alternative.type).sort()).toEqual(
      (['REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH'] as const).filter((t) => t !== type).sort(),
    );
  });
});

describe('why the other types were not chosen', () => {
  it('cites the limit a 500 MB video breaks', () => {
    const { alternatives } = recommendEndpointType({
      payloadMb: 500,
      latencyNeed: 'minutes',
      trafficPattern: 'spiky',
      processingSeconds: 600,
    });
    expect(Object.fromEntries(alternatives.map((a) => [a.type, a.whyNot]))).toEqual({
      REALTIME: 'Real-time endpoints accept at most 6 MB per request; yours carry 500 MB.',
      SERVERLESS: 'Serverless endpoints accept at most 4 MB per request; yours carry 500 MB.',
      BATCH: "A single 500 MB record is above batch transform's 100 MB maximum payload.",
    });
  });

  it('names cold starts when serverless is passed over for checkout fraud checks', () => {
    const { alternatives } = recommendEndpointType({
      payloadMb: 0.005,
      latencyNeed: 'interactive',
      trafficPattern: 'steady',
      processingSeconds: 0.05,
    });
    expect(alternatives.find((a) => a.type === 'SERVERLESS')?.whyNot).toContain('cold start');
    expect(alternatives.find((a) => a.type === 'BATCH')?.whyNot).toContain(
      'nothing answers a single request',
    );
  });

  it('names idle instances when real-time is passed over for a low-traffic API', () => {
    const { alternatives } = recommendEndpointType({
      payloadMb: 0.02,
      latencyNeed: 'seconds',
      trafficPattern: 'rare',
      processingSeconds: 0.5,
    });
    expect(alternatives.find((a) => a.type === 'REALTIME')?.whyNot).toBe(
      'Its instances run and bill around the clock, idle most of the time for rare traffic.',
    );
  });

  it('says so when no option takes the workload', () => {
    const recommendation = recommendEndpointType({
      payloadMb: 2048,
      latencyNeed: 'minutes',
      trafficPattern: 'rare',
      processingSeconds: 7200,
    });
    expect(recommendation.type).toBe('ASYNC');
    expect(recommendation.reason).toBe(
      "No SageMaker option takes this workload as stated: Asynchronous endpoints accept at most 1 GB per request; yours carry 2 GB. A single 2 GB record is above batch transform's 100 MB maximum payload. Split the payload or the work into smaller pieces; an asynchronous endpoint has the widest limits.",
    );
  });
});
