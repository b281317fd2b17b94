import type { ReactNode } from "react";

/** One small DSFR checkbox among a fieldset's choices; the fieldset carries the legend and the error message. */
export function CheckboxChoice({
  name,
  id,
  value,
  label,
  defaultChecked,
  inline = false,
  className = `fr-fieldset__element${inline ? " fr-fieldset__element--inline" : ""}`,
}: {
  name: string;
  id: string;
  value: string;
  label: ReactNode;
  defaultChecked?: boolean;
  inline?: boolean;
  /** The wrapper's class, when the choice sits in a grid column rather than a fieldset element. */
  className?: string;
}) {
  return (
    <div className={className}>
      <div className="fr-checkbox-group fr-checkbox-group--sm">
        <input type="checkbox" name={name} id={id} value={value} defaultChecked={defaultChecked} />
        <label className="fr-label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
