/**
 * The Ségur pilot's prerequisite steps as its pages show them: a step's state as a badge (its
 * label always written), what it waits for, and the tables of steps per subject (legal entity,
 * site, person), each with its caption and its steps as row headers.
 */
import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { DataTable } from "~/components/data-table";
import type { PilotStep } from "~/modules/segur/queries/pilot-steps.server";
import {
  BLOCKER_VOCABULARY,
  SEGUR_STEP_STATE_LABELS,
  STEP_CHANNEL_VOCABULARY,
  STEP_SCOPE_VOCABULARY,
  STEP_VOCABULARY,
} from "~/modules/segur/vocabulary";
import { dayLabel } from "~/utils/format";

type Step = SerializeFrom<PilotStep>;

const STATE_BADGES: Record<string, string> = {
  aFaire: "fr-badge--info",
  demande: "fr-badge--new",
  bloque: "fr-badge--error",
  obtenu: "fr-badge--success",
  sansObjet: "",
};

export function StepStateBadge({ status }: { status: string }) {
  return (
    <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${STATE_BADGES[status] ?? ""}`}>
      {SEGUR_STEP_STATE_LABELS[status] ?? status}
    </span>
  );
}

/** What a step waits for, or where it stands: the graph's sentence, the blockage, the dates. */
export function StepProgress({ step }: { step: Step }) {
  const { fields } = step;
  if (step.refusal) return <>{step.refusal}</>;
  if (step.status === "bloque")
    return (
      <>
        Bloquée depuis le {dayLabel(fields.blockedOn)} ({BLOCKER_VOCABULARY.labelOf(fields.blockerType ?? "")})
        {fields.blockReason ? ` : ${fields.blockReason}` : ""}
      </>
    );
  if (step.status === "aFaire") return <>Peut commencer dès maintenant.</>;
  return null;
}

/** A step's label, linking to its page. */
export function StepLink({ pilotCode, step }: { pilotCode: string; step: Pick<Step, "id" | "stepCode"> }) {
  return <Link to={`/segur/pilotes/${pilotCode}/etapes/${step.id}`}>{STEP_VOCABULARY.labelOf(step.stepCode)}</Link>;
}

/** The steps grouped by subject, in the graph's order within each. */
function bySubject(steps: readonly Step[]) {
  const groups = new Map<string, { title: string; scope: string; steps: Step[] }>();
  for (const step of steps) {
    const key = step.personId ?? step.siteId ?? step.legalEntityId;
    const title =
      step.scope === "SITE"
        ? `${step.siteName} (${step.legalEntityName})`
        : step.scope === "PERSONNE"
          ? `${step.personName} (${step.legalEntityName})`
          : step.legalEntityName;
    if (!groups.has(key)) groups.set(key, { title, scope: step.scope, steps: [] });
    groups.get(key)!.steps.push(step);
  }
  return [...groups.values()];
}

/** One table per subject: caption « scope : subject », one row per step. */
export function PrerequisiteTables({ pilotCode, steps }: { pilotCode: string; steps: readonly Step[] }) {
  const ordered = [...steps].sort(
    (a, b) => STEP_SCOPE_VOCABULARY.codes.indexOf(a.scope) - STEP_SCOPE_VOCABULARY.codes.indexOf(b.scope),
  );
  return bySubject(ordered).map((group) => (
    <DataTable
      key={`${group.scope}-${group.title}`}
      caption={`${STEP_SCOPE_VOCABULARY.labelOf(group.scope)} : ${group.title}`}
      columns={["Étape", "État", "Canal", "Demandée le", "Obtenue le", "Attente ou blocage"]}
      rows={group.steps}
      row={(step) => (
        <tr key={step.id}>
          <th scope="row">
            <StepLink pilotCode={pilotCode} step={step} />
          </th>
          <td>
            <StepStateBadge status={step.status} />
          </td>
          <td>{step.fields.channel ? STEP_CHANNEL_VOCABULARY.labelOf(step.fields.channel) : "—"}</td>
          <td>{step.fields.askedOn ? dayLabel(step.fields.askedOn) : "—"}</td>
          <td>{step.fields.obtainedOn ? dayLabel(step.fields.obtainedOn) : "—"}</td>
          <td>
            <StepProgress step={step} />
          </td>
        </tr>
      )}
    />
  ));
}
