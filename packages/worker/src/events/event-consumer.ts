import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { PrismaClient } from '@cairn/db/client';
import type { JobQueue } from '@cairn/services/jobs/job-queue';
import type { Logger } from 'pino';
import { parseAwsEvent } from './aws-event';
import { lookOnEvent } from './event-looks';

/**
 * The receive count at which SQS's redrive policy moves a message to the dead-letter queue (the
 * infra stack's maxReceiveCount). A queue without one would hand a bad message out forever, so
 * the consumer deletes it itself once it has seen it this often.
 */
export const MAX_RECEIVES = 5;
const RECEIVE_ERROR_PAUSE_MS = 5_000;

export interface EventConsumer {
  /** Stops receiving; the message being applied is finished first. */
  stop(): Promise<void>;
}

export interface EventConsumerOptions {
  sqs: SQSClient;
  queueUrl: string;
  db: PrismaClient;
  queue: JobQueue;
  logger: Logger;
  /** Long-poll wait per receive (SQS allows up to 20 s). */
  waitSeconds?: number;
}

/** What became of one message; exported for tests and logs. */
export type MessageOutcome = 'applied' | 'dropped' | 'ignored' | 'malformed' | 'retried';

async function applyMessage(options: EventConsumerOptions, message: Message): Promise<MessageOutcome> {
  const { logger } = options;
  const log = logger.child({ sqsMessageId: message.MessageId });
  const parsed = parseAwsEvent(message.Body ?? '');
  if (parsed.outcome === 'malformed') {
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
    if (receives < MAX_RECEIVES) {
      // Left in the queue: SQS hands it out again and, past maxReceiveCount, dead-letters it.
      log.warn({ problem: parsed.problem, receives }, 'malformed AWS event left for the dead-letter queue');
      return 'malformed';
    }
    log.error(
      { problem: parsed.problem, receives },
      'malformed AWS event dropped: no dead-letter queue took it',
    );
    return 'dropped';
  }
  if (parsed.outcome === 'ignored') {
    log.debug(
      { eventId: parsed.id, detailType: parsed.detailType },
      'AWS event of a kind Cairn does not use',
    );
    return 'ignored';
  }
  try {
    const outcome = await lookOnEvent(options, parsed.event);
    const context = { eventId: parsed.id, detailType: parsed.detailType, event: parsed.event };
    if (outcome.action === 'looked') {
      log.info({ ...context, looks: outcome.looks }, 'AWS event: looking now');
      return 'applied';
    }
    log.info({ ...context, reason: outcome.reason }, 'AWS event dropped');
    return 'dropped';
  } catch (error) {
    // Not deleted: SQS delivers it again after the visibility timeout.
    log.warn(
      { eventId: parsed.id, error: String(error) },
      'could not apply an AWS event; it will be redelivered',
    );
    return 'retried';
  }
}

/**
 * Long-polls the events queue and turns each AWS state-change event into an immediate look by the
 * reconciler that owns the resource. A message is deleted once its look is enqueued (or it is
 * known to concern nothing in Cairn); one that could not be applied is left for redelivery.
 */
export function startEventConsumer(
  options: EventConsumerOptions & { onMessage?: (outcome: MessageOutcome, message: Message) => void },
): EventConsumer {
  const { sqs, queueUrl, logger } = options;
  const abort = new AbortController();
  let isStopping = false;

  const handle = async (message: Message) => {
    const outcome = await applyMessage(options, message);
    if (outcome !== 'malformed' && outcome !== 'retried') {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
    options.onMessage?.(outcome, message);
  };

  const loop = (async () => {
    while (!isStopping) {
      let messages: Message[];
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: options.waitSeconds ?? 20,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (isStopping) break;
        logger.warn({ error: String(error) }, 'could not receive AWS events; polling still covers changes');
        await sleep(RECEIVE_ERROR_PAUSE_MS, undefined, { signal: abort.signal }).catch(() => {});
        continue;
      }
      for (const message of messages) {
        try {
          await handle(message);
        } catch (error) {
          logger.warn(
            { sqsMessageId: message.MessageId, error: String(error) },
            'could not settle an AWS event',
          );
        }
      }
    }
  })();

  return {
    async stop() {
      isStopping = true;
      abort.abort();
      await loop;
    },
  };
}
