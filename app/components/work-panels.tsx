/**
 * Dashboard lists for work groups and RFC cycles, shared by the member, pilot, director and
 * coordinator home pages. Each takes the rows its dashboard service returns.
 */
import { Link } from "@remix-run/react";
import { formatDate, formatDateTime } from "~/utils/format";

type Awaiting = {
  number: string;
  title: string;
  group: string;
  version: number;
  deadline: string;
  timeLeft: string;
  href: string;
};

export function AwaitingAnswerList({ items }: { items: Awaiting[] }) {
  if (items.length === 0)
    return <p className="fr-text--sm fr-mb-0">Aucun appel à commentaires n'attend la réponse de votre organisation.</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={`${item.number}-${item.version}`} className="fr-mb-2w">
          <Link to={item.href}>
            {item.number} (version {item.version}) — {item.title}
          </Link>
          <br />
          <span className="fr-text--sm">
            {item.group} · réponse attendue avant le {formatDateTime(item.deadline)} · <strong>{item.timeLeft}</strong>
          </span>
        </li>
      ))}
    </ul>
  );
}

type Action = {
  id: string;
  title: string;
  url: string;
  group: { name: string };
  organisations: string[];
  dueOn: string;
  overdue: boolean;
  daysLate: number;
};

export function ActionList({ items, empty }: { items: Action[]; empty: string }) {
  if (items.length === 0) return <p className="fr-text--sm fr-mb-0">{empty}</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={item.id} className="fr-mb-2w">
          <Link to={item.url}>{item.title}</Link>{" "}
          {item.overdue ? (
            <span className="fr-badge fr-badge--sm fr-badge--error">
              En retard de {item.daysLate} jour{item.daysLate > 1 ? "s" : ""}
            </span>
          ) : null}
          <br />
          <span className="fr-text--sm">
            {item.group.name} · {item.organisations.join(", ")} · échéance le {formatDate(`${item.dueOn}T12:00:00Z`)}
          </span>
        </li>
      ))}
    </ul>
  );
}

type Cycle = {
  number: string;
  title: string;
  group: string;
  version: number;
  statusLabel: string;
  status: string;
  timeLeft: string | null;
  comments: number;
  undisposed: number;
  href: string;
};

export function PilotCycleList({ items }: { items: Cycle[] }) {
  if (items.length === 0)
    return <p className="fr-text--sm fr-mb-0">Aucun cycle d'appel à commentaires en cours dans vos groupes.</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={`${item.number}-${item.version}`} className="fr-mb-2w">
          <Link to={item.href}>
            {item.number} (version {item.version}) — {item.title}
          </Link>
          <br />
          <span className="fr-text--sm">
            {item.group} · {item.statusLabel}
            {item.timeLeft ? ` · ${item.timeLeft}` : ""} · {item.comments} commentaire{item.comments > 1 ? "s" : ""}
          </span>{" "}
          {item.status === "clos" && item.undisposed > 0 ? (
            <span className="fr-badge fr-badge--sm fr-badge--warning">{item.undisposed} sans réponse</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

type Rate = { organisationId: string; organisation: string; invited: number; answered: number; rate: number };

export function ResponseRateTable({ rows }: { rows: Rate[] }) {
  if (rows.length === 0) return <p className="fr-text--sm fr-mb-0">Aucun cycle d'appel à commentaires n'est ouvert.</p>;
  return (
    <div className="fr-table fr-table--sm fr-mb-0">
      <table>
        <caption className="fr-sr-only">Taux de réponse par organisation invitée, cycles ouverts</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Réponses</th>
            <th scope="col">Taux</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.organisationId}>
              <th scope="row">{row.organisation}</th>
              <td>
                {row.answered} sur {row.invited}
              </td>
              <td>{Math.round(row.rate * 100)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type LateLetter = { code: string; name: string; letterDueOn: string; daysLate: number; pilot: string | null };

export function LateLetterList({ items }: { items: LateLetter[] }) {
  if (items.length === 0) return <p className="fr-text--sm fr-mb-0">Aucune lettre de mission en retard.</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={item.code} className="fr-mb-1w">
          <Link to={`/groupes/${item.code}`}>{item.name}</Link>{" "}
          <span className="fr-badge fr-badge--sm fr-badge--error">
            En retard de {item.daysLate} jour{item.daysLate > 1 ? "s" : ""}
          </span>
          <br />
          <span className="fr-text--sm">
            Attendue le {formatDate(`${item.letterDueOn}T12:00:00Z`)}
            {item.pilot ? ` · pilote : ${item.pilot}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

type ToRecord = { number: string; title: string; adoptedAt: string | null; href: string };

export function PositionsToRecordList({ items }: { items: ToRecord[] }) {
  if (items.length === 0)
    return <p className="fr-text--sm fr-mb-0">Votre MDPH a pris position sur toutes les propositions adoptées.</p>;
  return (
    <ul className="fr-raw-list">
      {items.map((item) => (
        <li key={item.number} className="fr-mb-1w">
          <Link to={item.href}>
            {item.number} — {item.title}
          </Link>
          {item.adoptedAt ? <span className="fr-text--sm"> · adoptée le {formatDate(item.adoptedAt)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
