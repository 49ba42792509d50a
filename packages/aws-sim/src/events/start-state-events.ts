import type { CodePipelineStore } from '../codepipeline/executions';
import type { SageMakerStore } from '../sagemaker/store';
import type { QueueStore } from '../sqs/queues';
import { DEFAULT_ACCOUNT_ID } from '../sts/handler';
import { StateEventEmitter } from './event-emitter';
import { observeStates } from './state-events';

/** How often the sim moves its resources on by itself while events are on; AWS does not wait for a read. */
const TICK_MS = 100;

export interface StateEvents {
  emitter: StateEventEmitter;
  /** Looks for changes now (after a request that may have made some). */
  emitChanges(): void;
  stop(): void;
}

/**
 * Emits SageMaker and CodePipeline state changes into the named queue (created in the sim's own
 * account). Without events the sim only moves resources when they are read; with them a ticker
 * advances time-driven transitions, so a change is announced when it happens even if nobody looks.
 */
export function startStateEvents(options: {
  queues: QueueStore;
  queueName: string;
  sagemaker: SageMakerStore;
  codepipeline: CodePipelineStore;
}): StateEvents {
  const { queues, sagemaker, codepipeline } = options;
  const emitter = new StateEventEmitter({
    queues,
    queue: queues.create(options.queueName, DEFAULT_ACCOUNT_ID),
    observe: () => observeStates(sagemaker, codepipeline),
  });
  const ticker = setInterval(() => {
    sagemaker.advance();
    emitter.emitChanges();
  }, TICK_MS);
  ticker.unref();
  return {
    emitter,
    emitChanges: () => void emitter.emitChanges(),
    stop: () => clearInterval(ticker),
  };
}
