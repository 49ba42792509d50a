-- CreateEnum
CREATE TYPE "AwsCheckStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "AwsAccessCheck" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "requestedById" UUID,
    "roleArn" TEXT,
    "status" "AwsCheckStatus" NOT NULL DEFAULT 'PENDING',
    "assumedArn" TEXT,
    "account" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "awsRequestId" TEXT,
    "jobId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AwsAccessCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AwsAccessCheck_teamId_id_idx" ON "AwsAccessCheck"("teamId", "id" DESC);

-- AddForeignKey
ALTER TABLE "AwsAccessCheck" ADD CONSTRAINT "AwsAccessCheck_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
