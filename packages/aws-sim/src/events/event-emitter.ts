import type { QueueRecord, QueueStore } from '../sqs/queues';
import type { ObservedState } from './state-events';

/** How emitted events reach the queue: as EventBridge promises (at least once, in no set order) or tidier. */
export interface EventDelivery {
  /** Every event is sent twice. */
  duplicate: boolean;
  /** Every copy is held back a random while, up to `shuffleWithinSeconds`, so events arrive out of order. */
  shuffle: boolean;
  shuffleWithinSeconds: number;
}

const TIDY: EventDelivery = { duplicate: false, shuffle: false, shuffleWithinSeconds: 2 };
const MAX_SHUFFLE_SECONDS = 60;

export class EventDeliveryError extends Error {}

/** Reads an admin request's delivery settings over the current ones; refuses what makes no sense. */
export function parseEventDelivery(body: Record<string, unknown>, current: EventDelivery): EventDelivery {
  const next = { ...current };
  for (const flag of ['duplicate', 'shuffle'] as const) {
    if (body[flag] === undefined) continue;
    if (typeof body[flag] !== 'boolean') throw new EventDeliveryError(`${flag} must be true or false`);
    next[flag] = body[flag];
  }
  const within = body.shuffleWithinSeconds;
  if (within !== undefined) {
    if (typeof within !== 'number' || !(within > 0 && within <= MAX_SHUFFLE_SECONDS)) {
      throw new EventDeliveryError(
        `shuffleWithinSeconds must be a number above 0, at most ${MAX_SHUFFLE_SECONDS}`,
      );
    }
    next.shuffleWithinSeconds = within;
  }
  return next;
}

/**
 * Announces state changes into an SQS queue the way an EventBridge rule with an SQS target would.
 * The sim moves resources lazily, so the emitter compares what it observes with what it saw last
 * and sends one event per change, stamped with the time the transition happened.
 */
export class StateEventEmitter {
  private readonly seen = new Map<string, string>();
  private delivery: EventDelivery = { ...TIDY };
  private emittedCount = 0;

  constructor(
    private readonly options: {
      queues: QueueStore;
      queue: QueueRecord;
      observe: () => ObservedState[];
      random?: () => number;
    },
  ) {
    // What existed before the emitter (a loaded state file) is not news.
    for (const observed of options.observe()) this.seen.set(observed.key, observed.state);
  }

  get settings(): EventDelivery & { queueName: string; emitted: number } {
    return { ...this.delivery, queueName: this.options.queue.name, emitted: this.emittedCount };
  }

  configure(delivery: EventDelivery): void {
    this.delivery = delivery;
  }

  /** Sends an event for every state that changed since the last look; returns how many. */
  emitChanges(): number {
    let changes = 0;
    for (const observed of this.options.observe()) {
      const previous = this.seen.get(observed.key);
      if (previous === observed.state) continue;
      this.seen.set(observed.key, observed.state);
      this.send(JSON.stringify(observed.toEvent(previous)));
      changes += 1;
    }
    return changes;
  }

  private send(body: string): void {
    const { queues, queue, random = Math.random } = this.options;
    const copies = this.delivery.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      const delaySeconds = this.delivery.shuffle ? random() * this.delivery.shuffleWithinSeconds : 0;
      queues.send(queue, body, delaySeconds);
    }
    this.emittedCount += 1;
  }

  /** Forgets removed resources and returns delivery to tidy, with the sim's other state. */
  reset(): void {
    this.seen.clear();
    this.delivery = { ...TIDY };
    this.emittedCount = 0;
  }
}
