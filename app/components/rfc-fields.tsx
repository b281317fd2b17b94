/**
 * Form pieces of the RFC pages, in DSFR markup: a textarea, a set of radio buttons, the
 * deadline (a Paris date and time), and the badges of an RFC's and a cycle's state. Every
 * badge writes its state in words: colour is never the only cue.
 */
import type { ReactNode } from "react";
import { COMMENT_KIND_BADGES, CYCLE_BADGES, RFC_STATUS_BADGES, type CommentKind } from "~/modules/rfc/labels";

export function TextAreaField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  required,
  rows = 4,
  maxLength,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="fr-hint-text" id={`${id}-aide`}>
            {hint}
          </span>
        ) : null}
      </label>
      <textarea
        className={`fr-input${error ? " fr-input--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export type RadioOption = { value: string; label: ReactNode; hint?: string };

export function RadioField({
  id,
  name,
  legend,
  hint,
  options,
  defaultValue,
  error,
  inline = false,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: string;
  options: RadioOption[];
  defaultValue?: string | null;
  error?: string;
  inline?: boolean;
}) {
  const errorId = `${id}-erreur`;
  return (
    <fieldset className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`} id={id} aria-labelledby={`${id}-legende${error ? ` ${errorId}` : ""}`}>
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((o) => (
        <div className={`fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`} key={o.value}>
          <div className="fr-radio-group">
            <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={defaultValue === o.value} />
            <label className="fr-label" htmlFor={`${id}-${o.value}`}>
              {o.label}
              {o.hint ? <span className="fr-hint-text">{o.hint}</span> : null}
            </label>
          </div>
        </div>
      ))}
      {error ? (
        <div className="fr-messages-group" id={errorId} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}

/** A deadline as two native fields (date, time), read as Paris time by the server. */
export function DeadlineFields({ idPrefix, legend, hint, date, time, error }: { idPrefix: string; legend: string; hint?: string; date?: string; time?: string; error?: string }) {
  const errorId = `${idPrefix}-erreur`;
  return (
    <fieldset className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`} id={`${idPrefix}-echeance`} aria-labelledby={`${idPrefix}-legende${error ? ` ${errorId}` : ""}`}>
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
