import fc from 'fast-check';

/** Values that have broken input handling somewhere before: wrong types, extremes, odd text. */
const HOSTILE_VALUES: unknown[] = [
  null,
  undefined,
  '',
  ' ',
  'x'.repeat(100_000),
  '\u0000',
  'ünïcødé 🚀 \u202e\ud83d',
  '\'; DROP TABLE "Project"; --',
  '=HYPERLINK("http://evil")',
  '../../etc/passwd',
  -1,
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -0.5,
  true,
  [],
  {},
  [null],
  JSON.parse('{"__proto__": {"isOrgAdmin": true}}'),
  new Date(Number.NaN),
  '00000000-0000-0000-0000-000000000000',
];

type Path = (string | number)[];

/** Every path into a sample input, containers included, so a whole sub-object can be replaced too. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

function withValueAt(root: unknown, path: Path, next: unknown, isDrop: boolean): unknown {
  if (path.length === 0) return isDrop ? undefined : next;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (isDrop) delete node[last];
  else node[last] = next;
  return copy;
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/**
 * A replacement of the same type as the sample's value, so the input still parses and reaches the
 * service: another team's id or a random one for an id, odd text for text, odd numbers for numbers.
 */
function plausibleReplacement(current: unknown, foreignIds: string[]): fc.Arbitrary<unknown> {
  if (typeof current === 'string' && /^(?:[0-9a-f]{32}|[0-9a-f-]{36})$/i.test(current))
    return fc.oneof(fc.constantFrom(...foreignIds), fc.uuid());
  if (typeof current === 'string')
    return fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
      fc.constantFrom('ünïcødé 🚀', "'; --", '=1+1', ' padded ', 'a'.repeat(256)),
    );
  if (typeof current === 'number')
    return fc.oneof(fc.integer({ min: -10, max: 10 }), fc.double({ min: -1e6, max: 1e12, noNaN: true }));
  if (typeof current === 'boolean') return fc.boolean();
  return fc.constantFrom(null, [], {});
}

/**
 * Inputs for one procedure: anything at all, and its valid sample with one field dropped or
 * replaced by a hostile value, a random one, or a plausible one that still parses (another
 * team's id, odd text, an out-of-range number) so the service itself is exercised.
 */
export function hostileInputs(sample: unknown, foreignIds: string[]): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  const hostile = fc.oneof(
    fc.constantFrom(...HOSTILE_VALUES),
    fc.constantFrom(...foreignIds),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.double(),
    fc.anything(),
  );
  const broken = fc
    .tuple(fc.constantFrom(...paths), hostile, fc.boolean())
    .map(([path, value, isDrop]) => withValueAt(sample, path, value, isDrop && path.length > 0));
  const plausible = fc
    .constantFrom(...paths)
    .chain((path) =>
      plausibleReplacement(valueAt(sample, path), foreignIds).map((value) =>
        withValueAt(sample, path, value, false),
      ),
    );
  return fc.oneof(
    { weight: 1, arbitrary: fc.anything() },
    { weight: 2, arbitrary: broken },
    { weight: 3, arbitrary: plausible },
  );
}

/** A fixed, reproducible list of inputs; change the seed to explore further. */
export function sampleHostileInputs(sample: unknown, foreignIds: string[], runs: number, seed: number) {
  return fc.sample(hostileInputs(sample, foreignIds), { numRuns: runs, seed });
}
