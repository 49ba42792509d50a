import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import { type Call, date, INSTANCE_TYPE, key, NAME_RULE, S3_URI, sageMakerArn, type Tracked } from './common';
import { findModel } from './models';

export interface VariantRecord {
  variantName: string;
  modelName: string;
  instanceCount: number;
  weight: number;
  isServerless: boolean;
}

export interface EndpointConfigRecord extends Tracked {
  input: JsonInput;
  variants: VariantRecord[];
  /** Variants that receive a copy of production traffic; their answers are discarded. Absent in state saved before shadow support. */
  shadowVariants?: VariantRecord[];
  isAsync?: boolean;
}

const VARIANT_NAME = { required: true, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, max: 63 } as const;
const SERVERLESS_MEMORY_MB = [1024, 2048, 3072, 4096, 5120, 6144];

function parseServerless(problems: Problems, config: Record<string, unknown>, path: string) {
  const memory = problems.number(config, 'MemorySizeInMB', `${path}.MemorySizeInMB`, {
    required: true,
    min: 1024,
    max: 6144,
  });
  if (memory !== undefined && memory >= 1024 && memory <= 6144 && !SERVERLESS_MEMORY_MB.includes(memory)) {
    problems.note(`MemorySizeInMB must be one of ${SERVERLESS_MEMORY_MB.join(', ')}; got ${memory}.`);
  }
  const max = problems.number(config, 'MaxConcurrency', `${path}.MaxConcurrency`, {
    required: true,
    min: 1,
    max: 200,
  });
  const provisioned = problems.number(config, 'ProvisionedConcurrency', `${path}.ProvisionedConcurrency`, {
    min: 1,
    max: 200,
  });
  if (provisioned !== undefined && max !== undefined && provisioned > max) {
    problems.note(
      `ProvisionedConcurrency (${provisioned}) must be less than or equal to MaxConcurrency (${max}).`,
    );
  }
}

function parseVariants(problems: Problems, list: Record<string, unknown>[], member: string): VariantRecord[] {
  return list.map((variant, index) => {
    const path = `${member}.${index + 1}.member`;
    const serverless = problems.object(variant, 'ServerlessConfig', `${path}.ServerlessConfig`);
    if (serverless) parseServerless(problems, serverless, `${path}.ServerlessConfig`);
    const isServerless = serverless !== undefined;
    const instanceType = problems.string(variant, 'InstanceType', `${path}.InstanceType`, {
      required: !isServerless,
      pattern: INSTANCE_TYPE,
    });
    if (isServerless && instanceType !== undefined) {
      problems.note(`${member} ${index + 1}: specify either InstanceType or ServerlessConfig, not both.`);
    }
    return {
      variantName: problems.string(variant, 'VariantName', `${path}.VariantName`, VARIANT_NAME) ?? '',
      modelName: problems.string(variant, 'ModelName', `${path}.ModelName`, NAME_RULE) ?? '',
      instanceCount:
        problems.number(variant, 'InitialInstanceCount', `${path}.InitialInstanceCount`, {
          required: !isServerless,
          min: 1,
        }) ?? 1,
      weight:
        problems.number(variant, 'InitialVariantWeight', `${path}.InitialVariantWeight`, { min: 0 }) ?? 1,
      isServerless,
    };
  });
}

/** AsyncInferenceConfig: where results and failures go, and how many requests an instance takes. */
function parseAsync(problems: Problems, config: Record<string, unknown>) {
  const base = 'AsyncInferenceConfig';
  const output = problems.object(config, 'OutputConfig', `${base}.OutputConfig`, { required: true });
  if (output) {
    const success = problems.string(output, 'S3OutputPath', `${base}.OutputConfig.S3OutputPath`, {
      max: 512,
      pattern: S3_URI,
    });
    problems.string(output, 'S3FailurePath', `${base}.OutputConfig.S3FailurePath`, {
      max: 512,
      pattern: S3_URI,
    });
    const notification = problems.object(
      output,
      'NotificationConfig',
      `${base}.OutputConfig.NotificationConfig`,
    );
    if (success === undefined && notification === undefined) {
      problems.note('AsyncInferenceConfig.OutputConfig needs S3OutputPath or NotificationConfig.');
    }
  }
  const client = problems.object(config, 'ClientConfig', `${base}.ClientConfig`);
  if (client) {
    problems.number(
      client,
      'MaxConcurrentInvocationsPerInstance',
      `${base}.ClientConfig.MaxConcurrentInvocationsPerInstance`,
      { min: 1, max: 1000 },
    );
  }
}

/** SageMaker's refusals that weigh one part of the config against another. */
function checkCombination(variants: VariantRecord[], shadows: VariantRecord[], isAsync: boolean) {
  const names = [...variants, ...shadows].map((variant) => variant.variantName.toLowerCase());
  if (new Set(names).size !== names.length) {
    throw new SimError(
      'ValidationException',
      'Production variant names must be unique within an endpoint config.',
    );
  }
  const hasServerless = [...variants, ...shadows].some((variant) => variant.isServerless);
  if (hasServerless && isAsync) {
    throw new SimError(
      'ValidationException',
      'Serverless inference does not support AsyncInferenceConfig: use instance-based variants for asynchronous inference.',
    );
  }
  if (shadows.length > 0 && hasServerless) {
    throw new SimError(
      'ValidationException',
      'ShadowProductionVariants are not supported on serverless endpoints.',
    );
  }
  if (shadows.length > 0 && isAsync) {
    throw new SimError(
      'ValidationException',
      'ShadowProductionVariants are not supported with AsyncInferenceConfig.',
    );
  }
}

export function createEndpointConfig(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  const variants = parseVariants(
    problems,
    asRecords(
      problems.array(input, 'ProductionVariants', 'ProductionVariants', { required: true, min: 1, max: 10 }),
    ),
    'ProductionVariants',
  );
  const shadows = parseVariants(
    problems,
    asRecords(
      problems.array(input, 'ShadowProductionVariants', 'ShadowProductionVariants', { min: 1, max: 10 }),
    ),
    'ShadowProductionVariants',
  );
  const asyncConfig = problems.object(input, 'AsyncInferenceConfig', 'AsyncInferenceConfig');
  if (asyncConfig) parseAsync(problems, asyncConfig);
  problems.throwIfAny();
  const isAsync = asyncConfig !== undefined;
  checkCombination(variants, shadows, isAsync);
  for (const variant of [...variants, ...shadows]) findModel(call, variant.modelName);
  const configName = name as string;
  const arn = sageMakerArn(call, 'endpoint-config', configName);
  if (store.endpointConfigs.has(key(configName))) {
    // As with models, SageMaker answers a duplicate with ValidationException.
    throw new SimError(
      'ValidationException',
      `Cannot create already existing endpoint configuration "${arn}".`,
    );
  }
  store.endpointConfigs.set(key(configName), {
    name: configName,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    input,
    variants,
    shadowVariants: shadows,
    isAsync,
  });
  return { EndpointConfigArn: arn };
}

export function findEndpointConfig(call: Call, name: string): EndpointConfigRecord {
  const config = call.store.endpointConfigs.get(key(name));
  if (!config) {
    const arn = sageMakerArn(call, 'endpoint-config', name);
    throw new SimError('ValidationException', `Could not find endpoint configuration "${arn}".`);
  }
  return config;
}

export function describeEndpointConfig(call: Call) {
  const problems = new Problems();
  const name = problems.string(call.input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  problems.throwIfAny();
  const config = findEndpointConfig(call, name as string);
  const { EndpointConfigName: _name, Tags: _tags, ...rest } = config.input;
  return {
    EndpointConfigName: config.name,
    EndpointConfigArn: config.arn,
    CreationTime: date(config.createdAt),
    ...rest,
  };
}

export function deleteEndpointConfig(call: Call) {
  const problems = new Problems();
  const name = problems.string(call.input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  problems.throwIfAny();
  const config = findEndpointConfig(call, name as string);
  call.store.endpointConfigs.delete(key(config.name));
  return {};
}
