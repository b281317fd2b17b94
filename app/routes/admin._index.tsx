import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { LinkItems } from "~/components/link-items";
import { Panel, StatList } from "~/components/panel";
import { auditEntryCount } from "~/modules/journal/admin.server";
import { listOutbox, MAIL_STATUSES } from "~/modules/mail/outbox.server";
import { organisationSummary } from "~/modules/organisations/admin.server";
import { peopleSummary } from "~/modules/people/admin.server";
import { JOB_STATUSES, listJobs } from "~/modules/scheduler/jobs.server";
import { requireUserWith } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Administration — Passerelles" }];

// Plural forms for the counts ("3 envoyés"); the lists use the statuses' own labels.
const MAIL_COUNT_LABELS: Record<string, string> = {
  PENDING: "en attente d'envoi",
  SENDING: "en cours d'envoi",
  SENT: "envoyés",
  FAILED: "en échec",
  LOCAL: "conservés dans la boîte d'envoi locale (pas de serveur SMTP)",
};
const JOB_COUNT_LABELS: Record<string, string> = {
  PENDING: "programmées",
  DONE: "terminées",
  FAILED: "en échec",
  CANCELLED: "annulées",
  DROPPED: "rappels abandonnés (hors délai)",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWith(request, "read:admin");
  const [organisations, people, mailCounts, failedMails, jobCounts, failedJobs, auditEntries] = await Promise.all([
    organisationSummary(),
    peopleSummary(),
    Promise.all(
      MAIL_STATUSES.map(async (status) => ({ status, total: (await listOutbox({ status, take: 1 })).total })),
    ),
    listOutbox({ status: "FAILED", take: 5 }),
    Promise.all(
      JOB_STATUSES.map(async (status) => ({ status, total: (await listJobs({ status, take: 1, skip: 0 })).total })),
    ),
    listJobs({ status: "FAILED", take: 5, skip: 0 }),
    auditEntryCount(),
  ]);
  return {
    firstName: user.firstName,
    organisations,
    people,
    mailCounts,
    failedMails: {
      total: failedMails.total,
      mails: failedMails.mails.map((m) => ({
        id: m.id,
        subject: m.subject,
        to: m.to,
        lastError: m.lastError,
        createdAt: m.createdAt.toISOString(),
      })),
    },
    jobCounts,
    failedJobs: {
      total: failedJobs.total,
      jobs: failedJobs.jobs.map((j) => ({
        id: j.id,
        kind: j.kind,
        dueAt: j.dueAt.toISOString(),
        lastError: j.lastError,
        attempts: j.attempts,
      })),
    },
    auditEntries,
  };
}

export default function AdminHome() {
  const { firstName, organisations, people, mailCounts, failedMails, jobCounts, failedJobs, auditEntries } =
    useLoaderData<typeof loader>();
  const failures = failedMails.total + failedJobs.total;
  return (
    <>
      <h1>Administration</h1>
      <p className="fr-text--lead">
        Bonjour {firstName}. Organisations, personnes, courriels, tâches programmées et journal d'audit de la
        plateforme.
      </p>

      <section aria-labelledby="echecs" className="fr-mb-5w">
        <h2 id="echecs">Échecs à traiter</h2>
        {failures === 0 ? (
          <div className="fr-alert fr-alert--success fr-alert--sm">
            <p>Aucun courriel ni aucune tâche en échec.</p>
          </div>
        ) : (
          <>
            <div className="fr-alert fr-alert--error fr-mb-3w">
              <h3 className="fr-alert__title">
                {failedMails.total > 0
                  ? `${failedMails.total} courriel${failedMails.total > 1 ? "s" : ""} en échec`
                  : null}
                {failedMails.total > 0 && failedJobs.total > 0 ? " et " : null}
                {failedJobs.total > 0 ? `${failedJobs.total} tâche${failedJobs.total > 1 ? "s" : ""} en échec` : null}
              </h3>
              <p>
                Les destinataires n'ont pas reçu ces courriels ou ces traitements n'ont pas eu lieu. Corrigez la cause
                (configuration SMTP, adresse, données), puis relancez-les.
              </p>
            </div>
            {failedMails.total > 0 ? (
              <DataTable
                caption={`Courriels en échec (${failedMails.mails.length} sur ${failedMails.total})`}
                columns={["Objet", "Destinataires", "Créé le", "Dernière erreur"]}
                rows={failedMails.mails}
                row={(mail) => (
                  <tr key={mail.id}>
                    <td>
                      <Link to={`/admin/courriels/${mail.id}`}>{mail.subject}</Link>
                    </td>
                    <td>{mail.to.join(", ")}</td>
                    <td>{formatDateTime(mail.createdAt)}</td>
                    <td>{mail.lastError ?? "—"}</td>
                  </tr>
                )}
              />
            ) : null}
            {failedJobs.total > 0 ? (
              <DataTable
                caption={`Tâches en échec (${failedJobs.jobs.length} sur ${failedJobs.total})`}
                columns={["Type", "Échéance", "Tentatives", "Dernière erreur"]}
                rows={failedJobs.jobs}
                row={(job) => (
                  <tr key={job.id}>
                    <td>
                      <code>{job.kind}</code>
                    </td>
                    <td>{formatDateTime(job.dueAt)}</td>
                    <td>{job.attempts}</td>
                    <td>{job.lastError ?? "—"}</td>
                  </tr>
                )}
              />
            ) : null}
            <ul className="fr-btns-group fr-btns-group--inline-md">
              {failedMails.total > 0 ? (
                <li>
                  <Link className="fr-btn" to="/admin/courriels?statut=FAILED">
                    Voir les courriels en échec
                  </Link>
                </li>
              ) : null}
              {failedJobs.total > 0 ? (
                <li>
                  <Link className="fr-btn" to="/admin/taches?statut=FAILED">
                    Voir les tâches en échec
                  </Link>
                </li>
              ) : null}
            </ul>
          </>
        )}
      </section>

      <div className="fr-grid-row fr-grid-row--gutters">
        {[
          {
            title: "Organisations",
            stats: [
              { label: "organisations actives", value: organisations.active },
              { label: "désactivées", value: organisations.inactive },
            ],
            links: [
              { to: "/admin/organisations", label: "Gérer les organisations" },
              { to: "/admin/organisations/nouvelle", label: "Créer une organisation" },
            ],
          },
          {
            title: "Personnes",
            stats: [
              { label: "comptes actifs", value: people.active },
              { label: "invitations en attente", value: people.invitation },
              { label: "comptes désactivés", value: people.inactive },
            ],
            links: [
              { to: "/admin/personnes", label: "Gérer les personnes" },
              { to: "/personnes/inviter", label: "Inviter une personne" },
            ],
          },
          {
            title: "Courriels",
            stats: mailCounts.map((c) => ({ label: MAIL_COUNT_LABELS[c.status] ?? c.status, value: c.total })),
            links: [{ to: "/admin/courriels", label: "Consulter la boîte d'envoi" }],
          },
          {
            title: "Tâches programmées",
            stats: jobCounts.map((c) => ({ label: JOB_COUNT_LABELS[c.status] ?? c.status, value: c.total })),
            links: [{ to: "/admin/taches", label: "Consulter les tâches" }],
          },
          {
            title: "Journal d'audit",
            stats: [{ label: "entrées enregistrées", value: auditEntries }],
            links: [{ to: "/admin/journal", label: "Consulter et vérifier le journal" }],
          },
        ].map((panel) => (
          <Panel key={panel.title} title={panel.title}>
            <StatList items={panel.stats} />
            <PanelWaysOut links={panel.links} />
          </Panel>
        ))}
        <Panel title="Routage OPALES à compléter">
          {organisations.unassignedOpales.length === 0 ? (
            <p className="fr-mb-0">Chaque département est rattaché à un centre d'exploitation OPALES.</p>
          ) : (
            <>
              <p className="fr-text--sm">
                La circulaire ne rattache pas ces départements à un centre OPALES. Choisissez Rennes ou Versailles avant
                leur premier envoi :
              </p>
              <ul>
                {organisations.unassignedOpales.map((d) => (
                  <li key={d.code}>
                    {d.mdphId ? (
                      <Link to={`/admin/organisations/${d.mdphId}#centre-opales`}>
                        {d.name} ({d.code})
                      </Link>
                    ) : (
                      `${d.name} (${d.code})`
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
      </div>
    </>
  );
}

/** A lone link as it is; several as a DSFR links group. */
function PanelWaysOut({ links }: { links: { to: string; label: string }[] }) {
  if (links.length === 1)
    return (
      <Link className="fr-link" to={links[0].to}>
        {links[0].label}
      </Link>
    );
  return (
    <ul className="fr-links-group">
      <LinkItems links={links} linkClassName="fr-link" />
    </ul>
  );
}
