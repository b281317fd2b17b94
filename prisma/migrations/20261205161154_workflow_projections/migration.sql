-- CreateTable
CREATE TABLE "WorkflowTag" (
    "workflowId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("workflowId", "tag"),
    CONSTRAINT "WorkflowTag_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkflowField" (
    "workflowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT,

    PRIMARY KEY ("workflowId", "name"),
    CONSTRAINT "WorkflowField_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WorkflowTag_tag_workflowId_idx" ON "WorkflowTag"("tag", "workflowId");

-- CreateIndex
CREATE INDEX "WorkflowField_name_value_idx" ON "WorkflowField"("name", "value");

-- Backfill (decision 017): the projection of every existing workflow, as the engine computes
-- it, from the status and the snapshot. Tags of the machines' states at machine version 1.
WITH "stateTags" ("type", "status", "tag") AS (
  VALUES
    ('reprise', 'demandee', 'ouverte'),
    ('reprise', 'demandee', 'aInscrire'),
    ('reprise', 'demandee', 'sansDate'),
    ('reprise', 'transmise', 'ouverte'),
    ('reprise', 'transmise', 'aInscrire'),
    ('reprise', 'transmise', 'sansDate'),
    ('reprise', 'transmise', 'attenteEtat'),
    ('reprise', 'contreProposition', 'ouverte'),
    ('reprise', 'contreProposition', 'aInscrire'),
    ('reprise', 'contreProposition', 'sansDate'),
    ('reprise', 'datee', 'ouverte'),
    ('reprise', 'datee', 'aInscrire'),
    ('reprise', 'extraite', 'ouverte'),
    ('reprise', 'expediee', 'ouverte'),
    ('reprise', 'enValidation', 'ouverte'),
    ('reprise', 'enValidation', 'attenteValidation'),
    ('action', 'aFaire', 'ouverte'),
    ('action', 'enCours', 'ouverte'),
    ('groupe', 'propose', 'enConstitution'),
    ('groupe', 'lettreRedigee', 'enConstitution'),
    ('rfc-cycle', 'brouillon', 'enCours'),
    ('rfc-cycle', 'ouvert', 'enCours'),
    ('rfc-cycle', 'clos', 'enCours')
)
INSERT INTO "WorkflowTag" ("workflowId", "tag")
SELECT w."id", t."tag" FROM "WorkflowInstance" w
JOIN "stateTags" t ON t."type" = w."type" AND t."status" = w."status";

-- The fields each definition projects from its context (all strings or null).
WITH "projectedFields" ("type", "name") AS (
  VALUES
    ('reprise', 'campaignMonth'),
    ('reprise', 'answerDeadline'),
    ('reprise', 'finalDate'),
    ('reprise', 'validationDeadline'),
    ('action', 'dueOn'),
    ('groupe', 'validatedAt'),
    ('rfc-cycle', 'deadline')
)
INSERT INTO "WorkflowField" ("workflowId", "name", "value")
SELECT w."id", f."name", json_extract(w."snapshot", '$.context.' || f."name") FROM "WorkflowInstance" w
JOIN "projectedFields" f ON f."type" = w."type";
