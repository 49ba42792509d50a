import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient } from './generated/prisma/client';

/** A client or an interactive transaction: what services and the audit writer accept. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

export interface CreateClientOptions {
  connectionString: string;
  /** Pool size per process; web and worker scale horizontally, so keep it modest. */
  maxConnections?: number;
}

export function createPrismaClient({ connectionString, maxConnections = 10 }: CreateClientOptions) {
  const adapter = new PrismaPg({ connectionString, max: maxConnections });
  return new PrismaClient({ adapter });
}
