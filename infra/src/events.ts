import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The AWS state changes the worker applies as they happen, instead of waiting for its poller. */
export const AWS_EVENT_PATTERN: events.EventPattern = {
  source: ['aws.sagemaker', 'aws.codepipeline'],
  detailType: [
    'SageMaker Endpoint State Change',
    'SageMaker Model Package State Change',
    'SageMaker Model Building Pipeline Execution Status Change',
    'CodePipeline Pipeline Execution State Change',
  ],
};

/** A message the worker fails this often goes to the dead-letter queue instead of looping. */
export const MAX_RECEIVE_COUNT = 5;

/**
 * EventBridge -> SQS for SageMaker and CodePipeline state changes. Both queues are encrypted and
 * TLS-only; the queue policy (written by the rule target) lets only this rule send. Events from
 * the teams' own accounts reach this bus only if those accounts forward them; the poller covers
 * the rest.
 */
export class AwsEventsQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than the worker takes to apply one event, so a message is not handed out twice.
      visibilityTimeout: Duration.seconds(60),
      retentionPeriod: Duration.days(4),
      receiveMessageWaitTime: Duration.seconds(20),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    this.rule = new events.Rule(this, 'StateChanges', {
      description: 'SageMaker endpoint, model package and pipeline, and CodePipeline state changes for Cairn',
      eventPattern: AWS_EVENT_PATTERN,
    });
    // Events EventBridge cannot deliver (queue unavailable) land in the same dead-letter queue.
    this.rule.addTarget(
      new targets.SqsQueue(this.queue, {
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 8,
        maxEventAge: Duration.hours(2),
      }),
    );
    new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'Cairn could not apply an AWS event (see the dead-letter queue)',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
