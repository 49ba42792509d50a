import { Problems } from '../core/validation';
import { type JsonInput, jsonError, jsonResult, parseJsonInput } from '../json/json-protocol';
import { SimError, type SimRequest, type SimResponse, type SimService } from '../service';
import { type QueueRecord, QueueStore, SQS_LIMITS } from './queues';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AmazonSQS';
const QUEUE_NAME = /^[a-zA-Z0-9_-]{1,80}$/;

interface SqsCall {
  input: JsonInput;
  request: SimRequest;
  store: QueueStore;
}

/** SQS names queue URLs after the endpoint the caller reached; the sim answers on the same host. */
function queueUrl(request: SimRequest, queue: QueueRecord): string {
  const host = request.headers.host ?? '127.0.0.1';
  return `http://${host}/${queue.accountId}/${queue.name}`;
}

function findQueue(store: QueueStore, name: string | undefined): QueueRecord {
  const queue = name === undefined ? undefined : store.queues.get(name);
  if (!queue) throw new SimError('QueueDoesNotExist', 'The specified queue does not exist.');
  return queue;
}

/** The queue a request names by URL: its last path segment, whatever host the URL carries. */
function queueFromUrl({ input, store }: SqsCall): QueueRecord {
  const problems = new Problems();
  const url = problems.string(input, 'QueueUrl', 'QueueUrl', { required: true });
  problems.throwIfAny();
  return findQueue(store, (url as string).replace(/\/+$/, '').split('/').pop());
}

function seconds(input: JsonInput, member: string, max: number): number | undefined {
  const problems = new Problems();
  const value = problems.number(input, member, member, { min: 0, max });
  if (value !== undefined && !Number.isInteger(value)) problems.note(`${member} must be a whole number`);
  if (!problems.isEmpty) {
    throw new SimError(
      'InvalidParameterValue',
      `Value for parameter ${member} is invalid. Reason: must be 0 to ${max}.`,
    );
  }
  return value;
}

function receiptOf(input: JsonInput): string {
  const problems = new Problems();
  const receipt = problems.string(input, 'ReceiptHandle', 'ReceiptHandle', { required: true });
  problems.throwIfAny();
  if (!QueueStore.isWellFormedReceipt(receipt as string)) {
    throw new SimError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${receipt}" is not a valid receipt handle.`,
    );
  }
  return receipt as string;
}

function createQueue({ input, request, store }: SqsCall) {
  const problems = new Problems();
  const name = problems.string(input, 'QueueName', 'QueueName', { required: true, pattern: QUEUE_NAME });
  problems.throwIfAny();
  const attributes = (input.Attributes ?? {}) as Record<string, string>;
  const visibility =
    attributes.VisibilityTimeout === undefined
      ? undefined
      : seconds(
          { VisibilityTimeout: Number(attributes.VisibilityTimeout) },
          'VisibilityTimeout',
          SQS_LIMITS.maxVisibilitySeconds,
        );
  const queue = store.create(name as string, request.caller?.accountId, visibility);
  return { QueueUrl: queueUrl(request, queue) };
}

function getQueueUrl({ input, request, store }: SqsCall) {
  const problems = new Problems();
  const name = problems.string(input, 'QueueName', 'QueueName', { required: true });
  problems.throwIfAny();
  return { QueueUrl: queueUrl(request, findQueue(store, name)) };
}

function sendMessage(call: SqsCall) {
  const queue = queueFromUrl(call);
  const problems = new Problems();
  const body = problems.string(call.input, 'MessageBody', 'MessageBody', { required: true, min: 1 });
  problems.throwIfAny();
  if (Buffer.byteLength(body as string) > SQS_LIMITS.maxBodyBytes) {
    throw new SimError(
      'InvalidParameterValue',
      'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.',
    );
  }
  const delay = seconds(call.input, 'DelaySeconds', SQS_LIMITS.maxDelaySeconds) ?? 0;
  const message = call.store.send(queue, body as string, delay);
  return { MessageId: message.id, MD5OfMessageBody: message.md5OfBody };
}

async function receiveMessage(call: SqsCall) {
  const queue = queueFromUrl(call);
  const { input } = call;
  const max = seconds(input, 'MaxNumberOfMessages', SQS_LIMITS.maxReceive) ?? 1;
  if (max < 1)
    throw new SimError(
      'InvalidParameterValue',
      'Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.',
    );
  const waitSeconds = seconds(input, 'WaitTimeSeconds', SQS_LIMITS.maxWaitSeconds) ?? 0;
  const visibilitySeconds = seconds(input, 'VisibilityTimeout', SQS_LIMITS.maxVisibilitySeconds);
  const messages = await call.store.receive(queue, {
    max,
    waitSeconds,
    ...(visibilitySeconds !== undefined ? { visibilitySeconds } : {}),
  });
  return {
    Messages: messages.map((message) => ({
      MessageId: message.id,
      ReceiptHandle: message.receiptHandle,
      MD5OfBody: message.md5OfBody,
      Body: message.body,
      Attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
    })),
  };
}

function deleteMessage(call: SqsCall) {
  const queue = queueFromUrl(call);
  call.store.delete(queue, receiptOf(call.input));
  return {};
}

function changeMessageVisibility(call: SqsCall) {
  const queue = queueFromUrl(call);
  const receipt = receiptOf(call.input);
  const visibility = seconds(call.input, 'VisibilityTimeout', SQS_LIMITS.maxVisibilitySeconds);
  if (visibility === undefined)
    throw new SimError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
  if (!call.store.changeVisibility(queue, receipt, visibility)) {
    throw new SimError('MessageNotInflight', 'The message referred to is not in flight.');
  }
  return {};
}

function getQueueAttributes(call: SqsCall) {
  const queue = queueFromUrl(call);
  const { visible, inFlight } = call.store.counts(queue);
  return {
    Attributes: {
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: String(inFlight),
      VisibilityTimeout: String(queue.visibilitySeconds),
      QueueArn: `arn:aws:sqs:${call.request.region}:${queue.accountId}:${queue.name}`,
    },
  };
}

const OPERATIONS: Record<string, (call: SqsCall) => unknown> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  GetQueueAttributes: getQueueAttributes,
  SendMessage: sendMessage,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  ChangeMessageVisibility: changeMessageVisibility,
};

/** SQS over awsJson1_0 (`X-Amz-Target: AmazonSQS.<Operation>`), as current @aws-sdk/client-sqs sends it. */
export function createSqsService(store: QueueStore): SimService {
  return {
    name: 'sqs',
    protocol: 'json',
    targetPrefix: TARGET_PREFIX,
    async handle(request: SimRequest): Promise<SimResponse> {
      const { requestId } = request;
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = OPERATIONS[target.slice(TARGET_PREFIX.length + 1)];
      try {
        if (!target.startsWith(`${TARGET_PREFIX}.`) || !operation) {
          throw new SimError(
            'UnknownOperationException',
            `aws-sim does not implement ${target || 'this SQS operation'}`,
          );
        }
        const input = parseJsonInput(request.body);
        return jsonResult(requestId, CONTENT_TYPE, await operation({ input, request, store }));
      } catch (error) {
        if (error instanceof SimError) return jsonError(requestId, CONTENT_TYPE, error);
        throw error;
      }
    },
    errorResponse: (requestId, error) => jsonError(requestId, CONTENT_TYPE, error),
  };
}
