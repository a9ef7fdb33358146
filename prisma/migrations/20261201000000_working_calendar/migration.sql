-- The property's clock: holds that stop a ticket's clock, and residents' urges (催单)

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "holdDueAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "pausedMs" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Ticket" ADD COLUMN "holdReason" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "holdFrom" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "urges" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Ticket" ADD COLUMN "lastUrgedAt" DATETIME;
