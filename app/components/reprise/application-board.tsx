import { DataTable } from "~/components/data-table";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ExportLinks } from "~/components/export-links";
import { SubmitOrCancel, TextAreaField } from "~/components/fields";
import { RequestRowHeader } from "~/components/reprise-request";
import type { RefusalCode } from "~/utils/result";
import type { CampaignBoard } from "~/modules/reprise/dispatch-board.server";

type Board = CampaignBoard["applications"][number];

/** What the coordinator's board answers to a post (the page finds its form by `intent` and `id`). */
/** The two buttons that move a request in the list: the first cannot go up, the last cannot go down. */
const MOVES = [
  { intent: "monter", label: "Monter", icon: "fr-icon-arrow-up-line" },
  { intent: "descendre", label: "Descendre", icon: "fr-icon-arrow-down-line" },
] as const;

export type BoardAnswer = {
  intent: string;
  id?: string;
  ok: boolean;
  code?: RefusalCode;
  message?: string;
  details?: string[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

/** One application's part of the coordinator's board: the next list, its order and notes, the alerts. */
export function ApplicationBoard({
  board: b,
  confirming,
  result,
  busy,
}: {
  board: Board;
  confirming: boolean;
  result?: BoardAnswer;
  busy: boolean;
}) {
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const showConfirm = confirming && !b.sent && b.next.length > 0;
  useEffect(() => {
    if (showConfirm) confirmRef.current?.focus();
  }, [showConfirm]);
  const isOpales = b.application === "OPALES";
  const dispatched = result?.intent === "envoyer" && result.id === b.application ? result : undefined;
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (dispatched) outcomeRef.current?.focus();
  }, [dispatched]);
  return (
    <section className="fr-mt-6w" aria-labelledby={`liste-${b.application}`}>
      <h2 id={`liste-${b.application}`}>
        {b.application} — {b.service}
      </h2>
      {dispatched ? (
        <div
          className={`fr-alert ${dispatched.ok ? "fr-alert--success" : "fr-alert--error"} fr-mb-3w`}
          role={dispatched.ok ? "status" : "alert"}
          tabIndex={-1}
          ref={outcomeRef}
        >
          <p>{dispatched.message}</p>
          {dispatched.details ? <p className="fr-text--sm">{dispatched.details.join(" ")}</p> : null}
        </div>
      ) : null}

      <div className="fr-callout fr-mb-3w">
        {b.sent ? (
          <>
            <h3 className="fr-callout__title fr-h5">Liste {b.ofMonth} déjà envoyée</h3>
            <p className="fr-callout__text fr-text--md">
              {b.sent.early
                ? "Envoyée par anticipation le "
                : b.sent.late
                  ? "Envoyée en retard (liste de rattrapage) le "
                  : "Envoyée le "}
              {b.sent.atLabel}. Elle ne part qu'une fois par mois : l'envoi automatique de ce mois-ci ne l'enverra pas à
              nouveau.
            </p>
            <p className="fr-text--md fr-mb-0">
              Prochain envoi automatique : liste {b.nextDispatch.ofMonth}, le {b.nextDispatch.atLabel},{" "}
              <strong>{b.nextDispatch.countdown}</strong>.
            </p>
            <p className="fr-mt-2w fr-mb-0">
              <Link className="fr-link" to={`/etat/reprises/campagnes/${b.sent.id}`}>
                Voir la liste envoyée et ses fichiers
                <span className="fr-sr-only">
                  {" "}
                  ({b.application}, {b.monthLabel})
                </span>
              </Link>
            </p>
          </>
        ) : (
          <>
            <h3 className="fr-callout__title fr-h5">Prochain envoi : liste {b.ofMonth}</h3>
            <p className="fr-callout__text fr-text--md">
              Le {b.dispatchAtLabel}, <strong>{b.countdown}</strong>, à {b.service}
              {isOpales ? " et à chaque centre d'exploitation pour sa part" : ""}.
            </p>
            {b.shiftNote ? <p className="fr-text--sm fr-mb-1w">{b.shiftNote}</p> : null}
            {b.next.length > 0 && !showConfirm ? (
              <Link
                className="fr-btn fr-btn--secondary fr-icon-send-plane-line fr-btn--icon-left"
                to={`/cnsa/reprises?confirmer=${b.application}#envoi-${b.application}`}
                preventScrollReset
              >
                Envoyer la liste maintenant<span className="fr-sr-only"> ({b.application})</span>
              </Link>
            ) : null}
          </>
        )}
      </div>

      {showConfirm ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w" id={`envoi-${b.application}`}>
          <h3 className="fr-alert__title" tabIndex={-1} ref={confirmRef}>
            Envoyer maintenant la liste {b.application} {b.ofMonth} ?
          </h3>
          <p>
            {b.next.length} demande{b.next.length > 1 ? "s partiront" : " partira"} tout de suite vers {b.service}, avec
            la liste priorisée et le planning prévisionnel (XLSX, CSV et PDF). La liste ne part qu'une fois par mois :
            les demandes arrivées d'ici le 25 partiront avec la liste du mois suivant.
          </p>
          <Form method="post" className="fr-mt-2w" preventScrollReset>
            <input type="hidden" name="application" value={b.application} />
            <SubmitOrCancel
              label={`Confirmer l'envoi de la liste ${b.application}`}
              submit={{ name: "intent", value: "envoyer" }}
              busy={busy}
              small
              cancelTo="/cnsa/reprises"
              cancelClassName="fr-btn--tertiary"
              preventScrollReset
            />
          </Form>
        </div>
      ) : null}

      {b.sent ? (
        <p>
          Les demandes nouvelles, reportées ou à rejouer partiront avec la liste {b.nextDispatch.ofMonth}. Leur ordre se
          règle ici dès que cette liste est la prochaine ; en attendant, voyez-les dans toutes les demandes.
        </p>
      ) : (
        <>
          <DataTable
            caption={
              <>
                Liste {b.application} {b.ofMonth} : {b.next.length} demande{b.next.length > 1 ? "s" : ""}, par ordre de
                priorité
              </>
            }
            columns={[
              "Rang",
              "Demande",
              ...(isOpales ? ["Centre"] : []),
              "Date souhaitée",
              "État",
              "Ordre",
              "Note de la CNSA (jointe à la liste)",
            ]}
            rows={b.next}
            empty="Aucune demande à envoyer pour l'instant."
            row={(r) => {
              const mine = result && result.id === r.id ? result : undefined;
              const noteError = mine?.intent === "note" ? mine.errors?.note : undefined;
              return (
                <tr key={r.id}>
                  <td>{r.rank}</td>
                  <RequestRowHeader request={r} listBadges />
                  {isOpales ? (
                    <td>
                      {r.centre ?? (
                        <span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">
                          Aucun centre : retenue
                        </span>
                      )}
                    </td>
                  ) : null}
                  <td>{r.desiredDate}</td>
                  <td>
                    <span className={r.state.className}>{r.state.label}</span>
                  </td>
                  <td>
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="id" value={r.id} />
                      <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--icon-left">
                        {MOVES.map((move) => (
                          <li key={move.intent}>
                            <button
                              className={`fr-btn fr-btn--tertiary ${move.icon} fr-btn--icon-left`}
                              type="submit"
                              name="intent"
                              value={move.intent}
                              disabled={(move.intent === "monter" ? r.first : r.last) || busy}
                            >
                              {move.label}
                              <span className="fr-sr-only"> {r.reference}</span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    </Form>
                  </td>
                  <td>
                    <Form method="post" noValidate preventScrollReset>
                      <input type="hidden" name="id" value={r.id} />
                      <TextAreaField
                        id={`note-${r.id}`}
                        name="note"
                        label={<span className="fr-sr-only">Note de la CNSA pour {r.reference}</span>}
                        className="fr-mb-1w"
                        rows={2}
                        maxLength={2000}
                        defaultValue={mine?.intent === "note" && !mine.ok ? (mine.values?.note ?? r.note) : r.note}
                        error={noteError}
                      />
                      {mine?.intent === "note" && mine.ok ? (
                        <p className="fr-valid-text fr-mt-1w" role="status">
                          {mine.message}
                        </p>
                      ) : null}
                      <button
                        className="fr-btn fr-btn--sm fr-btn--secondary"
                        type="submit"
                        name="intent"
                        value="note"
                        disabled={busy}
                      >
                        Enregistrer la note<span className="fr-sr-only"> de {r.reference}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            }}
          />
          {b.next.length > 0 ? (
            <ExportLinks
              to={`/cnsa/reprises/export/prochaine-${b.application.toLowerCase()}`}
              what={`la prochaine liste ${b.application} (mêmes colonnes que la liste envoyée)`}
            />
          ) : null}
        </>
      )}

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div className="fr-col-12 fr-col-md-4">
          <DataTable
            className="fr-table--no-scroll fr-mb-0"
            captionClassName="fr-h5"
            caption={`Demandes ${b.application} en cours (${b.openTotal})`}
            columns={["État", "Nombre"]}
            rows={b.counts}
            row={(c) => (
              <tr key={c.status}>
                <th scope="row">
                  <span className={c.className}>{c.label}</span>
                </th>
                <td>
                  {c.count > 0 ? (
                    <Link to={`/cnsa/reprises/demandes?application=${b.application}&etat=${c.status}`}>
                      {c.count}
                      <span className="fr-sr-only"> — voir ces demandes</span>
                    </Link>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            )}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h3 className="fr-h5">Réponses de l'État en retard</h3>
          {b.overdueAnswers.length === 0 ? (
            <p className="fr-text--sm">Aucune : toutes les réponses attendues sont dans les délais.</p>
          ) : (
            <ul>
              {b.overdueAnswers.map((r) => (
                <li key={r.id}>
                  <Link to={`/reprises/${r.id}`}>{r.reference}</Link> — {r.mdph}, réponse attendue le {r.deadlineLabel}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <h3 className="fr-h5">Délais de validation qui se terminent bientôt</h3>
          {b.windowsEndingSoon.length === 0 ? (
            <p className="fr-text--sm">Aucun dans les cinq prochains jours ouvrés.</p>
          ) : (
            <ul>
              {b.windowsEndingSoon.map((r) => (
                <li key={r.id}>
                  <Link to={`/reprises/${r.id}`}>{r.reference}</Link> — {r.mdph}, jusqu'au {r.deadlineLabel} au soir
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
