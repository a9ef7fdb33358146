-- The resident's own words, verbatim, beside the cleaned description staff read

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "said" TEXT;

-- A staff member's language: the texts they are sent (zh, or en)
ALTER TABLE "Staff" ADD COLUMN "lang" TEXT NOT NULL DEFAULT 'zh';
