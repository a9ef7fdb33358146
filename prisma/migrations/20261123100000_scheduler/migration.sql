-- Deadline sweep, callbacks and outbox claims (scheduler)

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "escalations" JSONB;
ALTER TABLE "Ticket" ADD COLUMN "reopenedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "quoteFen" INTEGER;
ALTER TABLE "Ticket" ADD COLUMN "quoteNote" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "quoteStatus" TEXT;

-- AlterTable
ALTER TABLE "Callback" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'first';
ALTER TABLE "Callback" ADD COLUMN "nextAt" DATETIME;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Callback_nextAt_idx" ON "Callback"("nextAt");
