import type pg from 'pg';
import { seedAuditChain } from '../seed-audit-chain';
import type { ScaleSpec } from './layout';
import type { Organisation } from './organisation';

/** `auditEvents` events across the teams as one valid hash chain, with the audit bench's bulk writer. */
export async function seedScaleAudit(
  client: pg.Client,
  spec: ScaleSpec,
  organisation: Organisation,
): Promise<void> {
  await seedAuditChain(client, spec.auditEvents, organisation.teamIds);
}
