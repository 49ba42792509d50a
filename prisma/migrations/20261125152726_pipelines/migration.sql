-- CreateEnum
CREATE TYPE "PipelineKind" AS ENUM ('CODEPIPELINE', 'SAGEMAKER');

-- CreateEnum
CREATE TYPE "PipelineRunStatus" AS ENUM ('STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'STOPPED', 'TIMED_OUT');

-- CreateTable
CREATE TABLE "Pipeline" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "kind" "PipelineKind" NOT NULL,
    "awsPipelineName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Pipeline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PipelineRun" (
    "id" UUID NOT NULL,
    "pipelineId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "requestedById" UUID,
    "status" "PipelineRunStatus" NOT NULL DEFAULT 'STARTING',
    "awsExecutionId" TEXT,
    "statusReason" TEXT,
    "pollCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "lastPolledAt" TIMESTAMPTZ(3),

    CONSTRAINT "PipelineRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Pipeline_projectId_id_idx" ON "Pipeline"("projectId", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Pipeline_projectId_kind_awsPipelineName_key" ON "Pipeline"("projectId", "kind", "awsPipelineName");

-- CreateIndex
CREATE INDEX "PipelineRun_pipelineId_id_idx" ON "PipelineRun"("pipelineId", "id" DESC);

-- CreateIndex
CREATE INDEX "PipelineRun_status_idx" ON "PipelineRun"("status");

-- AddForeignKey
ALTER TABLE "Pipeline" ADD CONSTRAINT "Pipeline_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pipeline" ADD CONSTRAINT "Pipeline_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_pipelineId_fkey" FOREIGN KEY ("pipelineId") REFERENCES "Pipeline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
