-- AlterTable
ALTER TABLE "ActionToken" ADD COLUMN "replacedAt" DATETIME;

-- AlterTable
ALTER TABLE "OutboxMail" ADD COLUMN "linkIssuedById" TEXT;
ALTER TABLE "OutboxMail" ADD COLUMN "linkKind" TEXT;
ALTER TABLE "OutboxMail" ADD COLUMN "linkUserId" TEXT;

-- Invitation and reset mails written before this migration hold a live link in their bodies
-- (docs/decisions/010): remove it from the database. Those still waiting to leave cannot be
-- rebuilt here; they end FAILED with a message telling administrators what to do.
UPDATE "OutboxMail"
SET "textBody" = 'Contenu retiré : ce courriel contenait un lien personnel, qui n''est plus conservé.',
    "htmlBody" = '<p>Contenu retiré : ce courriel contenait un lien personnel, qui n''est plus conservé.</p>'
WHERE "template" IN ('invitation', 'reinitialisation');

UPDATE "OutboxMail"
SET "status" = 'FAILED',
    "lockedUntil" = NULL,
    "lastError" = 'Non envoyé : lien personnel retiré lors de la mise à jour de sécurité. Renvoyez l''invitation depuis la fiche de la personne, ou la personne redemande la réinitialisation.'
WHERE "template" IN ('invitation', 'reinitialisation') AND "status" IN ('PENDING', 'SENDING');
