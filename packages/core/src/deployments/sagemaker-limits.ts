/**
 * SageMaker's limits that the deploy wizard enforces or explains, each with where AWS states it.
 * API references are https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_<Shape>.html;
 * guides are https://docs.aws.amazon.com/sagemaker/latest/dg/<page>.html.
 */
export const SAGEMAKER_LIMITS = {
  /** TrafficRoutingConfig.WaitIntervalInSeconds and RollingUpdatePolicy.WaitIntervalInSeconds: 0-3600. */
  waitIntervalSeconds: { min: 0, max: 3_600 },
  /** BlueGreenUpdatePolicy.TerminationWaitInSeconds: 0-3600. */
  terminationWaitSeconds: { min: 0, max: 3_600 },
  /**
   * BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds: 600-28800, and "should be larger than
   * the total waiting time specified in TerminationWaitInSeconds and WaitIntervalInSeconds".
   */
  maximumExecutionTimeoutSeconds: { min: 600, max: 28_800 },
  /** TrafficRoutingConfig.CanarySize: "less than or equal to 50% of the variant's total instance count". */
  canaryMaxPercent: 50,
  /** TrafficRoutingConfig.LinearStepSize: "must be 10-50% of the variant's total instance count". */
  linearStepPercent: { min: 10, max: 50 },
  /** AutoRollbackConfig.Alarms: 1-10 alarms. */
  autoRollbackAlarmsMax: 10,
  /** CreateEndpointConfig.ProductionVariants: at most 10 variants per endpoint config. */
  productionVariantsMax: 10,
  /** shadow-tests-create: "The default duration is 7 days and the maximum is 30 days." */
  shadowMaxDays: 30,
  /** ProductionVariantServerlessConfig.MaxConcurrency: 1-200. */
  serverlessMaxConcurrency: 200,
  /** AsyncInferenceClientConfig.MaxConcurrentInvocationsPerInstance: 1-1000. */
  asyncMaxConcurrentInvocationsPerInstance: 1_000,
  /** CreateTransformJob.MaxPayloadInMB: at most 100 MB, and MaxConcurrentTransforms x MaxPayloadInMB <= 100 MB. */
  transformMaxPayloadMb: 100,
  /** ModelClientConfig.InvocationsTimeoutInSeconds: a transform job gives each request 1-3600 s. */
  transformInvocationTimeoutSeconds: 3_600,
  /** TransformResources.InstanceCount: "the maximum is 100". */
  transformMaxInstances: 100,
  /** runtime InvokeEndpoint: 6 MB request/response payload, 60 s for the container to answer. */
  realtime: { payloadMb: 6, timeoutSeconds: 60 },
  /** serverless-endpoints-invoke: "maximum request and response payload size ... is 4 MB", 1 minute timeout. */
  serverless: { payloadMb: 4, timeoutSeconds: 60 },
  /** async-inference: "large payload sizes (up to 1GB), long processing times (up to one hour)". */
  async: { payloadMb: 1_024, timeoutSeconds: 3_600 },
  /**
   * Not an API limit: SageMaker's per-account, per-instance-type endpoint and transform quotas are
   * soft limits raised through Service Quotas, and many accounts start far lower for GPUs. Cairn
   * warns past this figure so a large fleet is requested before the deployment fails on it.
   */
  defaultInstanceQuotaPerType: 20,
} as const;
