import { stateBadgeClassName, stateLabel } from "~/modules/reprise/state-badge";

/**
 * A reprise request's state as a DSFR badge (e.g. "Transmise au service de l'État"), with the
 * same colours on every page. `size="md"` is the full-size badge of the request's own page.
 */
export function RepriseStatus({
  status,
  size = "sm",
  className,
}: {
  status: string;
  size?: "sm" | "md";
  className?: string;
}) {
  const classes = stateBadgeClassName(status, { small: size === "sm" });
  return <span className={className ? `${classes} ${className}` : classes}>{stateLabel(status)}</span>;
}
