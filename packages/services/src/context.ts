import type { Actor, RequestMeta } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';
import type { JobQueue } from './jobs/job-queue';

/** What every use case receives: the database, who acts, and where the request came from. */
export interface ServiceContext {
  db: PrismaClient;
  actor: Actor;
  request: RequestMeta;
  /** Present where the caller can enqueue work for the worker (web requests, the worker itself). */
  queue?: JobQueue;
}

/** The job queue of a context that must enqueue; its absence is a wiring bug, not a user error. */
export function requireQueue(ctx: ServiceContext): JobQueue {
  if (!ctx.queue) throw new Error('This operation enqueues a job, but no job queue was given to the service');
  return ctx.queue;
}

export function systemRequest(label: string): RequestMeta {
  return { ip: null, userAgent: label, requestId: crypto.randomUUID() };
}
