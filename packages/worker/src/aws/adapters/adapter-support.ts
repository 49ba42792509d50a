import type { AwsCaller } from '../audited-call';
import { classifyAwsError } from '../aws-errors';

/** What an adapter needs: the team's SDK client and the audited way to send through it. */
export interface AdapterContext<Client> {
  client: Client;
  call: AwsCaller;
}

/** Marks a Create* result that describes a resource an earlier attempt of the job created. */
export interface Adoptable {
  isAdopted: boolean;
}

/**
 * Creates a resource under its derived name; if an earlier attempt already did (the worker crashed
 * after the call, before recording it), describes the existing one and carries on with it.
 */
export async function createOrAdopt<T>(
  create: () => Promise<T>,
  describe: () => Promise<T>,
): Promise<T & Adoptable> {
  try {
    return { ...(await create()), isAdopted: false };
  } catch (error) {
    if (classifyAwsError(error).kind !== 'already-exists') throw error;
    return { ...(await describe()), isAdopted: true };
  }
}

/** A Describe*'s answer for a resource that is gone is null, not an exception. */
export async function orNullIfNotFound<T>(describe: () => Promise<T>): Promise<T | null> {
  try {
    return await describe();
  } catch (error) {
    if (classifyAwsError(error).kind === 'not-found') return null;
    throw error;
  }
}

/** Turns a plain record into the SDK's tag list. */
export function toAwsTags(tags: Record<string, string> | undefined) {
  return tags ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined;
}

/** Adapters hand back what AWS returned; an answer missing a documented member is a bug to surface. */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`AWS response is missing ${what}`);
  return value;
}
