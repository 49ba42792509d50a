import { asRecords, Problems } from '../core/validation';
import type { JsonInput } from '../json/json-protocol';
import { SimError } from '../service';
import { type Call, date, key, NAME_RULE, ROLE_ARN, S3_URI, sageMakerArn, type Tracked } from './common';

export interface ModelRecord extends Tracked {
  input: JsonInput;
  images: string[];
}

function checkContainer(
  problems: Problems,
  container: Record<string, unknown>,
  path: string,
): string | undefined {
  const image = problems.string(container, 'Image', `${path}.Image`, { max: 255, pattern: /^[\S]+$/ });
  problems.string(container, 'ModelDataUrl', `${path}.ModelDataUrl`, { max: 1024, pattern: S3_URI });
  problems.string(container, 'Mode', `${path}.Mode`, { values: ['SingleModel', 'MultiModel'] });
  return image;
}

export function createModel(call: Call) {
  const { input, store } = call;
  const problems = new Problems();
  const name = problems.string(input, 'ModelName', 'ModelName', NAME_RULE);
  problems.string(input, 'ExecutionRoleArn', 'ExecutionRoleArn', { min: 20, max: 2048, pattern: ROLE_ARN });
  const primary = problems.object(input, 'PrimaryContainer', 'PrimaryContainer');
  const containers = asRecords(problems.array(input, 'Containers', 'Containers', { max: 15 }));
  const images: string[] = [];
  if (primary) images.push(checkContainer(problems, primary, 'PrimaryContainer') ?? '');
  containers.forEach((container, index) => {
    images.push(checkContainer(problems, container, `Containers.${index + 1}.member`) ?? '');
  });
  problems.throwIfAny();
  if (!primary && containers.length === 0) {
    // SageMaker's own wording for a model with nothing to run.
    throw new SimError('ValidationException', 'Either PrimaryContainer or Containers must be specified.');
  }
  const modelName = name as string;
  const arn = sageMakerArn(call, 'model', modelName);
  if (store.models.has(key(modelName))) {
    // Real SageMaker answers a duplicate model with ValidationException, not ResourceInUse.
    throw new SimError('ValidationException', `Cannot create already existing model "${arn}".`);
  }
  store.models.set(key(modelName), {
    name: modelName,
    arn,
    createdAt: call.now,
    createdBy: call.caller,
    input,
    images,
  });
  return { ModelArn: arn };
}

export function findModel(call: Call, name: string): ModelRecord {
  const model = call.store.models.get(key(name));
  if (!model) {
    throw new SimError('ValidationException', `Could not find model "${sageMakerArn(call, 'model', name)}".`);
  }
  return model;
}

function nameOf(call: Call): string {
  const problems = new Problems();
  const name = problems.string(call.input, 'ModelName', 'ModelName', NAME_RULE);
  problems.throwIfAny();
  return name as string;
}

export function describeModel(call: Call) {
  const model = findModel(call, nameOf(call));
  const { ModelName: _name, Tags: _tags, ...rest } = model.input;
  return { ModelName: model.name, ModelArn: model.arn, CreationTime: date(model.createdAt), ...rest };
}

export function deleteModel(call: Call) {
  const model = findModel(call, nameOf(call));
  call.store.models.delete(key(model.name));
  return {};
}
