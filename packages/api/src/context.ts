import type { Actor, RequestMeta } from '@cairn/core/actor';
import type { AuditKeys } from '@cairn/db/audit-keys';
import type { PrismaClient } from '@cairn/db/client';
import {
  resolveSessionUser,
  type SessionClaims,
  type SessionUser,
} from '@cairn/services/auth/resolve-session-user';
import type { JobQueue } from '@cairn/services/jobs/job-queue';

export interface ApiContext {
  db: PrismaClient;
  request: RequestMeta;
  /** The signed-in user, re-read from the database on every request; null when signed out. */
  session: SessionUser | null;
  actor: Actor;
  /** For procedures that hand work to the worker. */
  queue?: JobQueue;
  /** The role Cairn's worker runs as (CAIRN_WORKER_ROLE_ARN), which team roles must trust. */
  awsWorkerRoleArn?: string | null;
  /** Public keys that verify audit checkpoints (never the signing key: the web does not sign). */
  auditKeys?: AuditKeys;
}

export async function createContext(options: {
  db: PrismaClient;
  session: SessionClaims | null;
  request: RequestMeta;
  queue?: JobQueue;
  awsWorkerRoleArn?: string | null;
  auditKeys?: AuditKeys;
}): Promise<ApiContext> {
  const session = await resolveSessionUser(options.db, options.session);
  return {
    db: options.db,
    request: options.request,
    session,
    actor: session?.actor ?? { kind: 'anonymous', label: 'anonymous' },
    ...(options.queue ? { queue: options.queue } : {}),
    awsWorkerRoleArn: options.awsWorkerRoleArn ?? null,
    ...(options.auditKeys ? { auditKeys: options.auditKeys } : {}),
  };
}
