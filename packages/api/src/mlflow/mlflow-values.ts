import { z } from 'zod';
import { doesNotExist } from './mlflow-error';

/**
 * Protobuf-JSON value codecs. MLflow clients send int64 fields as numbers or decimal strings, and
 * doubles as numbers or the strings "NaN", "Infinity", "-Infinity"; responses use the same forms.
 */

const INT64_STRING = /^-?\d+$/;

export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(INT64_STRING, { message: 'Must be an integer' })
    .transform((s) => Number(s))
    .pipe(z.number().int()),
]);

const SPECIAL_DOUBLES: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

export const double = z.union([
  z.number(),
  z.string().transform((s, ctx) => {
    const special = SPECIAL_DOUBLES[s];
    if (special !== undefined) return special;
    const n = s.trim() === '' ? Number.NaN : Number(s);
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: 'custom', message: 'Must be a number, "NaN", "Infinity" or "-Infinity"' });
      return z.NEVER;
    }
    return n;
  }),
]);

/** Booleans arrive as JSON booleans, or from query strings as "true"/"True"/"false". */
export const bool = z.union([
  z.boolean(),
  z.enum(['true', 'True', 'false', 'False']).transform((s) => s.toLowerCase() === 'true'),
]);

/** MLflow's experiment ids are opaque strings; very old clients send numbers. */
export const idString = z.union([z.string(), z.number().int().transform(String)]);

export function encodeDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/** MLflow ids: a uuid without hyphens, as MLflow's own run ids. */
export function toMlflowId(uuid: string): string {
  return uuid.replaceAll('-', '').toLowerCase();
}

const HEX32 = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts both the 32-hex form Cairn hands out and the hyphenated uuid; null for anything else. */
export function fromMlflowId(id: string): string | null {
  const trimmed = id.trim();
  if (UUID.test(trimmed)) return trimmed.toLowerCase();
  if (!HEX32.test(trimmed)) return null;
  const h = trimmed.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A run id as a uuid, or MLflow's "not found" for one that cannot name a run. */
export function runUuid(id: string): string {
  const uuid = fromMlflowId(id);
  if (!uuid) throw doesNotExist(`Run with id=${id} not found`);
  return uuid;
}
