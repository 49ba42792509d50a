import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { sqs } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0 });
});
afterAll(() => sim.close());

const newQueue = async (attributes?: Record<string, string>) => {
  const name = `q-${crypto.randomUUID().slice(0, 8)}`;
  const { QueueUrl } = await sqs(sim).send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  return { name, url: QueueUrl! };
};

describe('sqs', () => {
  it('creates a queue idempotently and finds its URL by name', async () => {
    const { name, url } = await newQueue();
    expect(url).toBe(`${sim.url}/000000000000/${name}`);
    const again = await sqs(sim).send(new CreateQueueCommand({ QueueName: name }));
    expect(again.QueueUrl).toBe(url);
    expect((await sqs(sim).send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toBe(url);
    await expect(sqs(sim).send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' }))).rejects.toMatchObject(
      {
        name: 'QueueDoesNotExist',
      },
    );
  });

  it('delivers a sent message with its MD5 (the SDK checks it), hides it while in flight, and deletes it', async () => {
    const { url } = await newQueue();
    const sent = await sqs(sim).send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: '{"hello":"world"}' }),
    );
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"hello":"world"}').digest('hex'));
    const first = await sqs(sim).send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        VisibilityTimeout: 30,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(first.Messages).toHaveLength(1);
    const [message] = first.Messages!;
    expect(message).toMatchObject({
      MessageId: sent.MessageId,
      Body: '{"hello":"world"}',
      Attributes: { ApproximateReceiveCount: '1' },
    });
    const hidden = await sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(hidden.Messages ?? []).toEqual([]);
    await sqs(sim).send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message!.ReceiptHandle }));
    const { Attributes } = await sqs(sim).send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('redelivers a message whose visibility ran out, with a new receipt; the old receipt no longer changes it', async () => {
    const { url } = await newQueue();
    await sqs(sim).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    const first = await sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 30 }));
    const firstReceipt = first.Messages![0]!.ReceiptHandle!;
    await sqs(sim).send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: firstReceipt,
        VisibilityTimeout: 0,
      }),
    );
    const second = await sqs(sim).send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(second.Messages![0]).toMatchObject({
      Body: 'again',
      Attributes: { ApproximateReceiveCount: '2' },
    });
    expect(second.Messages![0]!.ReceiptHandle).not.toBe(firstReceipt);
    await expect(
      sqs(sim).send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: firstReceipt,
          VisibilityTimeout: 0,
        }),
      ),
    ).rejects.toMatchObject({ name: 'MessageNotInflight' });
    await expect(
      sqs(sim).send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'not-a-receipt' })),
    ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('long-polls: a receive waiting on an empty queue answers as soon as a message arrives', async () => {
    const { url } = await newQueue();
    const started = Date.now();
    const waiting = sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sqs(sim).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
    const received = await waiting;
    expect(received.Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('holds a delayed message back and answers an empty long poll when the wait runs out', async () => {
    const { url } = await newQueue();
    await sqs(sim).send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    const started = Date.now();
    const received = await sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
    expect(received.Messages ?? []).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('validates limits as SQS does', async () => {
    const { url } = await newQueue();
    await expect(
      sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(
      sqs(sim).send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 21 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sqs(sim).send(new CreateQueueCommand({ QueueName: 'bad name!' }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});
