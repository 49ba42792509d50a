-- CreateEnum
CREATE TYPE "DeploymentType" AS ENUM ('REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('PENDING', 'CREATING', 'UPDATING', 'IN_SERVICE', 'ROLLING_BACK', 'UPDATE_ROLLBACK_FAILED', 'FAILED', 'SUCCEEDED', 'DELETING', 'DELETED', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "Environment" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" "ReleaseEnvironment" NOT NULL,
    "region" TEXT NOT NULL,
    "roleArnOverride" TEXT,
    "requiresStagingFirst" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "environmentId" UUID NOT NULL,
    "modelVersionId" UUID NOT NULL,
    "type" "DeploymentType" NOT NULL,
    "spec" JSONB NOT NULL,
    "status" "DeploymentStatus" NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "awsResourceName" TEXT NOT NULL,
    "awsResourceArn" TEXT,
    "endpointConfigName" TEXT,
    "previousDeploymentId" UUID,
    "predictedMonthlyUsd" DECIMAL(12,2) NOT NULL,
    "budgetOverrideById" UUID,
    "budgetOverrideReason" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inServiceAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endReason" TEXT,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeploymentEvent" (
    "id" UUID NOT NULL,
    "deploymentId" UUID NOT NULL,
    "status" "DeploymentStatus" NOT NULL,
    "awsStatus" TEXT,
    "detail" TEXT,
    "trafficPercent" INTEGER,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Environment_projectId_name_key" ON "Environment"("projectId", "name");

-- CreateIndex
CREATE INDEX "Deployment_projectId_id_idx" ON "Deployment"("projectId", "id" DESC);

-- CreateIndex
CREATE INDEX "Deployment_environmentId_awsResourceName_idx" ON "Deployment"("environmentId", "awsResourceName");

-- CreateIndex
CREATE INDEX "Deployment_modelVersionId_idx" ON "Deployment"("modelVersionId");

-- CreateIndex
CREATE INDEX "Deployment_status_idx" ON "Deployment"("status");

-- CreateIndex
CREATE INDEX "DeploymentEvent_deploymentId_occurredAt_idx" ON "DeploymentEvent"("deploymentId", "occurredAt");

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentEvent" ADD CONSTRAINT "DeploymentEvent_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every existing project gets its three environments in the team's region.
INSERT INTO "Environment" ("id", "teamId", "projectId", "name", "region", "requiresStagingFirst")
SELECT gen_random_uuid(), p."teamId", p."id", e.name::"ReleaseEnvironment", t."awsRegion", e.name = 'PROD'
FROM "Project" p
JOIN "Team" t ON t."id" = p."teamId"
CROSS JOIN (VALUES ('DEV'), ('STAGING'), ('PROD')) AS e(name);
