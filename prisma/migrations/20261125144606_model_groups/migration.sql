-- CreateEnum
CREATE TYPE "MirrorStatus" AS ENUM ('PENDING', 'READY', 'FAILED');

-- CreateTable
CREATE TABLE "ModelGroup" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "awsStatus" "MirrorStatus" NOT NULL DEFAULT 'PENDING',
    "awsName" TEXT NOT NULL,
    "awsArn" TEXT,
    "awsError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awsSyncedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ModelGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelGroup_awsName_key" ON "ModelGroup"("awsName");

-- CreateIndex
CREATE INDEX "ModelGroup_projectId_id_idx" ON "ModelGroup"("projectId", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ModelGroup_projectId_name_key" ON "ModelGroup"("projectId", "name");

-- AddForeignKey
ALTER TABLE "ModelGroup" ADD CONSTRAINT "ModelGroup_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelGroup" ADD CONSTRAINT "ModelGroup_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
