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
export function TextField({ name, label, hint, error, defaultValue, type = "text", autoComplete, required, inputMode, pattern, maxLength, id }: FieldProps) {
  const inputId = id ?? `champ-${name}`;
  const describedBy = [hint ? `${inputId}-aide` : null, error ? `${inputId}-erreur` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {hint ? (
          <span className="fr-hint-text" id={`${inputId}-aide`}>
            {hint}
          </span>
        ) : null}
      </label>
      <input
        className={`fr-input${error ? " fr-input--error" : ""}`}
        id={inputId}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        pattern={pattern}
        maxLength={maxLength}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      {error ? (
        <p className="fr-error-text" id={`${inputId}-erreur`}>
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

export function Notice({ message, kind = "success" }: { message?: string | null; kind?: "success" | "info" | "warning" }) {
  if (!message) return null;
  return (
    <div className={`fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w`} role="status">
      <p>{message}</p>
    </div>
  );
}
