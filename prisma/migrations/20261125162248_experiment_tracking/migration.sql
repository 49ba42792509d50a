-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED');

-- CreateTable
CREATE TABLE "Experiment" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "artifactLocation" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentTag" (
    "experimentId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ExperimentTag_pkey" PRIMARY KEY ("experimentId","key")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "experimentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "startTime" TIMESTAMPTZ(3) NOT NULL,
    "endTime" TIMESTAMPTZ(3),
    "createdById" UUID,
    "userName" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "gitCommit" TEXT NOT NULL DEFAULT '',
    "artifactUri" TEXT NOT NULL DEFAULT '',
    "datasetInputs" JSONB NOT NULL DEFAULT '[]',
    "deletedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunParam" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunParam_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunTag_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunLatestMetric" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,

    CONSTRAINT "RunLatestMetric_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "MetricPoint" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "step" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricPoint_pkey" PRIMARY KEY ("runId","key","step","timestamp","value")
);

-- CreateIndex
CREATE INDEX "Experiment_projectId_id_idx" ON "Experiment"("projectId", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_projectId_name_key" ON "Experiment"("projectId", "name");

-- CreateIndex
CREATE INDEX "Run_experimentId_startTime_id_idx" ON "Run"("experimentId", "startTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Run_projectId_id_idx" ON "Run"("projectId", "id" DESC);

-- CreateIndex
CREATE INDEX "RunLatestMetric_key_value_idx" ON "RunLatestMetric"("key", "value");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentTag" ADD CONSTRAINT "ExperimentTag_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunParam" ADD CONSTRAINT "RunParam_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTag" ADD CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLatestMetric" ADD CONSTRAINT "RunLatestMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
