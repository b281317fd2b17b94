-- CreateTable
CREATE TABLE "WorkGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "pilotOrganisationId" TEXT,
    "missionLetter" TEXT NOT NULL DEFAULT '{"type":"doc","content":[]}',
    "letterDueOn" TEXT,
    "letterUpdatedAt" DATETIME,
    "distributionLists" TEXT NOT NULL DEFAULT '["MEMBRES"]',
    "vendorsJoin" TEXT NOT NULL DEFAULT 'JAMAIS',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkGroup_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkGroup_pilotOrganisationId_fkey" FOREIGN KEY ("pilotOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkGroupMember" (
    "groupId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("groupId", "organisationId"),
    CONSTRAINT "WorkGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkGroupMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deliverable" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "validationDays" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Deliverable_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL,
    "minutes" TEXT NOT NULL DEFAULT '{"type":"doc","content":[]}',
    "decisions" TEXT NOT NULL DEFAULT '{"type":"doc","content":[]}',
    "createdById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingAttendee" (
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("meetingId", "userId"),
    CONSTRAINT "MeetingAttendee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingAttendee_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "meetingId" TEXT,
    "workflowId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActionItem_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActionItem_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItemOrganisation" (
    "actionItemId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    PRIMARY KEY ("actionItemId", "organisationId"),
    CONSTRAINT "ActionItemOrganisation_actionItemId_fkey" FOREIGN KEY ("actionItemId") REFERENCES "ActionItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionItemOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rfc" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'EN_COURS',
    "adoptedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Rfc_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "WorkGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RfcVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rfcId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "changeNote" TEXT NOT NULL DEFAULT '',
    "workflowId" TEXT NOT NULL,
    "deadline" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RfcVersion_rfcId_fkey" FOREIGN KEY ("rfcId") REFERENCES "Rfc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RfcVersion_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RfcInvitation" (
    "versionId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    PRIMARY KEY ("versionId", "organisationId"),
    CONSTRAINT "RfcInvitation_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RfcVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RfcInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RfcComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT,
    "body" TEXT NOT NULL,
    "anchorFrom" INTEGER,
    "anchorTo" INTEGER,
    "anchorQuote" TEXT,
    "anchorPrefix" TEXT,
    "anchorSuffix" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "disposition" TEXT,
    "dispositionReply" TEXT,
    "disposedAt" DATETIME,
    "disposedById" TEXT,
    CONSTRAINT "RfcComment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RfcVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RfcComment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "RfcComment" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RfcComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RfcComment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RfcPosition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rfcId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "recordedById" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "RfcPosition_rfcId_fkey" FOREIGN KEY ("rfcId") REFERENCES "Rfc" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RfcPosition_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: no need to rebuild the table)
ALTER TABLE "User" ADD COLUMN "rfcDigest" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "WorkGroup_code_key" ON "WorkGroup"("code");

-- CreateIndex
CREATE UNIQUE INDEX "WorkGroup_workflowId_key" ON "WorkGroup"("workflowId");

-- CreateIndex
CREATE INDEX "WorkGroupMember_organisationId_idx" ON "WorkGroupMember"("organisationId");

-- CreateIndex
CREATE INDEX "Deliverable_groupId_idx" ON "Deliverable"("groupId");

-- CreateIndex
CREATE INDEX "Deliverable_dueOn_idx" ON "Deliverable"("dueOn");

-- CreateIndex
CREATE INDEX "Meeting_groupId_startsAt_idx" ON "Meeting"("groupId", "startsAt");

-- CreateIndex
CREATE INDEX "Meeting_startsAt_idx" ON "Meeting"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_workflowId_key" ON "ActionItem"("workflowId");

-- CreateIndex
CREATE INDEX "ActionItem_groupId_idx" ON "ActionItem"("groupId");

-- CreateIndex
CREATE INDEX "ActionItem_dueOn_idx" ON "ActionItem"("dueOn");

-- CreateIndex
CREATE INDEX "ActionItemOrganisation_organisationId_idx" ON "ActionItemOrganisation"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Rfc_number_key" ON "Rfc"("number");

-- CreateIndex
CREATE INDEX "Rfc_groupId_idx" ON "Rfc"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Rfc_year_seq_key" ON "Rfc"("year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RfcVersion_workflowId_key" ON "RfcVersion"("workflowId");

-- CreateIndex
CREATE INDEX "RfcVersion_deadline_idx" ON "RfcVersion"("deadline");

-- CreateIndex
CREATE UNIQUE INDEX "RfcVersion_rfcId_number_key" ON "RfcVersion"("rfcId", "number");

-- CreateIndex
CREATE INDEX "RfcInvitation_organisationId_idx" ON "RfcInvitation"("organisationId");

-- CreateIndex
CREATE INDEX "RfcComment_versionId_createdAt_idx" ON "RfcComment"("versionId", "createdAt");

-- CreateIndex
CREATE INDEX "RfcComment_organisationId_idx" ON "RfcComment"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "RfcPosition_rfcId_organisationId_key" ON "RfcPosition"("rfcId", "organisationId");
