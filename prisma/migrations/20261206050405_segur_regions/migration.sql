-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "LegalEntity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "finess" TEXT,
    "name" TEXT NOT NULL,
    "serviceEmail" TEXT,
    "departementCode" TEXT,
    "organisationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LegalEntity_departementCode_fkey" FOREIGN KEY ("departementCode") REFERENCES "Departement" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "LegalEntity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "finess" TEXT,
    "legalEntityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departementCode" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "serviceEmail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Site_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Site_departementCode_fkey" FOREIGN KEY ("departementCode") REFERENCES "Departement" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SoftwareProduct" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "vendorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sonsReferencedVersion" TEXT,
    "sonsReferencedOn" TEXT,
    CONSTRAINT "SoftwareProduct_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurPilot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "departementCode" TEXT,
    "startsOn" TEXT,
    "endsOn" TEXT,
    "productId" TEXT,
    "grappeId" TEXT,
    "workflowId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SegurPilot_departementCode_fkey" FOREIGN KEY ("departementCode") REFERENCES "Departement" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurPilot_productId_fkey" FOREIGN KEY ("productId") REFERENCES "SoftwareProduct" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurPilot_grappeId_fkey" FOREIGN KEY ("grappeId") REFERENCES "Grappe" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurPilot_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurPilotOrganisation" (
    "pilotId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("pilotId", "organisationId", "role"),
    CONSTRAINT "SegurPilotOrganisation_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "SegurPilot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SegurPilotOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurPilotSite" (
    "pilotId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "waveId" TEXT,

    PRIMARY KEY ("pilotId", "siteId"),
    CONSTRAINT "SegurPilotSite_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "SegurPilot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SegurPilotSite_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurPilotSite_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "GrappeWave" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pilotId" TEXT NOT NULL,
    "organisationId" TEXT,
    "name" TEXT NOT NULL,
    "function" TEXT NOT NULL,
    "email" TEXT,
    CONSTRAINT "SegurContact_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "SegurPilot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SegurContact_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Grappe" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "regionCode" TEXT,
    "steeringCommittee" TEXT NOT NULL DEFAULT '',
    "amo" TEXT NOT NULL DEFAULT '',
    "digitalMediator" TEXT NOT NULL DEFAULT '',
    "peopleSupported" INTEGER,
    "esmsApplicationOn" TEXT,
    "esmsNotificationOn" TEXT,
    "esmsPayments" TEXT NOT NULL DEFAULT '',
    "esmsUsageTargets" TEXT NOT NULL DEFAULT '',
    "gradesOrganisationId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Grappe_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Grappe_gradesOrganisationId_fkey" FOREIGN KEY ("gradesOrganisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrappeLegalEntity" (
    "grappeId" TEXT NOT NULL,
    "legalEntityId" TEXT NOT NULL,
    "peopleSupported" INTEGER,

    PRIMARY KEY ("grappeId", "legalEntityId"),
    CONSTRAINT "GrappeLegalEntity_grappeId_fkey" FOREIGN KEY ("grappeId") REFERENCES "Grappe" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GrappeLegalEntity_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GrappeWave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grappeId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" TEXT,
    CONSTRAINT "GrappeWave_grappeId_fkey" FOREIGN KEY ("grappeId") REFERENCES "Grappe" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DesignatedPerson" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "legalEntityId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" TEXT,
    "designatedOn" TEXT,
    "leftOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DesignatedPerson_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DesignatedPerson_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "stepCode" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "legalEntityId" TEXT,
    "siteId" TEXT,
    "designatedPersonId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SegurStep_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurStep_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "SegurPilot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurStep_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurStep_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurStep_designatedPersonId_fkey" FOREIGN KEY ("designatedPersonId") REFERENCES "DesignatedPerson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurRegistrationCount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siteId" TEXT NOT NULL,
    "directory" TEXT NOT NULL,
    "profession" TEXT NOT NULL,
    "registered" INTEGER NOT NULL,
    "expected" INTEGER,
    "countedOn" TEXT NOT NULL,
    CONSTRAINT "SegurRegistrationCount_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurObjective" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "legalEntityId" TEXT,
    "service" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "counterpart" TEXT NOT NULL DEFAULT '',
    "environment" TEXT NOT NULL DEFAULT '',
    "boxType" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SegurObjective_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowInstance" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurObjective_pilotId_fkey" FOREIGN KEY ("pilotId") REFERENCES "SegurPilot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurObjective_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SegurCredential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "legalEntityId" TEXT NOT NULL,
    "holderId" TEXT,
    "stepId" TEXT,
    "reference" TEXT NOT NULL DEFAULT '',
    "issuedOn" TEXT NOT NULL,
    "expiresOn" TEXT NOT NULL,
    "passwordKeeperId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SegurCredential_legalEntityId_fkey" FOREIGN KEY ("legalEntityId") REFERENCES "LegalEntity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SegurCredential_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "DesignatedPerson" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurCredential_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "SegurStep" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "SegurCredential_passwordKeeperId_fkey" FOREIGN KEY ("passwordKeeperId") REFERENCES "DesignatedPerson" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Departement" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "opalesCentre" TEXT,
    "opalesSourceLabel" TEXT,
    "regionCode" TEXT,
    CONSTRAINT "Departement_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Departement" ("code", "name", "opalesCentre", "opalesSourceLabel") SELECT "code", "name", "opalesCentre", "opalesSourceLabel" FROM "Departement";
DROP TABLE "Departement";
ALTER TABLE "new_Departement" RENAME TO "Departement";
CREATE INDEX "Departement_regionCode_idx" ON "Departement"("regionCode");
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "departementCode" TEXT,
    "regionCode" TEXT,
    "parentId" TEXT,
    "email" TEXT,
    "finessJuridique" TEXT,
    "finessGeographique" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_departementCode_fkey" FOREIGN KEY ("departementCode") REFERENCES "Departement" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Organisation_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Organisation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organisation" ("active", "code", "createdAt", "departementCode", "email", "finessGeographique", "finessJuridique", "id", "kind", "name", "parentId", "shortName", "updatedAt") SELECT "active", "code", "createdAt", "departementCode", "email", "finessGeographique", "finessJuridique", "id", "kind", "name", "parentId", "shortName", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");
CREATE INDEX "Organisation_departementCode_idx" ON "Organisation"("departementCode");
CREATE INDEX "Organisation_regionCode_idx" ON "Organisation"("regionCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "LegalEntity_finess_key" ON "LegalEntity"("finess");

-- CreateIndex
CREATE INDEX "LegalEntity_organisationId_idx" ON "LegalEntity"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Site_finess_key" ON "Site"("finess");

-- CreateIndex
CREATE INDEX "Site_legalEntityId_idx" ON "Site"("legalEntityId");

-- CreateIndex
CREATE INDEX "Site_departementCode_idx" ON "Site"("departementCode");

-- CreateIndex
CREATE UNIQUE INDEX "SoftwareProduct_vendorId_name_key" ON "SoftwareProduct"("vendorId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SegurPilot_code_key" ON "SegurPilot"("code");

-- CreateIndex
CREATE UNIQUE INDEX "SegurPilot_workflowId_key" ON "SegurPilot"("workflowId");

-- CreateIndex
CREATE INDEX "SegurPilot_departementCode_idx" ON "SegurPilot"("departementCode");

-- CreateIndex
CREATE INDEX "SegurPilot_grappeId_idx" ON "SegurPilot"("grappeId");

-- CreateIndex
CREATE INDEX "SegurPilotOrganisation_organisationId_role_idx" ON "SegurPilotOrganisation"("organisationId", "role");

-- CreateIndex
CREATE INDEX "SegurPilotSite_siteId_idx" ON "SegurPilotSite"("siteId");

-- CreateIndex
CREATE INDEX "SegurPilotSite_waveId_idx" ON "SegurPilotSite"("waveId");

-- CreateIndex
CREATE INDEX "SegurContact_pilotId_idx" ON "SegurContact"("pilotId");

-- CreateIndex
CREATE UNIQUE INDEX "Grappe_code_key" ON "Grappe"("code");

-- CreateIndex
CREATE INDEX "GrappeLegalEntity_legalEntityId_idx" ON "GrappeLegalEntity"("legalEntityId");

-- CreateIndex
CREATE UNIQUE INDEX "GrappeWave_grappeId_rank_key" ON "GrappeWave"("grappeId", "rank");

-- CreateIndex
CREATE INDEX "DesignatedPerson_legalEntityId_role_idx" ON "DesignatedPerson"("legalEntityId", "role");

-- CreateIndex
CREATE INDEX "DesignatedPerson_userId_idx" ON "DesignatedPerson"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SegurStep_workflowId_key" ON "SegurStep"("workflowId");

-- CreateIndex
CREATE INDEX "SegurStep_pilotId_stepCode_idx" ON "SegurStep"("pilotId", "stepCode");

-- CreateIndex
CREATE INDEX "SegurStep_legalEntityId_idx" ON "SegurStep"("legalEntityId");

-- CreateIndex
CREATE INDEX "SegurStep_siteId_idx" ON "SegurStep"("siteId");

-- CreateIndex
CREATE INDEX "SegurStep_designatedPersonId_idx" ON "SegurStep"("designatedPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "SegurRegistrationCount_siteId_directory_profession_key" ON "SegurRegistrationCount"("siteId", "directory", "profession");

-- CreateIndex
CREATE UNIQUE INDEX "SegurObjective_workflowId_key" ON "SegurObjective"("workflowId");

-- CreateIndex
CREATE INDEX "SegurObjective_pilotId_service_idx" ON "SegurObjective"("pilotId", "service");

-- CreateIndex
CREATE INDEX "SegurCredential_legalEntityId_idx" ON "SegurCredential"("legalEntityId");

-- CreateIndex
CREATE INDEX "SegurCredential_expiresOn_idx" ON "SegurCredential"("expiresOn");

-- CreateIndex
CREATE INDEX "SegurCredential_holderId_idx" ON "SegurCredential"("holderId");

-- CreateIndex
CREATE INDEX "SegurCredential_passwordKeeperId_idx" ON "SegurCredential"("passwordKeeperId");

-- Data: the 18 regions and the region of each of the 101 départements, from the INSEE's Code
-- officiel géographique at 1 January 2024 (table of départements, column REG;
-- https://www.insee.fr/fr/information/2560452). A fresh database has no départements yet: the
-- reference loader (seeds/reference/regions.ts, the same mapping) writes them; an existing one
-- gets its regions here.
INSERT INTO "Region" ("code", "name") VALUES
    ('01', 'Guadeloupe'),
    ('02', 'Martinique'),
    ('03', 'Guyane'),
    ('04', 'La Réunion'),
    ('06', 'Mayotte'),
    ('11', 'Île-de-France'),
    ('24', 'Centre-Val de Loire'),
    ('27', 'Bourgogne-Franche-Comté'),
    ('28', 'Normandie'),
    ('32', 'Hauts-de-France'),
    ('44', 'Grand Est'),
    ('52', 'Pays de la Loire'),
    ('53', 'Bretagne'),
    ('75', 'Nouvelle-Aquitaine'),
    ('76', 'Occitanie'),
    ('84', 'Auvergne-Rhône-Alpes'),
    ('93', 'Provence-Alpes-Côte d''Azur'),
    ('94', 'Corse');
UPDATE "Departement" SET "regionCode" = '01' WHERE "code" IN ('971');
UPDATE "Departement" SET "regionCode" = '02' WHERE "code" IN ('972');
UPDATE "Departement" SET "regionCode" = '03' WHERE "code" IN ('973');
UPDATE "Departement" SET "regionCode" = '04' WHERE "code" IN ('974');
UPDATE "Departement" SET "regionCode" = '06' WHERE "code" IN ('976');
UPDATE "Departement" SET "regionCode" = '11' WHERE "code" IN ('75', '77', '78', '91', '92', '93', '94', '95');
UPDATE "Departement" SET "regionCode" = '24' WHERE "code" IN ('18', '28', '36', '37', '41', '45');
UPDATE "Departement" SET "regionCode" = '27' WHERE "code" IN ('21', '25', '39', '58', '70', '71', '89', '90');
UPDATE "Departement" SET "regionCode" = '28' WHERE "code" IN ('14', '27', '50', '61', '76');
UPDATE "Departement" SET "regionCode" = '32' WHERE "code" IN ('02', '59', '60', '62', '80');
UPDATE "Departement" SET "regionCode" = '44' WHERE "code" IN ('08', '10', '51', '52', '54', '55', '57', '67', '68', '88');
UPDATE "Departement" SET "regionCode" = '52' WHERE "code" IN ('44', '49', '53', '72', '85');
UPDATE "Departement" SET "regionCode" = '53' WHERE "code" IN ('22', '29', '35', '56');
UPDATE "Departement" SET "regionCode" = '75' WHERE "code" IN ('16', '17', '19', '23', '24', '33', '40', '47', '64', '79', '86', '87');
UPDATE "Departement" SET "regionCode" = '76' WHERE "code" IN ('09', '11', '12', '30', '31', '32', '34', '46', '48', '65', '66', '81', '82');
UPDATE "Departement" SET "regionCode" = '84' WHERE "code" IN ('01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74');
UPDATE "Departement" SET "regionCode" = '93' WHERE "code" IN ('04', '05', '06', '13', '83', '84');
UPDATE "Departement" SET "regionCode" = '94' WHERE "code" IN ('2A', '2B');
