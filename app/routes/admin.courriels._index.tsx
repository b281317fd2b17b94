import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { MailStatusBadge } from "~/components/mail-status";
import { StatusQueue, statusQueuePage } from "~/components/filter-form";
import { listOutbox, MAIL_STATUS_VOCABULARY } from "~/modules/mail/outbox.server";
import { requireUserWith } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Courriels — Administration — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWith(request, "read:outbox");
  const { mails, ...queue } = await statusQueuePage(new URL(request.url), MAIL_STATUS_VOCABULARY, listOutbox);
  return {
    ...queue,
    localLabel: MAIL_STATUS_VOCABULARY.labels.LOCAL,
    mails: mails.map((m) => ({
      id: m.id,
      subject: m.subject,
      template: m.template,
      to: m.to,
      cc: m.cc,
      status: m.status,
      statusLabel: m.statusLabel,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
  };
}

export default function AdminOutbox() {
  const { localLabel, mails, ...queue } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB]} current="Courriels" />
      <h1>Courriels</h1>
      <p>
        Chaque courriel de la plateforme passe par cette boîte d'envoi. Sans serveur SMTP configuré, les courriels y
        sont conservés (« {localLabel} ») et se lisent ici.
      </p>

      <StatusQueue
        queue={queue}
        count={{ noun: "courriel", order: "du plus récent au plus ancien" }}
        table={{
          caption: "Boîte d'envoi",
          columns: ["Objet", "Destinataires", "Statut", "Créé le", "Envoyé le", "Tentatives", "Dernière erreur"],
          rows: mails,
          empty: `Aucun courriel${queue.status ? " à ce statut" : ""}.`,
          row: (m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/admin/courriels/${m.id}`}>{m.subject}</Link>
                <br />
                <span className="fr-text--xs">{m.template}</span>
              </td>
              <td>
                {m.to.join(", ")}
                {m.cc.length > 0 ? (
                  <>
                    <br />
                    <span className="fr-text--xs">Copie : {m.cc.join(", ")}</span>
                  </>
                ) : null}
              </td>
              <td>
                <MailStatusBadge status={m.status} label={m.statusLabel} small />
              </td>
              <td>{formatDateTime(m.createdAt)}</td>
              <td>{formatDateTime(m.sentAt)}</td>
              <td>{m.attempts}</td>
              <td className="fr-text--xs">{m.lastError ?? "—"}</td>
            </tr>
          ),
        }}
      />
    </>
  );
}
