-- CreateEnum
CREATE TYPE "CostResourceKind" AS ENUM ('ENDPOINT_INSTANCE', 'SERVERLESS', 'TRANSFORM', 'PIPELINE');

-- CreateEnum
CREATE TYPE "CostSource" AS ENUM ('ESTIMATE', 'COST_EXPLORER');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "permissionBoundaryNote" TEXT;

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "headSeq" BIGINT NOT NULL,
    "headHash" TEXT NOT NULL,
    "prevSignature" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID,
    "monthlyUsd" DECIMAL(12,2) NOT NULL,
    "thresholdsPercent" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "ownerId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetThresholdCrossing" (
    "id" UUID NOT NULL,
    "budgetId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "thresholdPercent" INTEGER NOT NULL,
    "spentUsd" DECIMAL(14,2) NOT NULL,
    "budgetUsd" DECIMAL(12,2) NOT NULL,
    "crossedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetThresholdCrossing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostEntry" (
    "id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID,
    "deploymentId" UUID,
    "resourceKind" "CostResourceKind" NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(16,4) NOT NULL,
    "unit" TEXT NOT NULL,
    "amountUsd" DECIMAL(14,4) NOT NULL,
    "source" "CostSource" NOT NULL DEFAULT 'ESTIMATE',
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_createdAt_idx" ON "AuditCheckpoint"("createdAt");

-- CreateIndex
CREATE INDEX "Budget_teamId_idx" ON "Budget"("teamId");

-- CreateIndex
CREATE INDEX "BudgetThresholdCrossing_teamId_crossedAt_idx" ON "BudgetThresholdCrossing"("teamId", "crossedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetThresholdCrossing_budgetId_month_thresholdPercent_key" ON "BudgetThresholdCrossing"("budgetId", "month", "thresholdPercent");

-- CreateIndex
CREATE INDEX "CostEntry_day_teamId_idx" ON "CostEntry"("day", "teamId");

-- CreateIndex
CREATE INDEX "CostEntry_teamId_day_idx" ON "CostEntry"("teamId", "day");

-- CreateIndex
CREATE INDEX "CostEntry_projectId_day_idx" ON "CostEntry"("projectId", "day");

-- CreateIndex
CREATE INDEX "CostEntry_deploymentId_day_idx" ON "CostEntry"("deploymentId", "day");

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetThresholdCrossing" ADD CONSTRAINT "BudgetThresholdCrossing_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntry" ADD CONSTRAINT "CostEntry_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- At most one team-wide budget per team and one budget per project.
CREATE UNIQUE INDEX "Budget_team_wide_key" ON "Budget"("teamId") WHERE "projectId" IS NULL;
CREATE UNIQUE INDEX "Budget_projectId_key" ON "Budget"("projectId") WHERE "projectId" IS NOT NULL;

-- The team's monthly budget moves from the team row to its team-wide budget.
INSERT INTO "Budget" ("id", "teamId", "monthlyUsd", "createdAt", "updatedAt")
SELECT gen_random_uuid(), "id", "monthlyBudgetUsd", now(), now()
FROM "Team" WHERE "monthlyBudgetUsd" IS NOT NULL;

ALTER TABLE "Team" DROP COLUMN "monthlyBudgetUsd";

-- Checkpoints are append-only like the trail they sign.
CREATE TRIGGER audit_checkpoint_no_update_delete
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
