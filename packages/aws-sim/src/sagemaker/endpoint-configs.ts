import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import { type Call, date, INSTANCE_TYPE, key, NAME_RULE, sageMakerArn, type Tracked } from './common';
import { findModel } from './models';

export interface EndpointConfigRecord extends Tracked {
  input: JsonInput;
  variants: { variantName: string; modelName: string; instanceCount: number; weight: number }[];
}

const VARIANT_NAME = { required: true, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, max: 63 } as const;

export function createEndpointConfig(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'EndpointConfigName', 'EndpointConfigName', NAME_RULE);
  const variants = asRecords(
    problems.array(input, 'ProductionVariants', 'ProductionVariants', { required: true, min: 1, max: 10 }),
  );
  const parsed = variants.map((variant, index) => {
    const path = `ProductionVariants.${index + 1}.member`;
    const isServerless = variant.ServerlessConfig !== undefined;
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
      instanceType: problems.string(variant, 'InstanceType', `${path}.InstanceType`, {
        required: !isServerless,
        pattern: INSTANCE_TYPE,
      }),
    };
  });
  problems.throwIfAny();
  const names = parsed.map((variant) => variant.variantName.toLowerCase());
  if (new Set(names).size !== names.length) {
    throw new SimError(
      'ValidationException',
      'Production variant names must be unique within an endpoint config.',
    );
  }
  for (const variant of parsed) findModel(call, variant.modelName);
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
    variants: parsed,
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
