-- CreateTable
CREATE TABLE "MetricChartCache" (
    "runId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "maxPoints" INTEGER NOT NULL,
    "pointCount" INTEGER NOT NULL,
    "lastStep" BIGINT NOT NULL,
    "lastTimestamp" BIGINT NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "steps" DOUBLE PRECISION[],
    "timestamps" DOUBLE PRECISION[],
    "values" DOUBLE PRECISION[],
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MetricChartCache_pkey" PRIMARY KEY ("runId","key","maxPoints")
);
