import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { containers, logicalId, templateFor } from './synthesize-for-test';

const template = templateFor('prod');
const queueId = logicalId(template, 'AWS::SQS::Queue', 'AwsEventsQueue');
const deadLettersId = logicalId(template, 'AWS::SQS::Queue', 'AwsEventsDeadLetters');
const ruleId = logicalId(template, 'AWS::Events::Rule', 'AwsEventsStateChanges');

interface Statement {
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

function queuePolicyStatements(queue: string): Statement[] {
  const policy = Object.values(template.findResources('AWS::SQS::QueuePolicy')).find(
    (candidate) => candidate.Properties.Queues[0].Ref === queue,
  );
  return policy?.Properties.PolicyDocument.Statement ?? [];
}

describe('AWS events into the worker', () => {
  it('routes the SageMaker and CodePipeline state changes the worker applies into the queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.sagemaker', 'aws.codepipeline'],
        'detail-type': [
          'SageMaker Endpoint State Change',
          'SageMaker Model Package State Change',
          'SageMaker Model Building Pipeline Execution Status Change',
          'CodePipeline Pipeline Execution State Change',
        ],
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] } },
        }),
      ],
    });
  });

  it('encrypts both queues and moves a message the worker keeps failing to the dead-letter queue', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(2);
    for (const queue of Object.values(queues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(queues[queueId]?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [deadLettersId, 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('lets only the rule send to the queues, and nobody in over plain HTTP', () => {
    for (const queue of [queueId, deadLettersId]) {
      const statements = queuePolicyStatements(queue);
      const allows = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(allows[0]?.Principal).toEqual({ Service: 'events.amazonaws.com' });
      expect([allows[0]?.Action].flat()).toContain('sqs:SendMessage');
      expect(allows[0]?.Condition).toEqual({
        ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } },
      });
      const denies = statements.filter((statement) => statement.Effect === 'Deny');
      expect(denies.map((statement) => statement.Condition)).toEqual([
        { Bool: { 'aws:SecureTransport': 'false' } },
      ]);
    }
  });

  it('gives the worker the queue URL and the right to consume it, and nobody else', () => {
    const worker = containers(template).get('worker');
    expect(worker?.Environment).toContainEqual({ Name: 'AWS_EVENTS_QUEUE_URL', Value: { Ref: queueId } });
    const consumers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('sqs:ReceiveMessage'),
    );
    expect(consumers).toHaveLength(1);
    expect(consumers[0]?.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^WorkerTaskTaskRole/) }]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^WorkerTaskTaskRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
          }),
        ]),
      },
    });
  });

  it('raises an alarm when an event lands in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLettersId, 'QueueName'] } }],
      Threshold: 0,
    });
  });
});
