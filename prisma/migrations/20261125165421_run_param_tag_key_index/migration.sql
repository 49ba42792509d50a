-- CreateIndex
CREATE INDEX "RunParam_key_idx" ON "RunParam"("key");

-- CreateIndex
CREATE INDEX "RunTag_key_idx" ON "RunTag"("key");
