import type { ReactNode } from "react";

/** A form's submit button that names the step it asks for: its value is the form's intent. */
export function IntentButton({
  intent,
  secondary,
  busy,
  children,
}: {
  intent: string;
  secondary?: boolean;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <button
      className={`fr-btn${secondary ? " fr-btn--secondary" : ""}`}
      type="submit"
      name="intent"
      value={intent}
      disabled={busy}
    >
      {children}
    </button>
  );
}
