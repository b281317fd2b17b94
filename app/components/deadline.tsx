import { LateBadge } from "./group-status";

/** A deadline in a table cell ("—" when there is none), with the "En retard" badge once it has passed. */
export function Deadline({ date, late }: { date: string | null | undefined; late: boolean }) {
  return (
    <>
      {date ?? "—"}
      {late ? (
        <>
          {" "}
          <LateBadge />
        </>
      ) : null}
    </>
  );
}
