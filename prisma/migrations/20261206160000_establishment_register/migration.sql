-- The national register of establishments, fed by imports staged then switched on (decision 043).
-- CreateTable
CREATE TABLE "EstablishmentImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "storedFileId" TEXT,
    "originalName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "heartbeatAt" DATETIME,
    "processedLines" INTEGER NOT NULL DEFAULT 0,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "problemCount" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "absent" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "EstablishmentImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EstablishmentImportProblem" (
    "importId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expected" TEXT NOT NULL,

    PRIMARY KEY ("importId", "seq"),
    CONSTRAINT "EstablishmentImportProblem_importId_fkey" FOREIGN KEY ("importId") REFERENCES "EstablishmentImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegisterEstablishment" (
    "importId" TEXT NOT NULL,
    "finessGeographique" TEXT NOT NULL,
    "finessJuridique" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalEntityName" TEXT NOT NULL,
    "departementCode" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "productId" TEXT,
    "grappeCode" TEXT,
    "waveRank" INTEGER,
    "line" INTEGER NOT NULL,
    "fingerprint" TEXT NOT NULL,

    PRIMARY KEY ("importId", "finessGeographique")
);

-- CreateTable
CREATE TABLE "EstablishmentRegister" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "currentImportId" TEXT
);

-- CreateIndex
CREATE INDEX "RegisterEstablishment_importId_departementCode_idx" ON "RegisterEstablishment"("importId", "departementCode");

-- CreateIndex
CREATE INDEX "RegisterEstablishment_importId_finessJuridique_idx" ON "RegisterEstablishment"("importId", "finessJuridique");


INSERT INTO "EstablishmentRegister" ("id", "currentImportId") VALUES ('national', NULL);
