/**
 * SageMaker ML instance types the deploy wizard offers, with what a user weighs when choosing one.
 *
 * Prices are SageMaker real-time inference on-demand list prices per instance-hour in us-east-1,
 * as published in 2025 (https://aws.amazon.com/sagemaker/pricing/, "Real-Time Inference" tab).
 * Asynchronous endpoints and batch transform bill the same instance-hour price. They are a
 * planning figure for the cost preview, not an invoice: to update them, copy the us-east-1
 * "Real-Time Inference" column into the family tables below (or read the `AmazonSageMaker`
 * offer file of the AWS Price List API, usage type `USE1-Host:ml.<type>`), run the tests, and
 * change the year above.
 *
 * Which types each use accepts follows the AWS SDK's `ProductionVariantInstanceType` (real-time
 * and async endpoints) and `TransformInstanceType` (batch transform) enums.
 */

export const INSTANCE_USAGES = ['ENDPOINT', 'TRANSFORM'] as const;
/** ENDPOINT covers real-time and async endpoints: both take a ProductionVariant instance type. */
export type InstanceUsage = (typeof INSTANCE_USAGES)[number];

export type InstanceCategory = 'general' | 'compute' | 'memory' | 'gpu' | 'inferentia';

export type AcceleratorKind =
  | 'NVIDIA T4'
  | 'NVIDIA A10G'
  | 'NVIDIA L4'
  | 'NVIDIA V100'
  | 'NVIDIA A100'
  | 'AWS Inferentia'
  | 'AWS Inferentia2';

export interface Accelerators {
  count: number;
  kind: AcceleratorKind;
}

export interface InstanceTypeSpec {
  /** The SageMaker name, e.g. `ml.m5.large`. */
  name: string;
  /** The family part of the name, e.g. `m5`. */
  family: string;
  /** What the UI shows for the family, e.g. `General purpose (M5)`. */
  familyLabel: string;
  category: InstanceCategory;
  vcpu: number;
  memoryGib: number;
  accelerators: Accelerators | null;
  pricePerHourUsd: number;
  usages: readonly InstanceUsage[];
}

/** [size, vCPU, memory GiB, USD per hour, accelerator count] */
type SizeRow = readonly [
  size: string,
  vcpu: number,
  memoryGib: number,
  pricePerHourUsd: number,
  accelerators?: number,
];

interface FamilyTable {
  family: string;
  familyLabel: string;
  category: InstanceCategory;
  acceleratorKind?: AcceleratorKind;
  /** Sizes SageMaker hosting accepts; `all` unless the family is absent from ProductionVariantInstanceType. */
  endpointSizes: 'all' | 'none';
  /** Sizes batch transform accepts (TransformInstanceType). */
  transformSizes: 'all' | 'none' | readonly string[];
  sizes: readonly SizeRow[];
}

const FAMILIES: readonly FamilyTable[] = [
  {
    family: 't2',
    familyLabel: 'Burstable (T2)',
    category: 'general',
    endpointSizes: 'all',
    transformSizes: 'none',
    sizes: [
      ['medium', 2, 4, 0.056],
      ['large', 2, 8, 0.111],
      ['xlarge', 4, 16, 0.223],
      ['2xlarge', 8, 32, 0.445],
    ],
  },
  {
    // SageMaker offers t3 for notebooks and processing, not for hosting or transform: it is listed
    // so that choosing it is refused with that reason instead of "unknown instance type".
    family: 't3',
    familyLabel: 'Burstable (T3)',
    category: 'general',
    endpointSizes: 'none',
    transformSizes: 'none',
    sizes: [
      ['medium', 2, 4, 0.05],
      ['large', 2, 8, 0.1],
      ['xlarge', 4, 16, 0.2],
      ['2xlarge', 8, 32, 0.399],
    ],
  },
  {
    family: 'm5',
    familyLabel: 'General purpose (M5)',
    category: 'general',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 8, 0.115],
      ['xlarge', 4, 16, 0.23],
      ['2xlarge', 8, 32, 0.461],
      ['4xlarge', 16, 64, 0.922],
      ['12xlarge', 48, 192, 2.765],
      ['24xlarge', 96, 384, 5.53],
    ],
  },
  {
    family: 'm5d',
    familyLabel: 'General purpose, local NVMe (M5d)',
    category: 'general',
    endpointSizes: 'all',
    transformSizes: 'none',
    sizes: [
      ['large', 2, 8, 0.136],
      ['xlarge', 4, 16, 0.271],
      ['2xlarge', 8, 32, 0.542],
      ['4xlarge', 16, 64, 1.085],
      ['12xlarge', 48, 192, 3.254],
      ['24xlarge', 96, 384, 6.509],
    ],
  },
  {
    family: 'm6i',
    familyLabel: 'General purpose (M6i)',
    category: 'general',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 8, 0.115],
      ['xlarge', 4, 16, 0.23],
      ['2xlarge', 8, 32, 0.461],
      ['4xlarge', 16, 64, 0.922],
      ['8xlarge', 32, 128, 1.843],
      ['12xlarge', 48, 192, 2.765],
      ['16xlarge', 64, 256, 3.686],
      ['24xlarge', 96, 384, 5.53],
    ],
  },
  {
    family: 'm7i',
    familyLabel: 'General purpose (M7i)',
    category: 'general',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 8, 0.121],
      ['xlarge', 4, 16, 0.242],
      ['2xlarge', 8, 32, 0.484],
      ['4xlarge', 16, 64, 0.968],
      ['8xlarge', 32, 128, 1.935],
      ['12xlarge', 48, 192, 2.903],
      ['16xlarge', 64, 256, 3.871],
      ['24xlarge', 96, 384, 5.806],
    ],
  },
  {
    family: 'c5',
    familyLabel: 'Compute optimized (C5)',
    category: 'compute',
    endpointSizes: 'all',
    // TransformInstanceType starts the C5 family at xlarge.
    transformSizes: ['xlarge', '2xlarge', '4xlarge', '9xlarge', '18xlarge'],
    sizes: [
      ['large', 2, 4, 0.102],
      ['xlarge', 4, 8, 0.204],
      ['2xlarge', 8, 16, 0.408],
      ['4xlarge', 16, 32, 0.816],
      ['9xlarge', 36, 72, 1.836],
      ['18xlarge', 72, 144, 3.672],
    ],
  },
  {
    family: 'c6i',
    familyLabel: 'Compute optimized (C6i)',
    category: 'compute',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 4, 0.102],
      ['xlarge', 4, 8, 0.204],
      ['2xlarge', 8, 16, 0.408],
      ['4xlarge', 16, 32, 0.816],
      ['8xlarge', 32, 64, 1.632],
      ['12xlarge', 48, 96, 2.448],
      ['16xlarge', 64, 128, 3.264],
      ['24xlarge', 96, 192, 4.896],
    ],
  },
  {
    family: 'c7i',
    familyLabel: 'Compute optimized (C7i)',
    category: 'compute',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 4, 0.107],
      ['xlarge', 4, 8, 0.214],
      ['2xlarge', 8, 16, 0.428],
      ['4xlarge', 16, 32, 0.857],
      ['8xlarge', 32, 64, 1.714],
      ['12xlarge', 48, 96, 2.57],
      ['16xlarge', 64, 128, 3.427],
      ['24xlarge', 96, 192, 5.141],
    ],
  },
  {
    family: 'r5',
    familyLabel: 'Memory optimized (R5)',
    category: 'memory',
    endpointSizes: 'all',
    transformSizes: 'none',
    sizes: [
      ['large', 2, 16, 0.151],
      ['xlarge', 4, 32, 0.302],
      ['2xlarge', 8, 64, 0.605],
      ['4xlarge', 16, 128, 1.21],
      ['12xlarge', 48, 384, 3.629],
      ['24xlarge', 96, 768, 7.258],
    ],
  },
  {
    family: 'r6i',
    familyLabel: 'Memory optimized (R6i)',
    category: 'memory',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['large', 2, 16, 0.151],
      ['xlarge', 4, 32, 0.302],
      ['2xlarge', 8, 64, 0.605],
      ['4xlarge', 16, 128, 1.21],
      ['8xlarge', 32, 256, 2.419],
      ['12xlarge', 48, 384, 3.629],
      ['16xlarge', 64, 512, 4.838],
      ['24xlarge', 96, 768, 7.258],
    ],
  },
  {
    family: 'g4dn',
    familyLabel: 'GPU, NVIDIA T4 (G4dn)',
    category: 'gpu',
    acceleratorKind: 'NVIDIA T4',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['xlarge', 4, 16, 0.736, 1],
      ['2xlarge', 8, 32, 0.94, 1],
      ['4xlarge', 16, 64, 1.505, 1],
      ['8xlarge', 32, 128, 2.72, 1],
      ['12xlarge', 48, 192, 4.89, 4],
      ['16xlarge', 64, 256, 5.44, 1],
    ],
  },
  {
    family: 'g5',
    familyLabel: 'GPU, NVIDIA A10G (G5)',
    category: 'gpu',
    acceleratorKind: 'NVIDIA A10G',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['xlarge', 4, 16, 1.408, 1],
      ['2xlarge', 8, 32, 1.515, 1],
      ['4xlarge', 16, 64, 2.03, 1],
      ['8xlarge', 32, 128, 3.06, 1],
      ['12xlarge', 48, 192, 7.09, 4],
      ['16xlarge', 64, 256, 5.12, 1],
      ['24xlarge', 96, 384, 10.18, 4],
      ['48xlarge', 192, 768, 20.36, 8],
    ],
  },
  {
    family: 'g6',
    familyLabel: 'GPU, NVIDIA L4 (G6)',
    category: 'gpu',
    acceleratorKind: 'NVIDIA L4',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['xlarge', 4, 16, 1.006, 1],
      ['2xlarge', 8, 32, 1.222, 1],
      ['4xlarge', 16, 64, 1.654, 1],
      ['8xlarge', 32, 128, 2.518, 1],
      ['12xlarge', 48, 192, 5.752, 4],
      ['16xlarge', 64, 256, 4.246, 1],
      ['24xlarge', 96, 384, 8.344, 4],
      ['48xlarge', 192, 768, 16.688, 8],
    ],
  },
  {
    family: 'p3',
    familyLabel: 'GPU, NVIDIA V100 (P3)',
    category: 'gpu',
    acceleratorKind: 'NVIDIA V100',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['2xlarge', 8, 61, 3.825, 1],
      ['8xlarge', 32, 244, 14.688, 4],
      ['16xlarge', 64, 488, 28.152, 8],
    ],
  },
  {
    family: 'p4d',
    familyLabel: 'GPU, NVIDIA A100 (P4d)',
    category: 'gpu',
    acceleratorKind: 'NVIDIA A100',
    endpointSizes: 'all',
    transformSizes: 'none',
    sizes: [['24xlarge', 96, 1152, 37.688, 8]],
  },
  {
    family: 'inf1',
    familyLabel: 'AWS Inferentia (Inf1)',
    category: 'inferentia',
    acceleratorKind: 'AWS Inferentia',
    endpointSizes: 'all',
    transformSizes: 'none',
    sizes: [
      ['xlarge', 4, 8, 0.297, 1],
      ['2xlarge', 8, 16, 0.471, 1],
      ['6xlarge', 24, 48, 1.534, 4],
      ['24xlarge', 96, 192, 6.137, 16],
    ],
  },
  {
    family: 'inf2',
    familyLabel: 'AWS Inferentia2 (Inf2)',
    category: 'inferentia',
    acceleratorKind: 'AWS Inferentia2',
    endpointSizes: 'all',
    transformSizes: 'all',
    sizes: [
      ['xlarge', 4, 16, 0.986, 1],
      ['8xlarge', 32, 128, 2.558, 1],
      ['24xlarge', 96, 384, 8.438, 6],
      ['48xlarge', 192, 768, 16.876, 12],
    ],
  },
];

function usagesFor(table: FamilyTable, size: string): InstanceUsage[] {
  const usages: InstanceUsage[] = [];
  if (table.endpointSizes === 'all') usages.push('ENDPOINT');
  const transform = table.transformSizes;
  if (transform === 'all' || (Array.isArray(transform) && transform.includes(size))) usages.push('TRANSFORM');
  return usages;
}

export const INSTANCE_CATALOGUE: readonly InstanceTypeSpec[] = FAMILIES.flatMap((table) =>
  table.sizes.map(([size, vcpu, memoryGib, pricePerHourUsd, acceleratorCount]) => ({
    name: `ml.${table.family}.${size}`,
    family: table.family,
    familyLabel: table.familyLabel,
    category: table.category,
    vcpu,
    memoryGib,
    accelerators:
      table.acceleratorKind && acceleratorCount
        ? { count: acceleratorCount, kind: table.acceleratorKind }
        : null,
    pricePerHourUsd,
    usages: usagesFor(table, size),
  })),
);

const BY_NAME = new Map(INSTANCE_CATALOGUE.map((spec) => [spec.name, spec]));

/** The catalogue entry for an instance type name, or undefined when Cairn does not offer it. */
export function findInstanceType(name: string): InstanceTypeSpec | undefined {
  return BY_NAME.get(name);
}

export function isInstanceTypeAllowed(name: string, usage: InstanceUsage): boolean {
  return findInstanceType(name)?.usages.includes(usage) ?? false;
}

/** The types a wizard step may offer, cheapest first. */
export function instanceTypesFor(usage: InstanceUsage): InstanceTypeSpec[] {
  return INSTANCE_CATALOGUE.filter((spec) => spec.usages.includes(usage)).sort(
    (a, b) => a.pricePerHourUsd - b.pricePerHourUsd,
  );
}

export function hasAccelerator(spec: InstanceTypeSpec): boolean {
  return spec.accelerators !== null;
}
