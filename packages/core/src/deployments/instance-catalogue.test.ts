import { describe, expect, it } from 'vitest';
import {
  findInstanceType,
  INSTANCE_CATALOGUE,
  type InstanceUsage,
  instanceTypesFor,
  isInstanceTypeAllowed,
} from './instance-catalogue';

describe('the instance catalogue', () => {
  it('lists every type once, named as SageMaker names it', () => {
    const names = INSTANCE_CATALOGUE.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^ml\.[a-z0-9]+\.(medium|large|\d*xlarge)$/);
  });

  it('gives every type a positive price, vCPU and memory', () => {
    for (const spec of INSTANCE_CATALOGUE) {
      expect(spec.pricePerHourUsd, spec.name).toBeGreaterThan(0);
      expect(spec.vcpu, spec.name).toBeGreaterThan(0);
      expect(spec.memoryGib, spec.name).toBeGreaterThan(0);
    }
  });

  it('prices a larger size higher than a smaller one of the same family and accelerator count', () => {
    const groups = new Map<string, typeof INSTANCE_CATALOGUE>();
    for (const spec of INSTANCE_CATALOGUE) {
      const key = `${spec.family}/${spec.accelerators?.count ?? 0}`;
      groups.set(key, [...(groups.get(key) ?? []), spec]);
    }
    for (const specs of groups.values()) {
      const ordered = [...specs].sort((a, b) => a.vcpu - b.vcpu);
      for (let i = 1; i < ordered.length; i++) {
        expect(ordered[i]!.pricePerHourUsd, ordered[i]!.name).toBeGreaterThan(
          ordered[i - 1]!.pricePerHourUsd,
        );
      }
    }
  });

  const cases: Array<{
    name: string;
    vcpu: number;
    memoryGib: number;
    accelerators: { count: number; kind: string } | null;
    price: number;
    familyLabel: string;
  }> = [
    {
      name: 'ml.t2.medium',
      vcpu: 2,
      memoryGib: 4,
      accelerators: null,
      price: 0.056,
      familyLabel: 'Burstable (T2)',
    },
    {
      name: 'ml.m5.large',
      vcpu: 2,
      memoryGib: 8,
      accelerators: null,
      price: 0.115,
      familyLabel: 'General purpose (M5)',
    },
    {
      name: 'ml.m5.xlarge',
      vcpu: 4,
      memoryGib: 16,
      accelerators: null,
      price: 0.23,
      familyLabel: 'General purpose (M5)',
    },
    {
      name: 'ml.c5.large',
      vcpu: 2,
      memoryGib: 4,
      accelerators: null,
      price: 0.102,
      familyLabel: 'Compute optimized (C5)',
    },
    {
      name: 'ml.r5.large',
      vcpu: 2,
      memoryGib: 16,
      accelerators: null,
      price: 0.151,
      familyLabel: 'Memory optimized (R5)',
    },
    {
      name: 'ml.g4dn.xlarge',
      vcpu: 4,
      memoryGib: 16,
      accelerators: { count: 1, kind: 'NVIDIA T4' },
      price: 0.736,
      familyLabel: 'GPU, NVIDIA T4 (G4dn)',
    },
    {
      name: 'ml.g5.12xlarge',
      vcpu: 48,
      memoryGib: 192,
      accelerators: { count: 4, kind: 'NVIDIA A10G' },
      price: 7.09,
      familyLabel: 'GPU, NVIDIA A10G (G5)',
    },
    {
      name: 'ml.p4d.24xlarge',
      vcpu: 96,
      memoryGib: 1152,
      accelerators: { count: 8, kind: 'NVIDIA A100' },
      price: 37.688,
      familyLabel: 'GPU, NVIDIA A100 (P4d)',
    },
    {
      name: 'ml.inf2.xlarge',
      vcpu: 4,
      memoryGib: 16,
      accelerators: { count: 1, kind: 'AWS Inferentia2' },
      price: 0.986,
      familyLabel: 'AWS Inferentia2 (Inf2)',
    },
  ];
  it.each(cases)('describes $name', ({ name, vcpu, memoryGib, accelerators, price, familyLabel }) => {
    const spec = findInstanceType(name);
    expect(spec).toMatchObject({ vcpu, memoryGib, accelerators, pricePerHourUsd: price, familyLabel });
  });

  it('knows nothing of a type it does not offer', () => {
    expect(findInstanceType('ml.x1.32xlarge')).toBeUndefined();
  });
});

describe('where an instance type may be used', () => {
  const cases: Array<{ name: string; usage: InstanceUsage; allowed: boolean }> = [
    { name: 'ml.t2.medium', usage: 'ENDPOINT', allowed: true },
    { name: 'ml.t2.medium', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.t3.medium', usage: 'ENDPOINT', allowed: false },
    { name: 'ml.t3.medium', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.m5.large', usage: 'TRANSFORM', allowed: true },
    { name: 'ml.m5d.large', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.c5.large', usage: 'ENDPOINT', allowed: true },
    { name: 'ml.c5.large', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.c5.xlarge', usage: 'TRANSFORM', allowed: true },
    { name: 'ml.r5.large', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.r6i.large', usage: 'TRANSFORM', allowed: true },
    { name: 'ml.p4d.24xlarge', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.inf1.xlarge', usage: 'ENDPOINT', allowed: true },
    { name: 'ml.inf1.xlarge', usage: 'TRANSFORM', allowed: false },
    { name: 'ml.inf2.xlarge', usage: 'TRANSFORM', allowed: true },
    { name: 'ml.g6.xlarge', usage: 'ENDPOINT', allowed: true },
    { name: 'ml.unknown.large', usage: 'ENDPOINT', allowed: false },
  ];
  it.each(cases)('$name for $usage: $allowed', ({ name, usage, allowed }) => {
    expect(isInstanceTypeAllowed(name, usage)).toBe(allowed);
  });

  it('offers transform types cheapest first, without burstable ones', () => {
    const offered = instanceTypesFor('TRANSFORM');
    expect(offered[0]!.name).toBe('ml.c6i.large');
    expect(offered.some((spec) => spec.family === 't2' || spec.family === 't3')).toBe(false);
    const prices = offered.map((spec) => spec.pricePerHourUsd);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});
