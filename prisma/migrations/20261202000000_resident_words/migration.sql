-- The resident's own words, verbatim, beside the cleaned description staff read

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "said" TEXT;
