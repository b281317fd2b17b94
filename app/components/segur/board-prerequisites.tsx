/** A pilot's line of the board: its prerequisites obtained per scope, and its blocked steps by blocker type. */
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
