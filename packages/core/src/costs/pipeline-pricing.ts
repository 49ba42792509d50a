/**
 * What a pipeline run is priced at, by the minute it ran (from start to finish).
 *
 * CodePipeline (V2 pipelines) bills $0.002 per action execution minute, as published in 2025
 * (https://aws.amazon.com/codepipeline/pricing/); Cairn counts the run's wall-clock minutes as one
 * action running. SageMaker Pipelines charges nothing for orchestration: its steps bill as the
 * jobs they start. Cairn does not see those jobs, so it prices a run as one ml.m5.xlarge
 * processing instance (the step default, $0.23 an hour in us-east-1 in 2025) for the run's
 * duration. Both are planning figures; Cost Explorer by tag gives the invoice.
 */
export const PIPELINE_PRICES_USD_PER_MINUTE = {
  CODEPIPELINE: 0.002,
  SAGEMAKER: 0.23 / 60,
} as const;

export type PricedPipelineKind = keyof typeof PIPELINE_PRICES_USD_PER_MINUTE;
