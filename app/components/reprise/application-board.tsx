import { DataTable } from "~/components/data-table";
import { Form, Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ExportLinks } from "~/components/export-links";
import { Pagination } from "~/components/pagination";
import { SubmitOrCancel, TextAreaField } from "~/components/fields";
import { stateBadge } from "~/modules/reprise/state-badge";
import { RequestRowHeader } from "~/components/reprise-request";
import type { RefusalCode } from "~/utils/result";
import type { CampaignBoard } from "~/modules/reprise/dispatch-board.server";

type Board = CampaignBoard["applications"][number];

/** The two buttons that move the chosen request in its list (the order refuses to move the first up, the last down). */
const MOVES = [
  { intent: "monter", label: "Monter", icon: "fr-icon-arrow-up-line" },
  { intent: "descendre", label: "Descendre", icon: "fr-icon-arrow-down-line" },
] as const;

const isMove = (intent: string) => MOVES.some((move) => move.intent === intent);

/** What the coordinator's board answers to a post (the page finds its form by `intent` and `id`, a move's list by `application`). */
export type BoardAnswer = {
  intent: string;
  id?: string;
  application?: string;
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
  annotating,
  result,
  busy,
}: {
  board: Board;
  confirming: boolean;
  /** The coordinator asked to edit a note of this list: the request chosen, if any. */
  annotating: { id: string | null } | null;
  result?: BoardAnswer;
  busy: boolean;
}) {
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const showConfirm = confirming && !b.sent && b.nextTotal > 0;
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
            {b.nextTotal > 0 && !showConfirm ? (
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
            {b.nextTotal} demande{b.nextTotal > 1 ? "s partiront" : " partira"} tout de suite vers {b.service}, avec la
            liste priorisée et le planning prévisionnel (XLSX, CSV et PDF). La liste ne part qu'une fois par mois : les
            demandes arrivées d'ici le 25 partiront avec la liste du mois suivant.
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
          <NextListTable board={b} annotating={annotating} result={result} busy={busy} />
          {b.nextTotal > 0 ? (
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
          <AlertList
            title="Réponses de l'État en retard"
            none="Aucune : toutes les réponses attendues sont dans les délais."
            rows={b.overdueAnswers}
            due={(r) => `réponse attendue le ${r.deadlineLabel}`}
            total={b.overdueAnswerCount}
            more={{ state: "transmise", what: "demandes transmises", application: b.application }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <AlertList
            title="Délais de validation qui se terminent bientôt"
            none="Aucun dans les cinq prochains jours ouvrés."
            rows={b.windowsEndingSoon}
            due={(r) => `jusqu'au ${r.deadlineLabel} au soir`}
            total={b.windowsEndingSoonCount}
            more={{ state: "enValidation", what: "demandes en validation", application: b.application }}
          />
        </div>
      </div>
    </section>
  );
}

/**
 * The next list in priority order. About 200 rows at national scale, so no form per row: the
 * rank is a radio that chooses a request, and one toolbar per list moves it or opens its note
 * (a GET: the note's form then shows in that row only).
 */
function NextListTable({
  board: b,
  annotating,
  result,
  busy,
}: {
  board: Board;
  annotating: { id: string | null } | null;
  result?: BoardAnswer;
  busy: boolean;
}) {
  const orderForm = `ordre-${b.application}`;
  const isOpales = b.application === "OPALES";
  const moved = result && isMove(result.intent) && result.application === b.application ? result : undefined;
  const noted = result?.intent === "note" ? result : undefined;
  // The request last moved or annotated stays chosen, so that a second "Monter" moves it again.
  const chosen = annotating?.id ?? moved?.id ?? noted?.id;
  const editing = annotating?.id ?? (noted && !noted.ok ? noted.id : undefined);
  const movedRow = moved?.ok ? b.next.find((r) => r.id === moved.id) : undefined;
  // Moved past the first or last row of this page: it now heads or ends the page next to it.
  const movedToPage = moved?.ok && !movedRow ? b.page + (moved.intent === "monter" ? -1 : 1) : null;
  const unchosenNote = annotating && !b.next.some((r) => r.id === annotating.id);
  const pageParam = `page-${b.application}`;
  return (
    <>
      {b.nextTotal > 0 ? (
        <Form method="post" id={orderForm} preventScrollReset className="app-list-toolbar">
          <input type="hidden" name="application" value={b.application} />
          {/* The note's GET keeps the page the coordinator is on. */}
          {b.page > 1 ? <input type="hidden" name={pageParam} value={b.page} /> : null}
          <p className="fr-text--sm fr-mb-1w">Choisissez une demande par son rang dans la liste, puis :</p>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left fr-mb-0">
            {MOVES.map((move) => (
              <li key={move.intent}>
                <button
                  className={`fr-btn fr-btn--secondary ${move.icon}`}
                  type="submit"
                  name="intent"
                  value={move.intent}
                  disabled={busy}
                >
                  {move.label}
                  <span className="fr-sr-only"> la demande choisie de la liste {b.application}</span>
                </button>
              </li>
            ))}
            <li>
              <button
                className="fr-btn fr-btn--secondary fr-icon-edit-line"
                type="submit"
                formMethod="get"
                name="annoter"
                value="oui"
                disabled={busy}
              >
                Modifier la note<span className="fr-sr-only"> de la demande choisie de la liste {b.application}</span>
              </button>
            </li>
          </ul>
          {movedRow ? (
            <p className="fr-text--sm fr-mb-0" role="status">
              {movedRow.reference} est maintenant au rang {movedRow.rank}.
            </p>
          ) : null}
          {movedToPage ? (
            <p className="fr-text--sm fr-mb-0" role="status">
              La demande choisie est passée en{" "}
              <Link to={`/cnsa/reprises?${pageParam}=${movedToPage}#liste-${b.application}`}>page {movedToPage}</Link>{" "}
              de la liste.
            </p>
          ) : null}
          {moved && !moved.ok ? (
            <p className="fr-error-text fr-mt-0" role="alert">
              {moved.message}
            </p>
          ) : null}
          {unchosenNote ? (
            <p className="fr-error-text fr-mt-0" role="alert">
              Choisissez d'abord, par son rang, la demande dont vous voulez modifier la note.
            </p>
          ) : null}
        </Form>
      ) : null}
      <DataTable
        caption={
          <>
            Liste {b.application} {b.ofMonth} : {b.nextTotal} demande{b.nextTotal > 1 ? "s" : ""}, par ordre de priorité
            {b.pageCount > 1 ? ` (page ${b.page} sur ${b.pageCount})` : ""}
          </>
        }
        columns={[
          "Rang",
          "Demande",
          ...(isOpales ? ["Centre"] : []),
          "Date souhaitée",
          "État",
          "Note de la CNSA (jointe à la liste)",
        ]}
        rows={b.next}
        empty="Aucune demande à envoyer pour l'instant."
        row={(r) => {
          const state = stateBadge(r.status);
          return (
            <tr key={r.id}>
              <td>
                <div className="fr-radio-group fr-radio-group--sm">
                  <input
                    type="radio"
                    id={`rang-${r.id}`}
                    name="id"
                    value={r.id}
                    form={orderForm}
                    defaultChecked={chosen === r.id}
                  />
                  <label className="fr-label" htmlFor={`rang-${r.id}`}>
                    {r.rank}
                    <span className="fr-sr-only"> : choisir {r.reference}</span>
                  </label>
                </div>
              </td>
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
                <span className={state.className}>{state.label}</span>
              </td>
              <td>
                {editing === r.id ? (
                  <NoteEditor
                    request={r}
                    result={noted}
                    busy={busy}
                    cancelTo={`/cnsa/reprises#liste-${b.application}`}
                  />
                ) : (
                  r.note
                )}
              </td>
            </tr>
          );
        }}
      />
      <Pagination
        page={b.page}
        pageCount={b.pageCount}
        label={`Pages de la liste ${b.application}`}
        param={pageParam}
        fragment={`#liste-${b.application}`}
        omit={["annoter", "id", "application", "confirmer"]}
      />
    </>
  );
}

/** One of the board's alert lists: its first requests with their deadline, then how many more and where they all are. */
function AlertList({
  title,
  none,
  rows,
  due,
  total,
  more,
}: {
  title: string;
  none: string;
  rows: Board["overdueAnswers"];
  due: (row: Board["overdueAnswers"][number]) => string;
  total: number;
  more: { state: string; what: string; application: string };
}) {
  return (
    <>
      <h3 className="fr-h5">{title}</h3>
      {rows.length === 0 ? (
        <p className="fr-text--sm">{none}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <Link to={`/reprises/${r.id}`}>{r.reference}</Link> — {r.mdph}, {due(r)}
            </li>
          ))}
          {total > rows.length ? (
            <li>
              et {total - rows.length} autre{total - rows.length > 1 ? "s" : ""} :{" "}
              <Link to={`/cnsa/reprises/demandes?application=${more.application}&etat=${more.state}`}>
                voir toutes les {more.what}
              </Link>
            </li>
          ) : null}
        </ul>
      )}
    </>
  );
}

/** The note of one request of the next list, opened from the toolbar; it takes the focus when it opens. */
function NoteEditor({
  request: r,
  result,
  busy,
  cancelTo,
}: {
  request: Board["next"][number];
  result?: BoardAnswer;
  busy: boolean;
  cancelTo: string;
}) {
  const mine = result && result.id === r.id ? result : undefined;
  const id = `note-${r.id}`;
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
  return (
    <Form method="post" noValidate preventScrollReset>
      <input type="hidden" name="id" value={r.id} />
      <TextAreaField
        id={id}
        name="note"
        label={<span className="fr-sr-only">Note de la CNSA pour {r.reference}</span>}
        className="fr-mb-1w"
        rows={3}
        maxLength={2000}
        defaultValue={mine && !mine.ok ? (mine.values?.note ?? r.note) : r.note}
        error={mine?.errors?.note}
      />
      {mine?.ok ? (
        <p className="fr-valid-text fr-mt-1w" role="status">
          {mine.message}
        </p>
      ) : null}
      <SubmitOrCancel
        label={
          <>
            Enregistrer la note<span className="fr-sr-only"> de {r.reference}</span>
          </>
        }
        submit={{ name: "intent", value: "note" }}
        busy={busy}
        small
        cancelTo={cancelTo}
        cancelClassName="fr-btn--tertiary"
        preventScrollReset
      />
    </Form>
  );
}
