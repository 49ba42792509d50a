import { DescribeEndpointCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { AdapterContext } from './adapter-support';
import { orNullIfNotFound } from './adapter-support';

export interface EndpointVariants {
  /** Variants serving traffic (A/B test arms, or the one variant). */
  production: string[];
  /** Variants receiving a copy of the traffic, whose answers are not returned. */
  shadow: string[];
  /** Instances the production variants run now, all together; null for serverless variants. */
  productionInstances: number | null;
}

/** The variants an endpoint runs now, and its instances (DescribeEndpoint); null when the endpoint is gone. */
export function describeEndpointVariants(
  ctx: AdapterContext<SageMakerClient>,
  endpointName: string,
): Promise<EndpointVariants | null> {
  return orNullIfNotFound(async () => {
    const output = await ctx.call(
      {
        service: 'sagemaker',
        operation: 'DescribeEndpoint',
        resourceType: 'sagemaker:endpoint',
        resourceId: endpointName,
      },
      () => ctx.client.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
    );
    const names = (variants: { VariantName?: string }[] | undefined) =>
      (variants ?? []).flatMap((variant) => (variant.VariantName ? [variant.VariantName] : []));
    const counts = (output.ProductionVariants ?? []).flatMap((variant) =>
      variant.CurrentInstanceCount === undefined ? [] : [variant.CurrentInstanceCount],
    );
    return {
      production: names(output.ProductionVariants),
      shadow: names(output.ShadowProductionVariants),
      productionInstances: counts.length > 0 ? counts.reduce((sum, count) => sum + count, 0) : null,
    };
  });
}
