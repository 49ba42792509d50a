import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceStore, ResourceSummary } from '../core/caller';
import type { SimClock } from '../core/clock';
import { DEFAULT_ACCOUNT_ID } from '../sts/handler';

/** SQS's defaults and limits for a standard queue. */
export const SQS_LIMITS = {
  defaultVisibilitySeconds: 30,
  maxVisibilitySeconds: 43_200,
  maxWaitSeconds: 20,
  maxReceive: 10,
  maxDelaySeconds: 900,
  maxBodyBytes: 262_144,
} as const;

/** How often a long poll looks again for a message that became visible. */
const LONG_POLL_STEP_MS = 25;

export interface QueueMessage {
  id: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** Only the latest receipt may delete the message or change its visibility, as in SQS. */
  receiptHandle?: string;
}

export interface QueueRecord {
  name: string;
  accountId: string;
  createdAt: number;
  visibilitySeconds: number;
  messages: QueueMessage[];
}

export const md5Hex = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** Standard SQS queues of one sim, by name: at-least-once delivery with visibility timeouts. */
export class QueueStore implements ResourceStore {
  readonly queues = new Map<string, QueueRecord>();
  private isClosed = false;

  constructor(private readonly clock: SimClock) {}

  /** CreateQueue is idempotent for an existing queue, as SQS is when the attributes agree. */
  create(name: string, accountId = DEFAULT_ACCOUNT_ID, visibilitySeconds?: number): QueueRecord {
    const existing = this.queues.get(name);
    if (existing) return existing;
    const queue: QueueRecord = {
      name,
      accountId,
      createdAt: this.clock.now(),
      visibilitySeconds: visibilitySeconds ?? SQS_LIMITS.defaultVisibilitySeconds,
      messages: [],
    };
    this.queues.set(name, queue);
    return queue;
  }

  send(queue: QueueRecord, body: string, delaySeconds = 0): QueueMessage {
    const now = this.clock.now();
    const message: QueueMessage = {
      id: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    };
    queue.messages.push(message);
    return message;
  }

  /** Takes up to `max` visible messages, hiding each for the visibility timeout under a new receipt. */
  private take(queue: QueueRecord, max: number, visibilitySeconds: number): QueueMessage[] {
    const now = this.clock.now();
    const taken = queue.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of taken) {
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = `${message.id}#${randomUUID()}`;
    }
    return taken;
  }

  /** Long polling: waits up to `waitSeconds` for a message rather than answering empty at once. */
  async receive(
    queue: QueueRecord,
    options: { max: number; waitSeconds: number; visibilitySeconds?: number },
  ): Promise<QueueMessage[]> {
    const visibility = options.visibilitySeconds ?? queue.visibilitySeconds;
    const deadline = Date.now() + options.waitSeconds * 1000;
    for (;;) {
      const taken = this.take(queue, options.max, visibility);
      if (taken.length > 0 || Date.now() >= deadline || this.isClosed) return taken;
      await sleep(LONG_POLL_STEP_MS);
    }
  }

  private byReceipt(queue: QueueRecord, receiptHandle: string): QueueMessage | undefined {
    return queue.messages.find((message) => message.receiptHandle === receiptHandle);
  }

  /** Whether the receipt looks like one this store issued (SQS rejects malformed ones). */
  static isWellFormedReceipt(receiptHandle: string): boolean {
    return /^[0-9a-f-]{36}#[0-9a-f-]{36}$/.test(receiptHandle);
  }

  /** Deleting with an outdated receipt of a message still in the queue is accepted and does nothing. */
  delete(queue: QueueRecord, receiptHandle: string): void {
    const message = this.byReceipt(queue, receiptHandle);
    if (message) queue.messages.splice(queue.messages.indexOf(message), 1);
  }

  /** Returns false when the receipt is not the message's latest (MessageNotInflight in SQS). */
  changeVisibility(queue: QueueRecord, receiptHandle: string, visibilitySeconds: number): boolean {
    const message = this.byReceipt(queue, receiptHandle);
    if (!message) return false;
    message.visibleAt = this.clock.now() + visibilitySeconds * 1000;
    return true;
  }

  counts(queue: QueueRecord): { visible: number; inFlight: number } {
    const now = this.clock.now();
    const visible = queue.messages.filter((message) => message.visibleAt <= now).length;
    return { visible, inFlight: queue.messages.length - visible };
  }

  /** Wakes long polls so the server can close without waiting them out. */
  close(): void {
    this.isClosed = true;
  }

  list(): ResourceSummary[] {
    return [...this.queues.values()].map((queue) => ({
      type: 'sqs-queue',
      name: queue.name,
      arn: `arn:aws:sqs:us-east-1:${queue.accountId}:${queue.name}`,
      status: 'Available',
      createdAt: new Date(queue.createdAt).toISOString(),
      createdBy: { accessKeyId: 'aws-sim', accountId: queue.accountId },
      details: { ...this.counts(queue) },
    }));
  }

  /** Reset empties every queue but keeps them: a configured events queue must outlive a test's reset. */
  reset(): void {
    for (const queue of this.queues.values()) queue.messages = [];
  }
}
