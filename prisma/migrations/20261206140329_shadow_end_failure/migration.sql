-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "shadowEndFailure" TEXT;
