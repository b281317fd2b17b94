-- CreateTable
CREATE TABLE "AvenantSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "signedOn" TEXT NOT NULL,
    "signatoryName" TEXT NOT NULL,
    "signatoryFunction" TEXT NOT NULL,
    "designatedByCommission" BOOLEAN NOT NULL,
    "requestDeadline" TEXT NOT NULL,
    "consultationToolDeliveredOn" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AvenantSignature_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepriseRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "signatureId" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "departementCode" TEXT NOT NULL,
    "requestDate" TEXT NOT NULL,
    "desiredDate" TEXT NOT NULL,
    "contactName" TEXT NOT NULL,
    "contactFunction" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "coordinatorNote" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RepriseRequest_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepriseRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepriseRequest_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "AvenantSignature" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepriseCampaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "month" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "dispatchedAt" DATETIME NOT NULL,
    "dispatchedById" TEXT,
    "early" BOOLEAN NOT NULL DEFAULT false,
    "answerDeadline" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "RepriseCampaignItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "carriedOver" BOOLEAN NOT NULL,
    "replay" BOOLEAN NOT NULL,
    "centre" TEXT,
    CONSTRAINT "RepriseCampaignItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "RepriseCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RepriseCampaignItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "RepriseRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RepriseCampaignFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    CONSTRAINT "RepriseCampaignFile_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "RepriseCampaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AvenantSignature_organisationId_application_key" ON "AvenantSignature"("organisationId", "application");

-- CreateIndex
CREATE UNIQUE INDEX "RepriseRequest_reference_key" ON "RepriseRequest"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "RepriseRequest_workflowId_key" ON "RepriseRequest"("workflowId");

-- CreateIndex
CREATE INDEX "RepriseRequest_application_priority_idx" ON "RepriseRequest"("application", "priority");

-- CreateIndex
CREATE INDEX "RepriseRequest_organisationId_idx" ON "RepriseRequest"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "RepriseCampaign_month_application_key" ON "RepriseCampaign"("month", "application");

-- CreateIndex
CREATE UNIQUE INDEX "RepriseCampaignItem_campaignId_requestId_key" ON "RepriseCampaignItem"("campaignId", "requestId");

-- CreateIndex
CREATE INDEX "RepriseCampaignFile_campaignId_scope_idx" ON "RepriseCampaignFile"("campaignId", "scope");
