import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Every collection that survives a restart, by a stable name. */
export type PersistedCollections = Record<string, Map<unknown, unknown> | Set<unknown>>;

const FORMAT_VERSION = 1;

function encode(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value.values()] };
  return value;
}

/** Dates are revived by shape: AssumeRole expirations are the only Date objects the sim keeps. */
function decode(key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.$map)) return new Map(record.$map as [unknown, unknown][]);
    if (Array.isArray(record.$set)) return new Set(record.$set);
  }
  if (key === 'expiration' && typeof value === 'string') return new Date(value);
  return value;
}

/**
 * Keeps the sim's state in one JSON file so the demo's endpoints, packages and sessions survive a
 * restart. Writes are debounced and atomic (temp file + rename), so a crash never leaves half a file.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly collections: PersistedCollections,
  ) {}

  /** Loads a previous run's state into the (empty) collections; a missing file is a fresh start. */
  load(): void {
    if (!existsSync(this.path)) return;
    const parsed = JSON.parse(readFileSync(this.path, 'utf8'), decode) as {
      version?: number;
      collections?: Record<string, unknown>;
    };
    if (parsed.version !== FORMAT_VERSION) {
      throw new Error(
        `${this.path} has state format ${parsed.version}; this aws-sim reads ${FORMAT_VERSION}`,
      );
    }
    for (const [name, target] of Object.entries(this.collections)) {
      const saved = parsed.collections?.[name];
      target.clear();
      if (target instanceof Map && saved instanceof Map) {
        for (const [key, value] of saved) target.set(key, value);
      } else if (target instanceof Set && saved instanceof Set) {
        for (const value of saved) target.add(value);
      }
    }
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), 100);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const body = JSON.stringify(
      { version: FORMAT_VERSION, savedAt: new Date().toISOString(), collections: this.collections },
      encode,
    );
    writeFileSync(temporary, body);
    renameSync(temporary, this.path);
  }
}
