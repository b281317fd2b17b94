/** What the administrators do to mails from the admin pages, with its audit entry. */
import { retryFailedRow, type RetryActor } from "~/modules/worker/admin-retry.server";
import { success, type Result } from "~/utils/result";
import { retryMail } from "./outbox.server";

/** Puts a failed mail back in the outbox; refused when it is no longer failed. */
export async function retryFailedMail(user: RetryActor, id: string): Promise<Result> {
  const retried = await retryFailedRow(user, id, {
    retry: (mailId, now) => retryMail(mailId, { now }),
    audit: (mail) => ({ action: "courriel-renvoye", entityType: "Courriel", data: { objet: mail.subject } }),
    notFailed: "Ce courriel n'est plus en échec : il n'y a rien à renvoyer.",
  });
  return retried.ok ? success() : retried;
}
