import type { TimelineEntry } from "~/modules/workflow/engine.server";
import { formatDateTime } from "~/utils/format";

/** An entry of the engine's event log, as the page shows it (the payload stays on the server). */
export type TimelineItem = Omit<TimelineEntry, "payload"> & {
  /** Optional details already worded in French (a comment, a date…). */
  details?: string[];
};

/**
 * The engine's entries without their payloads, which may hold what the page must not send to the browser;
 * `details` words, from an entry and its payload, what the page shows of it.
 */
export function timelineItems(entries: TimelineEntry[], details?: (entry: TimelineEntry) => string[]): TimelineItem[] {
  return entries.map((entry) => {
    const { payload: _payload, ...item } = entry;
    return details ? { ...item, details: details(entry) } : item;
  });
}

/** A record's history, oldest first: who did what, when, and the state it moved to. */
export function Timeline({ items, title = "Historique" }: { items: TimelineItem[]; title?: string }) {
  return (
    <section aria-labelledby="historique-titre" className="fr-mt-4w">
      <h2 id="historique-titre" className="fr-h4">
        {title}
      </h2>
      {items.length === 0 ? (
        <p>Aucun événement enregistré.</p>
      ) : (
        <ol className="app-timeline fr-raw-list">
          {items.map((item) => (
            <li key={item.seq}>
              <p className="fr-mb-0">
                <strong>{item.eventLabel}</strong>
                {item.fromLabel && item.fromLabel !== item.toLabel ? (
                  <>
                    {" "}
                    — de « {item.fromLabel} » à « {item.toLabel} »
                  </>
                ) : item.fromLabel ? null : (
                  <> — état « {item.toLabel} »</>
                )}
              </p>
              <p className="fr-text--sm fr-mb-0">
                <time dateTime={item.at}>{formatDateTime(item.at)}</time> · {item.actorLabel}
              </p>
              {item.details?.map((detail) => (
                <p key={detail} className="fr-text--sm fr-mb-0">
                  {detail}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
