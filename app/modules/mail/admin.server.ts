/** What the administrators do to mails from the admin pages, with its audit entry. */
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { notifyAfterCommit } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction } from "~/utils/db.server";
import { refusal, type Result } from "~/utils/result";
import { retryMail } from "./outbox.server";

/** Puts a failed mail back in the outbox; refused when it is no longer failed. */
export async function retryFailedMail(
  user: { id: string; firstName: string; lastName: string },
  id: string,
): Promise<Result> {
  const at = clockNow();
  const retried = await writeTransaction(async (tx) => {
    const mail = await retryMail(id, { now: () => at });
    if (mail)
      await recordAudit(
        tx,
        {
          actor: actorOf(user),
          action: "courriel-renvoye",
          entityType: "Courriel",
          entityId: id,
          data: { objet: mail.subject },
        },
        at,
      );
    return mail;
  });
  if (!retried) return refusal("REFUSE", "Ce courriel n'est plus en échec : il n'y a rien à renvoyer.");
  notifyAfterCommit();
  return { ok: true, value: undefined };
}
