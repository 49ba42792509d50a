import { SimError } from '../service';

/** `EndpointName` -> `endpointName`, the member spelling AWS uses in validation messages. */
function memberPath(path: string): string {
  return path
    .split('.')
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join('.');
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`;
}

/**
 * Collects every failed constraint of one request and reports them together, as AWS does:
 * "2 validation errors detected: Value 'x' at 'endpointName' failed to satisfy constraint: ...".
 */
export class Problems {
  private readonly list: string[] = [];

  add(value: unknown, path: string, constraint: string): void {
    this.list.push(
      `Value ${shown(value)} at '${memberPath(path)}' failed to satisfy constraint: Member must ${constraint}`,
    );
  }

  /** A free-form problem (AWS uses these for cross-member rules). */
  note(message: string): void {
    this.list.push(message);
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Returns the value as a string when present and of the right type. */
  string(
    input: Record<string, unknown>,
    key: string,
    path: string,
    rule: {
      required?: boolean;
      pattern?: RegExp;
      min?: number;
      max?: number;
      values?: readonly string[];
    } = {},
  ): string | undefined {
    const value = input[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(value, path, 'not be null');
      return undefined;
    }
    if (typeof value !== 'string') {
      throw new SimError('SerializationException', `Expected a string at '${memberPath(path)}'`);
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.add(value, path, `have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.add(value, path, `have length less than or equal to ${rule.max}`);
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      this.add(value, path, `satisfy regular expression pattern: ${rule.pattern.source}`);
    }
    if (rule.values && !rule.values.includes(value)) {
      this.add(value, path, `satisfy enum value set: [${rule.values.join(', ')}]`);
    }
    return value;
  }

  number(
    input: Record<string, unknown>,
    key: string,
    path: string,
    rule: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = input[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(value, path, 'not be null');
      return undefined;
    }
    if (typeof value !== 'number') {
      throw new SimError('SerializationException', `Expected a number at '${memberPath(path)}'`);
    }
    if (rule.min !== undefined && value < rule.min) {
      this.add(value, path, `have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      this.add(value, path, `have value less than or equal to ${rule.max}`);
    }
    return value;
  }

  object(
    input: Record<string, unknown>,
    key: string,
    path: string,
    rule: { required?: boolean } = {},
  ): Record<string, unknown> | undefined {
    const value = input[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(value, path, 'not be null');
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SimError('SerializationException', `Expected a structure at '${memberPath(path)}'`);
    }
    return value as Record<string, unknown>;
  }

  array(
    input: Record<string, unknown>,
    key: string,
    path: string,
    rule: { required?: boolean; min?: number; max?: number } = {},
  ): unknown[] | undefined {
    const value = input[key];
    if (value === undefined || value === null) {
      if (rule.required) this.add(value, path, 'not be null');
      return undefined;
    }
    if (!Array.isArray(value)) {
      throw new SimError('SerializationException', `Expected a list at '${memberPath(path)}'`);
    }
    if (rule.min !== undefined && value.length < rule.min) {
      this.add(`${value.length} members`, path, `have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.add(`${value.length} members`, path, `have length less than or equal to ${rule.max}`);
    }
    return value;
  }

  /** Throws the collected problems as one ValidationException (or the given code). */
  throwIfAny(code = 'ValidationException'): void {
    if (this.list.length === 0) return;
    const count = `${this.list.length} validation error${this.list.length === 1 ? '' : 's'} detected`;
    throw new SimError(code, `${count}: ${this.list.join('; ')}`);
  }
}

/** Narrows list members that must be structures. */
export function asRecords(items: unknown[] | undefined): Record<string, unknown>[] {
  return (items ?? []).filter(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}
