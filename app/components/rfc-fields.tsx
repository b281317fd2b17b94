/**
 * Form pieces of the RFC pages, in DSFR markup: a textarea, a set of radio buttons, the
 * deadline (a Paris date and time), and the badges of an RFC's and a cycle's state. Every
 * badge writes its state in words: colour is never the only cue.
 */
import { Fieldset } from "~/components/fields";
import { COMMENT_KIND_BADGES, CYCLE_BADGES, RFC_STATUS_BADGES, type CommentKind } from "~/modules/rfc/labels";

/** A deadline as two native fields (date, time), read as Paris time by the server. */
export function DeadlineFields({
  idPrefix,
  legend,
  hint,
  date,
  time,
  error,
}: {
  idPrefix: string;
  legend: string;
  hint?: string;
  date?: string;
  time?: string;
  error?: string;
}) {
  return (
    <Fieldset id={`${idPrefix}-echeance`} idPrefix={idPrefix} legend={legend} hint={hint} error={error}>
      {(
        [
          { part: "date", label: "Date", type: "date", name: "deadlineDate", value: date },
          { part: "heure", label: "Heure (Paris)", type: "time", name: "deadlineTime", value: time },
        ] as const
      ).map((field) => (
        <div key={field.part} className="fr-fieldset__element fr-fieldset__element--inline">
          <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
            <label className="fr-label" htmlFor={`${idPrefix}-${field.part}`}>
              {field.label}
            </label>
            <input
              className={`fr-input${error ? " fr-input--error" : ""}`}
              type={field.type}
              id={`${idPrefix}-${field.part}`}
              name={field.name}
              defaultValue={field.value}
              required
              aria-invalid={error ? true : undefined}
            />
          </div>
        </div>
      ))}
    </Fieldset>
  );
}

export function CycleBadge({ status, label }: { status: string; label: string }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${CYCLE_BADGES[status] ?? ""}`}>{label}</span>;
}

export function RfcStatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`fr-badge fr-badge--sm ${RFC_STATUS_BADGES[status] ?? ""}`}>{label}</span>;
}

export function KindBadge({ kind, label }: { kind: CommentKind; label: string }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${COMMENT_KIND_BADGES[kind] ?? ""}`}>{label}</span>;
}

export const RFC_CRUMB = { label: "Appels à commentaires", to: "/rfc" };
