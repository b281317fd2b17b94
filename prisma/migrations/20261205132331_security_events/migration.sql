-- AlterTable
ALTER TABLE "Session" ADD COLUMN "reauthenticatedAt" DATETIME;

-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" TEXT,
    "label" TEXT NOT NULL,
    "organisationId" TEXT,
    "ip" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "last" TEXT
);

-- CreateTable
CREATE TABLE "RfcCommentRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "change" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT,
    "kind" TEXT,
    "disposition" TEXT,
    "dispositionReply" TEXT,
    CONSTRAINT "RfcCommentRevision_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "RfcComment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SecurityEvent_hour_idx" ON "SecurityEvent"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "SecurityEvent_kind_subject_ip_hour_detail_key" ON "SecurityEvent"("kind", "subject", "ip", "hour", "detail");

-- CreateIndex
CREATE INDEX "RfcCommentRevision_commentId_at_idx" ON "RfcCommentRevision"("commentId", "at");

-- The comments' edit, deletion and disposition history so far lived only in the audit log's
-- data. Copy it into the comments' own table. The audit entries themselves stay: they are
-- hash-chained and append-only (triggers), so rewriting them would break the chain
-- (decision 015); the journal pages no longer show their text.
INSERT INTO "RfcCommentRevision" ("id", "commentId", "at", "change", "authorId", "body")
SELECT 'audit-' || a."seq", a."entityId", a."at", 'modification', a."actorId", json_extract(a."data", '$.avant')
FROM "AuditEntry" a JOIN "RfcComment" c ON c."id" = a."entityId"
WHERE a."entityType" = 'RfcComment' AND a."action" = 'rfc-commentaire-modifie' AND json_valid(a."data");

INSERT INTO "RfcCommentRevision" ("id", "commentId", "at", "change", "authorId", "body")
SELECT 'audit-' || a."seq", a."entityId", a."at", 'suppression', a."actorId", json_extract(a."data", '$.texte')
FROM "AuditEntry" a JOIN "RfcComment" c ON c."id" = a."entityId"
WHERE a."entityType" = 'RfcComment' AND a."action" = 'rfc-commentaire-supprime' AND json_valid(a."data");

INSERT INTO "RfcCommentRevision" ("id", "commentId", "at", "change", "authorId", "disposition", "dispositionReply")
SELECT 'audit-' || a."seq", a."entityId", a."at", 'disposition', a."actorId", json_extract(a."data", '$.avant.disposition'), json_extract(a."data", '$.avant.reponse')
FROM "AuditEntry" a JOIN "RfcComment" c ON c."id" = a."entityId"
WHERE a."entityType" = 'RfcComment' AND a."action" = 'rfc-disposition-revisee' AND json_valid(a."data")
  AND json_type(a."data", '$.avant') = 'object';
