import type { Actor, RequestMeta } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';

/** What every use case receives: the database, who acts, and where the request came from. */
export interface ServiceContext {
  db: PrismaClient;
  actor: Actor;
  request: RequestMeta;
}

export function systemRequest(label: string): RequestMeta {
  return { ip: null, userAgent: label, requestId: crypto.randomUUID() };
}
