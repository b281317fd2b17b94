import { Link } from "@remix-run/react";
import { TitledSection } from "~/components/groups/titled-section";
import { formatDateTime } from "~/utils/format";

/** The group's meetings, latest first, with their attendees and the actions decided. */
export function GroupMeetings({
  code,
  meetings,
}: {
  code: string;
  meetings: { id: string; startsAt: string; place: string; attendees: number; actions: number }[];
}) {
  return (
    <TitledSection id="reunions-titre" title="Réunions" className="fr-mt-4w">
      {meetings.length === 0 ? (
        <p>Aucune réunion n'est encore enregistrée.</p>
      ) : (
        <ul>
          {meetings.map((m) => (
            <li key={m.id}>
              <Link to={`/groupes/${code}/reunions/${m.id}`}>Réunion du {formatDateTime(m.startsAt)}</Link> — {m.place}{" "}
              ({m.attendees} participant{m.attendees > 1 ? "s" : ""}
              {m.actions > 0
                ? `, ${m.actions} action${m.actions > 1 ? "s" : ""} décidée${m.actions > 1 ? "s" : ""}`
                : ""}
              )
            </li>
          ))}
        </ul>
      )}
    </TitledSection>
  );
}

/** The group's calls for comments, with the pilot's link to write one. */
export function GroupRfcs({
  code,
  rfcs,
  canWrite,
}: {
  code: string;
  rfcs: { id: string; number: string; title: string; status: string }[];
  canWrite: boolean;
}) {
  return (
    <TitledSection id="rfc-titre" title="Appels à commentaires (RFC)" className="fr-mt-4w">
      {canWrite ? (
        <p>
          <Link
            className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
            to={`/groupes/${code}/rfc/nouvelle`}
          >
            Rédiger une RFC
          </Link>
        </p>
      ) : null}
      {rfcs.length === 0 ? (
        <p>Le groupe n'a pas encore publié d'appel à commentaires.</p>
      ) : (
        <ul>
          {rfcs.map((r) => (
            <li key={r.id}>
              <Link to={`/rfc/${r.number}`}>
                {r.number} — {r.title}
              </Link>{" "}
              ({r.status})
            </li>
          ))}
        </ul>
      )}
    </TitledSection>
  );
}
