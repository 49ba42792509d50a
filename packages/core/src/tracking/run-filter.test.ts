import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { parseRunFilter } from './run-filter';

function errorOf(filter: string): DomainError {
  try {
    parseRunFilter(filter);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected ${filter} to be rejected`);
}

describe('parseRunFilter: valid filters', () => {
  it('returns no clauses for an empty or blank filter', () => {
    expect(parseRunFilter(undefined)).toEqual([]);
    expect(parseRunFilter('')).toEqual([]);
    expect(parseRunFilter('   \n')).toEqual([]);
  });

  it("parses the examples from MLflow's search syntax docs", () => {
    expect(parseRunFilter('metrics.accuracy > 0.92')).toEqual([
      { entity: 'metric', key: 'accuracy', comparator: '>', value: 0.92 },
    ]);
    expect(
      parseRunFilter(
        'params.model = "LogisticRegression" and params.lambda = "0.001" and metrics.error <= 0.05',
      ),
    ).toEqual([
      { entity: 'param', key: 'model', comparator: '=', value: 'LogisticRegression' },
      { entity: 'param', key: 'lambda', comparator: '=', value: '0.001' },
      { entity: 'metric', key: 'error', comparator: '<=', value: 0.05 },
    ]);
    expect(parseRunFilter('attributes.status = "FAILED"')).toEqual([
      { entity: 'attribute', key: 'status', comparator: '=', value: 'FAILED' },
    ]);
    expect(
      parseRunFilter(
        "params.model = 'CNN' and params.layers = '10' and metrics.'prediction accuracy' >= 0.945",
      ),
    ).toEqual([
      { entity: 'param', key: 'model', comparator: '=', value: 'CNN' },
      { entity: 'param', key: 'layers', comparator: '=', value: '10' },
      { entity: 'metric', key: 'prediction accuracy', comparator: '>=', value: 0.945 },
    ]);
    expect(parseRunFilter('tags."mlflow.runName" = "keras-hyperparam-search"')[0]).toMatchObject({
      key: 'mlflow.runName',
      value: 'keras-hyperparam-search',
    });
    expect(parseRunFilter("tags.`mlflow.source.type` = 'LOCAL'")).toEqual([
      { entity: 'tag', key: 'mlflow.source.type', comparator: '=', value: 'LOCAL' },
    ]);
  });

  it('accepts every entity alias MLflow accepts', () => {
    const entityOf = (filter: string) => parseRunFilter(filter)[0]?.entity;
    for (const alias of ['metric', 'metrics']) expect(entityOf(`${alias}.x > 1`)).toBe('metric');
    for (const alias of ['param', 'params', 'parameter', 'parameters'])
      expect(entityOf(`${alias}.x = 'a'`)).toBe('param');
    for (const alias of ['tag', 'tags']) expect(entityOf(`${alias}.x = 'a'`)).toBe('tag');
    for (const alias of ['attribute', 'attributes', 'attr', 'run']) {
      expect(entityOf(`${alias}.status = 'RUNNING'`)).toBe('attribute');
    }
    for (const alias of ['dataset', 'datasets']) expect(entityOf(`${alias}.name = 'train'`)).toBe('dataset');
    expect(parseRunFilter("`params`.lr = '0.1'")[0]).toMatchObject({ entity: 'param', key: 'lr' });
  });

  it('reads keys quoted with backticks or double quotes, and bare dotted keys', () => {
    expect(parseRunFilter('metrics.`f1 score` >= 0.5')[0]).toMatchObject({ key: 'f1 score' });
    expect(parseRunFilter('metrics."error rate" < 1')[0]).toMatchObject({ key: 'error rate' });
    expect(parseRunFilter(`tags."mlflow.user" = 'ada'`)[0]).toMatchObject({
      key: 'mlflow.user',
      value: 'ada',
    });
    expect(parseRunFilter("tags.mlflow.user = 'ada'")[0]).toMatchObject({ key: 'mlflow.user' });
    expect(parseRunFilter('params.`model-type` = "cnn"')[0]).toMatchObject({ key: 'model-type' });
    expect(parseRunFilter('metrics.`2021_accuracy` > 0')[0]).toMatchObject({ key: '2021_accuracy' });
    expect(parseRunFilter('metrics.1st_epoch_loss > 0')[0]).toMatchObject({ key: '1st_epoch_loss' });
    expect(parseRunFilter('metrics.`val/loss` < 0.2')[0]).toMatchObject({ key: 'val/loss' });
  });

  it('reads numbers: integers, decimals, negatives, exponents', () => {
    const parsedValue = (literal: string) => parseRunFilter(`metrics.m > ${literal}`)[0]?.value;
    expect(parsedValue('3')).toBe(3);
    expect(parsedValue('0.25')).toBe(0.25);
    expect(parsedValue('.5')).toBe(0.5);
    expect(parsedValue('-1')).toBe(-1);
    expect(parsedValue('-2.5')).toBe(-2.5);
    expect(parsedValue('1e-3')).toBe(0.001);
    expect(parsedValue('2.5E+2')).toBe(250);
    expect(parseRunFilter('metrics.m>-1')[0]).toMatchObject({ comparator: '>', value: -1 });
  });

  it('accepts every numeric comparator on metrics, without spaces too', () => {
    for (const op of ['=', '!=', '>', '>=', '<', '<=']) {
      expect(parseRunFilter(`metrics.loss${op}0.1`)[0]).toEqual({
        entity: 'metric',
        key: 'loss',
        comparator: op,
        value: 0.1,
      });
    }
  });

  it('accepts = != LIKE ILIKE on params and tags, case-insensitively', () => {
    expect(parseRunFilter("params.optimizer LIKE 'ada%'")[0]).toMatchObject({
      comparator: 'LIKE',
      value: 'ada%',
    });
    expect(parseRunFilter("params.optimizer like 'ada%'")[0]).toMatchObject({ comparator: 'LIKE' });
    expect(parseRunFilter("tags.team ILIKE '%VISION%'")[0]).toMatchObject({
      comparator: 'ILIKE',
      value: '%VISION%',
    });
    expect(parseRunFilter("tags.team != 'nlp'")[0]).toMatchObject({ comparator: '!=' });
  });

  it('normalises attribute keys and types their values', () => {
    expect(parseRunFilter('attributes.created > 1700000000000')[0]).toEqual({
      entity: 'attribute',
      key: 'start_time',
      comparator: '>',
      value: 1700000000000,
    });
    expect(parseRunFilter('attributes.end_time <= 5')[0]).toMatchObject({ key: 'end_time', value: 5 });
    expect(parseRunFilter("attributes.`Run name` LIKE 'bert%'")[0]).toMatchObject({ key: 'run_name' });
    expect(parseRunFilter("run_name = 'x'")[0]).toMatchObject({ entity: 'attribute', key: 'run_name' });
    expect(parseRunFilter("attributes.user_id = 'ada'")[0]).toMatchObject({ key: 'user_id' });
    expect(parseRunFilter("attributes.artifact_uri LIKE 's3://%'")[0]).toMatchObject({ key: 'artifact_uri' });
    expect(parseRunFilter("attr.run_id = 'abc'")[0]).toMatchObject({ key: 'run_id', value: 'abc' });
  });

  it('parses IN and NOT IN lists for run_id and datasets', () => {
    expect(parseRunFilter("attributes.run_id IN ('a', 'b',\"c\")")[0]).toEqual({
      entity: 'attribute',
      key: 'run_id',
      comparator: 'IN',
      value: ['a', 'b', 'c'],
    });
    expect(parseRunFilter("attributes.run_id not in ('a')")[0]).toMatchObject({
      comparator: 'NOT IN',
      value: ['a'],
    });
    expect(parseRunFilter("datasets.digest IN ('d1', 'd2')")[0]).toMatchObject({
      entity: 'dataset',
      key: 'digest',
    });
    expect(parseRunFilter("datasets.context = 'training'")[0]).toMatchObject({
      key: 'context',
      value: 'training',
    });
  });

  it('keeps string values verbatim, including spaces, quotes of the other kind and keywords', () => {
    expect(parseRunFilter(`params.note = "it's AND fine"`)[0]).toMatchObject({ value: "it's AND fine" });
    expect(parseRunFilter(`tags.q = '"x"'`)[0]).toMatchObject({ value: '"x"' });
    expect(parseRunFilter("tags.empty = ''")[0]).toMatchObject({ value: '' });
    expect(parseRunFilter("params.note = 'it''s'")[0]).toMatchObject({ value: "it's" });
    expect(parseRunFilter(String.raw`params.note = 'it\'s' AND params.x LIKE '50\%'`)).toMatchObject([
      { value: "it's" },
      { value: String.raw`50\%` },
    ]);
    expect(parseRunFilter('metrics.`a``b` > 1')[0]).toMatchObject({ key: 'a`b' });
  });

  it('joins many clauses with AND in any case', () => {
    const clauses = parseRunFilter(
      "metrics.a > 1 AND params.b = 'x' and tags.c != 'y' And attributes.status = 'FINISHED' AND datasets.name = 'd'",
    );
    expect(clauses.map((clause) => clause.entity)).toEqual([
      'metric',
      'param',
      'tag',
      'attribute',
      'dataset',
    ]);
  });
});

describe('parseRunFilter: errors', () => {
  it('is an INVALID_INPUT on the filter field', () => {
    const error = errorOf('metrics.a > 1 OR metrics.b > 2');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('filter');
  });

  it('rejects OR like MLflow, naming the clause and position', () => {
    expect(errorOf('metrics.a > 1 OR metrics.b > 2').message).toMatch(
      /^Invalid clause\(s\) in filter string: 'OR metrics.b > 2' at position 15\. OR is not supported/,
    );
  });

  it('rejects garbage after a clause and a dangling AND', () => {
    expect(errorOf("params.a = 'x' params.b = 'y'").message).toMatch(
      /Invalid clause\(s\) in filter string: 'params.b = 'y'' at position 16/,
    );
    expect(errorOf('metrics.a > 1 AND').message).toMatch(/Expected a clause after 'AND'/);
    expect(errorOf('AND metrics.a > 1').message).toMatch(/unexpected 'AND' at position 1/);
  });

  it('rejects multiple statements and parentheses', () => {
    expect(errorOf('metrics.a > 1; metrics.b > 2').message).toMatch(/multiple expressions/);
    expect(errorOf('(metrics.a > 1)').message).toMatch(/parentheses are not supported at position 1/);
  });

  it('rejects unknown entity types and attribute or dataset keys', () => {
    expect(errorOf('metricz.a > 1').message).toMatch(
      /^Invalid entity type 'metricz' at position 1\. Valid values are/,
    );
    expect(errorOf("attributes.colour = 'red'").message).toMatch(
      /^Invalid attribute key 'colour' specified at position 1/,
    );
    expect(errorOf("colour = 'red'").message).toMatch(/Invalid attribute key 'colour'/);
    expect(errorOf("datasets.size = 'big'").message).toMatch(/^Invalid dataset key 'size'/);
  });

  it('rejects malformed identifiers', () => {
    expect(errorOf('metrics. > 1').message).toMatch(/Invalid identifier 'metrics\.'/);
    expect(errorOf("'metrics.a' > 1").message).toMatch(/Invalid identifier: expected 'metrics.<key>'/);
    expect(errorOf('> 1').message).toMatch(/Invalid identifier/);
    expect(errorOf('metrics.`a`b > 1').message).toMatch(/Invalid identifier/);
  });

  it('rejects comparators an entity does not allow', () => {
    expect(errorOf("metrics.a LIKE '1%'").message).toMatch(
      /^Invalid comparator 'LIKE' at position 11 for metric 'a'/,
    );
    expect(errorOf("params.a > '1'").message).toMatch(/Invalid comparator '>' .* for param 'a'/);
    expect(errorOf("tags.a <= 'x'").message).toMatch(/Invalid comparator '<=' .* for tag/);
    expect(errorOf("params.a IN ('x')").message).toMatch(/Invalid comparator 'IN'/);
    expect(errorOf('attributes.start_time LIKE 1').message).toMatch(/Invalid comparator 'LIKE'/);
    expect(errorOf("attributes.status > 'A'").message).toMatch(/Invalid comparator '>'/);
  });

  it('rejects unknown or missing comparators', () => {
    expect(errorOf('metrics.a == 1').message).toMatch(/^Invalid comparator '==' at position 11/);
    expect(errorOf('metrics.a <> 1').message).toMatch(/Invalid comparator '<>'/);
    expect(errorOf('metrics.a 1').message).toMatch(/expected a comparator .* but found '1' at position 11/);
    expect(errorOf("params.a NOT LIKE 'x'").message).toMatch(/expected a comparator/);
    expect(errorOf('metrics.a').message).toMatch(/found end of filter at position 10/);
  });

  it('rejects values of the wrong type', () => {
    expect(errorOf("metrics.a > '1'").message).toMatch(
      /^Expected numeric value type for metric\. Found ''1'' at position 13/,
    );
    expect(errorOf('metrics.a > NaN').message).toMatch(/Expected numeric value type for metric/);
    expect(errorOf('metrics.a >').message).toMatch(/Found end of filter/);
    expect(errorOf('params.a = 1').message).toMatch(
      /^Expected a quoted string value for param \(e\.g\. 'my-value'\)\. Got value '1'/,
    );
    expect(errorOf('tags.a = unquoted').message).toMatch(/quoted string value for tag/);
    expect(errorOf("attributes.start_time > '5'").message).toMatch(/numeric attribute: start_time/);
    expect(errorOf('attributes.status = FAILED').message).toMatch(/quoted string value for attributes/);
    expect(errorOf('metrics.a > 1e999').message).toMatch(/out of range/);
  });

  it('rejects ill-formed lists', () => {
    expect(errorOf("attributes.status IN ('A')").message).toMatch(/Only the 'run_id' attribute supports/);
    expect(errorOf('attributes.run_id IN ()').message).toMatch(
      /non-empty list of string values, but got empty list/,
    );
    expect(errorOf("attributes.run_id IN ('a',)").message).toMatch(
      /expected a quoted string value but found '\)'/,
    );
    expect(errorOf("attributes.run_id IN ('a' 'b')").message).toMatch(/expected ',' or '\)'/);
    expect(errorOf("attributes.run_id IN 'a'").message).toMatch(/parenthesised list/);
    expect(errorOf("attributes.run_id = ('a')").message).toMatch(/only valid with IN or NOT IN/);
    expect(errorOf("attributes.run_id IN ('a', 1)").message).toMatch(/found '1'/);
  });

  it('rejects unterminated quotes and stray characters', () => {
    expect(errorOf("params.a = 'x").message).toMatch(/^Unterminated quoted string starting at position 12/);
    expect(errorOf('metrics.`a > 1').message).toMatch(/Unterminated quoted string/);
    expect(errorOf("params.a = 'x' & tags.b = 'y'").message).toMatch(
      /Unexpected character '&' at position 16/,
    );
  });
});
