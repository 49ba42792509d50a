-- CreateEnum
CREATE TYPE "ModelApprovalStatus" AS ENUM ('PENDING_MANUAL_APPROVAL', 'APPROVED', 'REJECTED');

-- AlterTable
ALTER TABLE "ModelGroup" ADD COLUMN     "versionCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "modelGroupId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "runId" UUID NOT NULL,
    "artifactUri" TEXT NOT NULL,
    "inferenceImageUri" TEXT NOT NULL,
    "framework" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "modelCard" JSONB NOT NULL DEFAULT '{}',
    "capturedMetrics" JSONB NOT NULL DEFAULT '{}',
    "approvalStatus" "ModelApprovalStatus" NOT NULL DEFAULT 'PENDING_MANUAL_APPROVAL',
    "artifactRevision" INTEGER NOT NULL DEFAULT 1,
    "awsStatus" "MirrorStatus" NOT NULL DEFAULT 'PENDING',
    "awsArn" TEXT,
    "awsError" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awsSyncedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelVersion_runId_idx" ON "ModelVersion"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_modelGroupId_version_key" ON "ModelVersion"("modelGroupId", "version");

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_modelGroupId_fkey" FOREIGN KEY ("modelGroupId") REFERENCES "ModelGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
