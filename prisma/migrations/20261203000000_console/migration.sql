
-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "alsoProperties" JSONB;
ALTER TABLE "Staff" ADD COLUMN "login" TEXT;
ALTER TABLE "Staff" ADD COLUMN "passwordHash" TEXT;

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT,
    "csrf" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "ConsoleSession_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "SignInLink_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConsoleSession_expiresAt_idx" ON "ConsoleSession"("expiresAt");

-- CreateIndex
CREATE INDEX "ConsoleSession_staffId_idx" ON "ConsoleSession"("staffId");

-- CreateIndex
CREATE INDEX "SignInLink_staffId_idx" ON "SignInLink"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_login_key" ON "Staff"("login");

-- CreateIndex
CREATE INDEX "Ticket_propertyId_updatedAt_idx" ON "Ticket"("propertyId", "updatedAt");

