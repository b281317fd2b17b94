/** The board's pilots: each one's prerequisites obtained per scope, and its blocked steps by blocker type. */
import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import type { BoardPilot } from "~/modules/segur/queries/board-page.server";
import type { BlockedCount, PilotProgress } from "~/modules/segur/queries/board-prerequisites.server";
import { BLOCKER_VOCABULARY, STEP_SCOPE_VOCABULARY } from "~/modules/segur/vocabulary";

export function BoardProgress({ progress }: { progress: PilotProgress }) {
  if (progress.applicable === 0) return <>Prérequis non ouverts</>;
  return (
    <>
      <strong>
        {progress.obtained} / {progress.applicable}
      </strong>{" "}
      étapes obtenues
      <ul className="fr-text--xs fr-mb-0">
        {progress.byScope.map((s) => (
          <li key={s.scope}>
            {STEP_SCOPE_VOCABULARY.labels[s.scope]} : {s.obtained} / {s.applicable}
          </li>
        ))}
      </ul>
    </>
  );
}

export function BoardBlocked({ blocked }: { blocked: readonly BlockedCount[] }) {
  if (blocked.length === 0) return <>Aucune</>;
  return (
    <ul className="fr-text--xs fr-mb-0">
      {blocked.map((b) => (
        <li key={b.blocker}>
          {BLOCKER_VOCABULARY.labels[b.blocker]} : {b.count}
        </li>
      ))}
    </ul>
  );
}

/** A table cell naming the pilot, linked to its page. */
export function PilotCell({ code, name }: { code: string; name: string }) {
  return (
    <td>
      <Link to={`/segur/pilotes/${code}`}>{name}</Link>
    </td>
  );
}

const PILOT_COLUMNS = ["Pilote", "Établissements", "Éditeur et logiciel", "Prérequis obtenus", "Étapes bloquées"];

export function BoardPilotsTable({ pilots }: { pilots: readonly BoardPilot[] }) {
  return (
    <DataTable
      caption="Avancement des prérequis par pilote"
      hiddenCaption
      columns={[...PILOT_COLUMNS, "Expirations sous 90 jours"]}
      rows={pilots}
      empty="Aucun pilote."
      row={(p) => (
        <tr key={p.id}>
          <PilotCell code={p.code} name={p.name} />
          <td>{p.establishments.join(", ")}</td>
          <td>{[p.vendor, p.product].filter(Boolean).join(" — ")}</td>
          <td>
            <BoardProgress progress={p.progress} />
          </td>
          <td>
            <BoardBlocked blocked={p.blocked} />
          </td>
          <td>{p.expiring}</td>
        </tr>
      )}
    />
  );
}
