/**
 * SageMaker Serverless Inference list prices in us-east-1, as published in 2025
 * (https://aws.amazon.com/sagemaker/pricing/, "Serverless Inference" tab). Compute is billed per
 * second of inference duration in proportion to the memory chosen, so one price per GB-second
 * covers all six memory sizes (1024 MB costs $0.0000200 a second, 6144 MB six times that).
 * SageMaker charges no fee per request: a request costs its duration and the data it moves.
 * To update, copy the us-east-1 figures from that tab, run the tests, and change the year.
 */

export const SERVERLESS_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;
export type ServerlessMemorySizeMb = (typeof SERVERLESS_MEMORY_SIZES_MB)[number];

export const SERVERLESS_PRICES_USD = {
  /** On-demand inference duration, per GB of configured memory per second. */
  computePerGbSecond: 0.00002,
  /** Inference duration of requests served by provisioned concurrency, per GB-second. */
  provisionedComputePerGbSecond: 0.0000106,
  /** Keeping provisioned concurrency warm, per GB of memory per unit of concurrency per second. */
  provisionedConcurrencyPerGbSecond: 0.0000048,
  /** Data processed in and out of the endpoint, per GB. */
  dataProcessedPerGb: 0.016,
} as const;

/** Price of one second of on-demand inference at a memory size. */
export function serverlessPricePerSecond(memorySizeMb: number): number {
  return (memorySizeMb / 1024) * SERVERLESS_PRICES_USD.computePerGbSecond;
}
