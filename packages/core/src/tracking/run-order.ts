import { at, invalidFilter, normaliseAttributeKey, readIdentifier, tokenize } from './search-lexer';

export interface RunOrderTerm {
  entity: 'metric' | 'param' | 'tag' | 'attribute';
  key: string;
  ascending: boolean;
}

/** Attribute keys MLflow orders runs by (RunInfo orderable attributes), after alias normalisation. */
export const ORDERABLE_RUN_ATTRIBUTES = [
  'run_id',
  'run_name',
  'status',
  'user_id',
  'artifact_uri',
  'start_time',
  'end_time',
  'experiment_id',
] as const;

const fail: (message: string) => never = invalidFilter('orderBy');

function parseTerm(orderBy: string): RunOrderTerm {
  const tokens = tokenize(orderBy, fail);
  if (tokens.length === 0) fail("Invalid order_by clause ''. Could not be parsed.");
  const { identifier, next } = readIdentifier(orderBy, tokens, 0, fail);
  let ascending = true;
  const direction = tokens[next];
  if (direction) {
    const word = direction.kind === 'word' ? direction.value.toLowerCase() : '';
    if (word !== 'asc' && word !== 'desc') {
      fail(
        `Invalid ordering key in order_by clause '${orderBy}' ${at(direction.start)}: expected ASC or DESC`,
      );
    }
    ascending = word === 'asc';
    const extra = tokens[next + 1];
    if (extra)
      fail(
        `Invalid order_by clause '${orderBy}'. Could not be parsed: unexpected '${extra.raw}' ${at(extra.start)}`,
      );
  }
  if (identifier.entity === 'dataset') {
    return fail(
      `Invalid order_by entity type 'dataset' in '${orderBy}': runs order by metrics, params, tags or attributes`,
    );
  }
  if (identifier.entity === 'attribute') {
    const key = normaliseAttributeKey(identifier.key);
    if (!(ORDERABLE_RUN_ATTRIBUTES as readonly string[]).includes(key)) {
      fail(
        `Invalid attribute key '${identifier.key}' specified in order_by clause '${orderBy}'. Valid keys are ${JSON.stringify([...ORDERABLE_RUN_ATTRIBUTES, 'created'])}`,
      );
    }
    return { entity: 'attribute', key, ascending };
  }
  return { entity: identifier.entity, key: identifier.key, ascending };
}

/** MLflow search_runs order_by terms ("metrics.rmse ASC", "tags.`x y` desc") -> terms; default ascending. Throws INVALID_INPUT (field 'orderBy'). */
export function parseRunOrderBy(orderBy: string[] | undefined): RunOrderTerm[] {
  return (orderBy ?? []).map(parseTerm);
}
