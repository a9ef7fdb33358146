-- CreateTable
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "propertyId" TEXT NOT NULL,
    "residentKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stewardId" TEXT,
    "stewardName" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "answerDueAt" TIMESTAMP(3) NOT NULL,
    "escalatedAt" TIMESTAMP(3),
    "takenAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endedBy" TEXT,
    "rating" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Handoff_propertyId_seq_key" ON "Handoff"("propertyId", "seq");

-- CreateIndex
CREATE INDEX "Handoff_residentKey_status_idx" ON "Handoff"("residentKey", "status");

-- CreateIndex
CREATE INDEX "Handoff_stewardId_status_idx" ON "Handoff"("stewardId", "status");

-- CreateIndex
CREATE INDEX "Handoff_status_answerDueAt_idx" ON "Handoff"("status", "answerDueAt");
