/**
 * Form pieces of the RFC pages, in DSFR markup: a textarea, a set of radio buttons, the
 * deadline (a Paris date and time), and the badges of an RFC's and a cycle's state. Every
 * badge writes its state in words: colour is never the only cue.
 */
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
  const errorId = `${idPrefix}-erreur`;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id={`${idPrefix}-echeance`}
      aria-labelledby={`${idPrefix}-legende${error ? ` ${errorId}` : ""}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${idPrefix}-legende`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor={`${idPrefix}-date`}>
            Date
          </label>
          <input
            className={`fr-input${error ? " fr-input--error" : ""}`}
            type="date"
            id={`${idPrefix}-date`}
            name="deadlineDate"
            defaultValue={date}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
      </div>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
          <label className="fr-label" htmlFor={`${idPrefix}-heure`}>
            Heure (Paris)
          </label>
          <input
            className={`fr-input${error ? " fr-input--error" : ""}`}
            type="time"
            id={`${idPrefix}-heure`}
            name="deadlineTime"
            defaultValue={time}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
      </div>
      {error ? (
        <div className="fr-messages-group" id={errorId} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
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
