import { Link } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  type?: InputHTMLAttributes<HTMLInputElement>["type"];
  autoComplete?: string;
  required?: boolean;
  inputMode?: InputHTMLAttributes<HTMLInputElement>["inputMode"];
  pattern?: string;
  maxLength?: number;
  id?: string;
};

/** A DSFR text input with its label, hint and error message wired for screen readers. */
export function TextField({
  name,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  required,
  inputMode,
  pattern,
  maxLength,
  id,
}: FieldProps) {
  return (
    <FieldGroup id={id} name={name} kind="input" label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type={type}
          defaultValue={defaultValue}
          autoComplete={autoComplete}
          required={required}
          inputMode={inputMode}
          pattern={pattern}
          maxLength={maxLength}
        />
      )}
    </FieldGroup>
  );
}

/**
 * An e-mail address field, required: « Adresse électronique », with the expected format as its
 * hint unless `formatHint` is false. `autoComplete` says whose address it is ("username" on the
 * sign-in form, "off" for someone else's).
 */
export function EmailField({
  name,
  autoComplete,
  formatHint = true,
  maxLength,
  defaultValue,
  error,
}: {
  name: string;
  autoComplete: "username" | "email" | "off";
  formatHint?: boolean;
  maxLength?: number;
  defaultValue?: string;
  error?: string;
}) {
  return (
    <TextField
      name={name}
      label="Adresse électronique"
      hint={formatHint ? "Format attendu : prenom.nom@exemple.fr" : undefined}
      type="email"
      autoComplete={autoComplete}
      required
      maxLength={maxLength}
      defaultValue={defaultValue}
      error={error}
    />
  );
}

/**
 * What a control of a FieldGroup carries: its id and name, its DSFR class (error state included)
 * and the ARIA attributes that tie it to its hint and error message.
 */
type FieldControl = {
  id: string;
  name?: string;
  className: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/**
 * The DSFR group around one control (text input, textarea, select): its label, hint and error
 * message, with the ids the control points to so that screen readers read them with it. The
 * control's id defaults to `champ-<name>`.
 */
export function FieldGroup({
  id: givenId,
  name,
  kind,
  label,
  hint,
  error,
  groupId,
  className,
  children,
}: {
  /** Defaults to `champ-<name>`. */
  id?: string;
  name?: string;
  kind: "input" | "select";
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The group's own id, for a control that another element points to as a whole (aria-controls). */
  groupId?: string;
  /** Classes added to the group's (a margin, a layout hook). */
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = givenId ?? `champ-${name}`;
  const describedBy =
    [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div
      id={groupId}
      className={[`fr-${kind}-group`, error ? `fr-${kind}-group--error` : null, className].filter(Boolean).join(" ")}
    >
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? (
          <span className="fr-hint-text" id={`${id}-aide`}>
            {hint}
          </span>
        ) : null}
      </label>
      {children({
        id,
        name,
        className: `fr-${kind}${error ? ` fr-${kind}--error` : ""}`,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
      })}
      {error ? (
        <p className="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A summary at the top of a form, focused so screen-reader users hear what went wrong. */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert" tabIndex={-1}>
      <p>{message}</p>
    </div>
  );
}

export function Notice({
  message,
  kind = "success",
}: {
  message?: string | null;
  kind?: "success" | "info" | "warning";
}) {
  if (!message) return null;
  return (
    <div className={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`} role="status">
      <p>{message}</p>
    </div>
  );
}

/** A DSFR multi-line text field with its label, hint and error message wired for screen readers. */
export function TextAreaField({
  defaultValue,
  required,
  rows = 4,
  maxLength,
  ...group
}: {
  /** Defaults to `champ-<name>`, like TextField. */
  id?: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Classes added to the field's group (a margin). */
  className?: string;
  defaultValue?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <FieldGroup {...group} kind="input">
      {(control) => (
        <textarea {...control} rows={rows} defaultValue={defaultValue} required={required} maxLength={maxLength} />
      )}
    </FieldGroup>
  );
}

/**
 * A DSFR fieldset: its legend and hint, the grouped fields, and one error message that the legend
 * points screen readers to. `idPrefix` names the legend and the message when the fieldset's own id differs.
 */
export function Fieldset({
  id,
  idPrefix = id,
  legend,
  hint,
  error,
  live = "polite",
  children,
}: {
  id: string;
  idPrefix?: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  /** "assertive" where the form sits among others on a busy page and the message must interrupt. */
  live?: "polite" | "assertive";
  children: ReactNode;
}) {
  const errorId = `${idPrefix}-erreur`;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id={id}
      aria-labelledby={`${idPrefix}-legende${error ? ` ${errorId}` : ""}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${idPrefix}-legende`}>
        {legend}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </legend>
      {children}
      {error ? (
        <div className="fr-messages-group" id={errorId} aria-live={live}>
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
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
  required,
  live,
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: string;
  options: RadioOption[];
  defaultValue?: string | null;
  error?: string;
  inline?: boolean;
  required?: boolean;
  live?: "polite" | "assertive";
}) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} live={live}>
      {options.map((o) => (
        <div className={`fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`} key={o.value}>
          <div className="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={name}
              value={o.value}
              defaultChecked={defaultValue === o.value}
              required={required}
            />
            <label className="fr-label" htmlFor={`${id}-${o.value}`}>
              {o.label}
              {o.hint ? <span className="fr-hint-text">{o.hint}</span> : null}
            </label>
          </div>
        </div>
      ))}
    </Fieldset>
  );
}

/** A single DSFR checkbox (an attestation, a confirmation) with its hint and error message. */
export function CheckboxField({
  id: givenId,
  name,
  value,
  label,
  hint,
  error,
  defaultChecked,
  required,
}: {
  /** Defaults to `champ-<name>`, like TextField. */
  id?: string;
  name: string;
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  required?: boolean;
}) {
  const id = givenId ?? `champ-${name}`;
  return (
    <div className={`fr-checkbox-group fr-mb-3w${error ? " fr-checkbox-group--error" : ""}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        required={required}
        defaultChecked={defaultChecked}
        aria-describedby={error ? `${id}-erreur` : undefined}
        aria-invalid={error ? true : undefined}
      />
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint ? <span className="fr-hint-text">{hint}</span> : null}
      </label>
      {error ? (
        <div className="fr-messages-group" id={`${id}-erreur`} aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </div>
  );
}

/** The 6-digit code of an authenticator app, offered to the browser's one-time-code autofill. */
export function OneTimeCodeField({
  label = "Code de vérification",
  hint,
  maxLength,
}: {
  label?: string;
  hint?: string;
  maxLength?: number;
}) {
  return (
    <TextField
      name="code"
      label={label}
      hint={hint}
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      maxLength={maxLength}
    />
  );
}

/** Above a form sent back: the notice of what was saved, or the summary of its field errors. */
export function FormOutcome({ notice, errors }: { notice?: string | null; errors?: Record<string, string> | null }) {
  return (
    <>
      <Notice message={notice} />
      <FormError
        message={errors ? "Le formulaire contient des erreurs : corrigez les champs signalés ci-dessous." : null}
      />
    </>
  );
}

/**
 * A form's buttons: submit, and a link back that leaves without saving. `submit` carries the
 * intent when the page has several forms.
 */
export function SubmitOrCancel({
  label,
  busy,
  cancelTo,
  submit,
  small = false,
  className = "",
  cancelClassName = "fr-btn--secondary",
  preventScrollReset,
}: {
  label: ReactNode;
  busy: boolean;
  cancelTo: string;
  submit?: { name: string; value: string };
  small?: boolean;
  /** Spacing classes of the group. */
  className?: string;
  cancelClassName?: string;
  preventScrollReset?: boolean;
}) {
  return (
    <ul
      className={`fr-btns-group fr-btns-group--inline-md${small ? " fr-btns-group--sm" : ""}${className ? ` ${className}` : ""}`}
    >
      <li>
        <button className="fr-btn" type="submit" name={submit?.name} value={submit?.value} disabled={busy}>
          {label}
        </button>
      </li>
      <li>
        <Link className={`fr-btn ${cancelClassName}`} to={cancelTo} preventScrollReset={preventScrollReset}>
          Annuler
        </Link>
      </li>
    </ul>
  );
}
