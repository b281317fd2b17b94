import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ADMIN_CRUMB, Breadcrumb } from "~/components/breadcrumb";
import { MailStatusBadge } from "~/components/mail-status";
import { FormError, Notice } from "~/components/fields";
import { entityHref, entityTypeLabel } from "~/modules/journal/admin.server";
import { retryFailedMail } from "~/modules/mail/admin.server";
import { getMail } from "~/modules/mail/outbox.server";
import {
  LINK_PLACEHOLDER,
  localLinksAllowed,
  MAILED_LINK_LABELS,
  revealLocalMailLink,
} from "~/modules/auth/mailed-links.server";
import { requireUserWith, found } from "~/utils/auth.server";
import { formatBytes, formatDateTime } from "~/utils/format";
import { can } from "~/utils/permissions";
import { intentOf, refused, unknownIntent } from "~/utils/intent.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mail.subject ?? "Courriel"} — Courriels — Administration — Passerelles` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:outbox");
  const mail = found(await getMail(params.id ?? ""), "Ce courriel n'existe pas.");
  return {
    canRetry: can(user, "manage:outbox"),
    link: mail.linkKind
      ? {
          label: MAILED_LINK_LABELS[mail.linkKind],
          placeholder: LINK_PLACEHOLDER,
          canReveal: mail.status === "LOCAL" && can(user, "manage:outbox") && localLinksAllowed(),
        }
      : null,
    mail: {
      ...mail,
      createdAt: mail.createdAt.toISOString(),
      sentAt: mail.sentAt?.toISOString() ?? null,
      nextAttemptAt: mail.nextAttemptAt.toISOString(),
      related: mail.related
        ? {
            label: `${entityTypeLabel(mail.related.type)} ${mail.related.id}`,
            href: entityHref(mail.related.type, mail.related.id),
          }
        : null,
      attachments: mail.attachments.map((a) => ({ ...a, sizeLabel: formatBytes(a.size) })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWith(request, "manage:outbox");
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = intentOf(form);
  if (intent === "afficher-lien") {
    const revealed = await revealLocalMailLink(user, id);
    if (!revealed.ok) return refused({ code: "REFUSE" }, { ok: false as const, message: revealed.message });
    return {
      ok: true as const,
      message: "Lien personnel créé pour la démonstration.",
      link: { url: revealed.url, expiresAt: revealed.expiresAt.toISOString() },
    };
  }
  if (intent !== "renvoyer") unknownIntent();
  const retried = await retryFailedMail(user, id);
  if (!retried.ok) return refused(retried, { ok: false as const, message: retried.message });
  return {
    ok: true as const,
    message: "Le courriel est remis en file d'envoi : il part dès le prochain passage de l'expéditeur.",
  };
}

function Header({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children}</td>
    </tr>
  );
}

export default function AdminMail() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { mail: m, canRetry, link } = data;
  return (
    <>
      <Breadcrumb items={[ADMIN_CRUMB, { label: "Courriels", to: "/admin/courriels" }]} current={m.subject} />
      <h1>{m.subject}</h1>
      <p>
        <MailStatusBadge status={m.status} label={m.statusLabel} />
      </p>
      {result ? result.ok ? <Notice message={result.message} /> : <FormError message={result.message} /> : null}
      {result?.ok && "link" in result && result.link ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <h2 className="fr-alert__title">Lien personnel (démonstration)</h2>
          <p>
            <a href={result.link.url}>{result.link.url}</a>
          </p>
          <p>
            Valable jusqu'au {formatDateTime(result.link.expiresAt)}. Il n'est affiché qu'une fois et n'est conservé
            nulle part ; il remplace tout lien précédent de cette personne. En production, ce lien part uniquement par
            courriel à son destinataire.
          </p>
        </div>
      ) : null}
      {link ? (
        <div className="fr-callout fr-mb-3w">
          <h2 className="fr-callout__title">Ce courriel contient un lien personnel</h2>
          <p className="fr-callout__text">
            Le {link.label} est créé au moment où le courriel part vers le serveur de messagerie et n'est jamais
            conservé : le texte ci-dessous montre « {link.placeholder} » à sa place. Chaque nouvel envoi crée un nouveau
            lien, qui remplace le précédent.
          </p>
          {link.canReveal ? (
            <Form method="post" className="fr-mt-2w">
              <p className="fr-text--sm">
                Démonstration sans serveur de courriel : vous pouvez créer ce lien ici pour essayer le parcours de la
                personne.
              </p>
              <button
                className="fr-btn fr-btn--secondary"
                type="submit"
                name="intent"
                value="afficher-lien"
                disabled={busy}
              >
                Créer le lien personnel
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {m.status === "FAILED" ? (
        <div className="fr-alert fr-alert--error fr-mb-3w">
          <h2 className="fr-alert__title">Ce courriel n'a pas été remis</h2>
          <p>
            Dernière erreur : {m.lastError ?? "non précisée"}. Corrigez la cause (serveur SMTP, adresse du
            destinataire), puis renvoyez-le.
          </p>
          {canRetry ? (
            <Form method="post" className="fr-mt-2w">
              <button
                className="fr-btn fr-icon-refresh-line fr-btn--icon-left"
                type="submit"
                name="intent"
                value="renvoyer"
                disabled={busy}
              >
                Renvoyer
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}

      <div className="fr-table fr-table--sm">
        <table>
          <caption>En-têtes et suivi de l'envoi</caption>
          <tbody>
            <Header label="Destinataires">{m.to.join(", ")}</Header>
            <Header label="Copie">{m.cc.length > 0 ? m.cc.join(", ") : "—"}</Header>
            <Header label="Objet">{m.subject}</Header>
            <Header label="Message-ID">
              <code>{m.messageId}</code>
            </Header>
            <Header label="Modèle">{m.template}</Header>
            <Header label="Concerne">
              {m.related ? m.related.href ? <Link to={m.related.href}>{m.related.label}</Link> : m.related.label : "—"}
            </Header>
            <Header label="Créé le">{formatDateTime(m.createdAt)}</Header>
            <Header label="Envoyé le">{formatDateTime(m.sentAt)}</Header>
            <Header label="Tentatives">{m.attempts}</Header>
            {m.status === "PENDING" ? (
              <Header label="Prochaine tentative">{formatDateTime(m.nextAttemptAt)}</Header>
            ) : null}
            <Header label="Dernière erreur">{m.lastError ?? "—"}</Header>
          </tbody>
        </table>
      </div>

      {m.attachments.length > 0 ? (
        <section className="fr-mt-4w" aria-labelledby="titre-pieces">
          <h2 id="titre-pieces">Pièces jointes</h2>
          <ul>
            {m.attachments.map((a) => (
              <li key={a.id}>
                <a
                  className="fr-link fr-link--download"
                  href={`/admin/courriels/${m.id}/pieces/${a.id}`}
                  download={a.filename}
                >
                  Télécharger {a.filename}
                  <span className="fr-link__detail">
                    {a.contentType} – {a.sizeLabel}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="fr-mt-4w" aria-labelledby="titre-texte">
        <h2 id="titre-texte">Version texte</h2>
        <pre className="app-mail-body">{m.text}</pre>
      </section>

      <section className="fr-mt-4w" aria-labelledby="titre-html">
        <h2 id="titre-html">Version HTML</h2>
        <p className="fr-text--sm">
          Affichée dans un cadre isolé : aucun script ne s'y exécute et les liens n'y sont pas actifs.
        </p>
        <iframe
          sandbox=""
          srcDoc={m.html}
          title={`Version HTML du courriel « ${m.subject} »`}
          style={{ width: "100%", height: "32rem", border: "1px solid var(--border-default-grey)" }}
        />
      </section>
    </>
  );
}
