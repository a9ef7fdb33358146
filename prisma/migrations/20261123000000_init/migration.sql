-- CreateTable
CREATE TABLE "Property" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "propertyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" JSONB NOT NULL,
    "skills" JSONB NOT NULL,
    "buildings" JSONB NOT NULL,
    "roster" JSONB,
    "superiorId" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastAssignedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Staff_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Staff_superiorId_fkey" FOREIGN KEY ("superiorId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "boundAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffIdentity_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BindCode" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BindCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResidentIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "propertyId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT,
    "lastRoom" TEXT,
    "lastPlace" JSONB,
    "lastPhone" TEXT,
    "lang" TEXT NOT NULL DEFAULT 'zh',
    "unreachable" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ResidentIdentity_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "propertyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "category" TEXT,
    "nature" TEXT NOT NULL,
    "severity" TEXT,
    "domain" TEXT,
    "urgency" TEXT NOT NULL DEFAULT '一般',
    "room" TEXT,
    "building" TEXT,
    "unit" TEXT,
    "roomNo" TEXT,
    "location" TEXT,
    "phone" TEXT,
    "reporterName" TEXT,
    "description" TEXT NOT NULL,
    "appointmentAt" DATETIME,
    "asap" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT NOT NULL,
    "residentId" TEXT,
    "invalidReason" TEXT,
    "attachments" JSONB,
    "assigneeId" TEXT,
    "feeCharged" INTEGER,
    "receivedAt" DATETIME NOT NULL,
    "registeredAt" DATETIME,
    "dispatchedAt" DATETIME,
    "acceptedAt" DATETIME,
    "arrivedAt" DATETIME,
    "completedAt" DATETIME,
    "visitedAt" DATETIME,
    "closedAt" DATETIME,
    "cancelledAt" DATETIME,
    "firstReplyDueAt" DATETIME,
    "dispatchDueAt" DATETIME,
    "acceptDueAt" DATETIME,
    "arriveDueAt" DATETIME,
    "resolveDueAt" DATETIME,
    "callbackDueAt" DATETIME,
    "nextDueAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Ticket_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Ticket_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "ResidentIdentity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Ticket_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "why" JSONB,
    "offeredAt" DATETIME NOT NULL,
    "respondBy" DATETIME,
    "respondedAt" DATETIME,
    "notes" TEXT,
    "materials" JSONB,
    "fee" INTEGER,
    CONSTRAINT "Assignment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Assignment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Callback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 1,
    "stewardId" TEXT,
    "status" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindedAt" DATETIME,
    "remindCount" INTEGER NOT NULL DEFAULT 0,
    "satisfaction" TEXT,
    "timeliness" TEXT,
    "method" TEXT,
    "comment" TEXT,
    "residentRating" TEXT,
    "residentComment" TEXT,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Callback_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Callback_stewardId_fkey" FOREIGN KEY ("stewardId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "propertyId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "needsHuman" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationSession_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT '',
    "externalId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT,
    "receivedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "account" TEXT NOT NULL DEFAULT '',
    "recipient" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "inboundId" TEXT,
    "ticketId" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "propertyId" TEXT NOT NULL,
    "ticketId" TEXT,
    "type" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "channel" TEXT,
    "data" JSONB,
    "at" DATETIME NOT NULL,
    CONSTRAINT "Event_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Counter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StoredReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "propertyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StoredReport_propertyId_fkey" FOREIGN KEY ("propertyId") REFERENCES "Property" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Staff_propertyId_active_idx" ON "Staff"("propertyId", "active");

-- CreateIndex
CREATE INDEX "StaffIdentity_staffId_idx" ON "StaffIdentity"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffIdentity_channel_externalId_key" ON "StaffIdentity"("channel", "externalId");

-- CreateIndex
CREATE INDEX "ResidentIdentity_lastPhone_idx" ON "ResidentIdentity"("lastPhone");

-- CreateIndex
CREATE UNIQUE INDEX "ResidentIdentity_channel_externalId_key" ON "ResidentIdentity"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_number_key" ON "Ticket"("number");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_idx" ON "Ticket"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Ticket_nextDueAt_idx" ON "Ticket"("nextDueAt");

-- CreateIndex
CREATE INDEX "Ticket_propertyId_status_receivedAt_idx" ON "Ticket"("propertyId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "Ticket_residentId_status_idx" ON "Ticket"("residentId", "status");

-- CreateIndex
CREATE INDEX "Ticket_receivedAt_idx" ON "Ticket"("receivedAt");

-- CreateIndex
CREATE INDEX "Assignment_staffId_status_idx" ON "Assignment"("staffId", "status");

-- CreateIndex
CREATE INDEX "Assignment_status_respondBy_idx" ON "Assignment"("status", "respondBy");

-- CreateIndex
CREATE INDEX "Assignment_ticketId_idx" ON "Assignment"("ticketId");

-- CreateIndex
CREATE INDEX "Callback_status_dueAt_idx" ON "Callback"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Callback_ticketId_seq_key" ON "Callback"("ticketId", "seq");

-- CreateIndex
CREATE INDEX "ConversationSession_expiresAt_idx" ON "ConversationSession"("expiresAt");

-- CreateIndex
CREATE INDEX "ConversationSession_needsHuman_idx" ON "ConversationSession"("needsHuman");

-- CreateIndex
CREATE INDEX "InboundMessage_channel_userId_receivedAt_idx" ON "InboundMessage"("channel", "userId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_channel_account_externalId_key" ON "InboundMessage"("channel", "account", "externalId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_recipient_createdAt_idx" ON "OutboxMessage"("channel", "recipient", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_inboundId_idx" ON "OutboxMessage"("inboundId");

-- CreateIndex
CREATE INDEX "Event_ticketId_at_idx" ON "Event"("ticketId", "at");

-- CreateIndex
CREATE INDEX "Event_propertyId_type_at_idx" ON "Event"("propertyId", "type", "at");

-- CreateIndex
CREATE UNIQUE INDEX "StoredReport_propertyId_kind_period_key" ON "StoredReport"("propertyId", "kind", "period");

