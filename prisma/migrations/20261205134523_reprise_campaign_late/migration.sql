-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RepriseCampaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "month" TEXT NOT NULL,
    "application" TEXT NOT NULL,
    "dispatchedAt" DATETIME NOT NULL,
    "dispatchedById" TEXT,
    "early" BOOLEAN NOT NULL DEFAULT false,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "answerDeadline" TEXT NOT NULL
);
INSERT INTO "new_RepriseCampaign" ("answerDeadline", "application", "dispatchedAt", "dispatchedById", "early", "id", "month") SELECT "answerDeadline", "application", "dispatchedAt", "dispatchedById", "early", "id", "month" FROM "RepriseCampaign";
DROP TABLE "RepriseCampaign";
ALTER TABLE "new_RepriseCampaign" RENAME TO "RepriseCampaign";
CREATE UNIQUE INDEX "RepriseCampaign_month_application_key" ON "RepriseCampaign"("month", "application");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
