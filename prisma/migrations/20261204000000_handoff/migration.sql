-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "propertyId" TEXT NOT NULL,
    "residentKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stewardId" TEXT,
    "stewardName" TEXT,
    "requestedAt" DATETIME NOT NULL,
    "answerDueAt" DATETIME NOT NULL,
    "escalatedAt" DATETIME,
    "takenAt" DATETIME,
    "endedAt" DATETIME,
    "endedBy" TEXT,
    "rating" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_propertyId_seq_key" ON "Handoff"("propertyId", "seq");

-- CreateIndex
CREATE INDEX "Handoff_residentKey_status_idx" ON "Handoff"("residentKey", "status");

-- CreateIndex
CREATE INDEX "Handoff_stewardId_status_idx" ON "Handoff"("stewardId", "status");

-- CreateIndex
CREATE INDEX "Handoff_status_answerDueAt_idx" ON "Handoff"("status", "answerDueAt");
