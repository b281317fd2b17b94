import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { Breadcrumb } from "~/components/breadcrumb";
import { ExportLinks } from "~/components/export-links";
import { FormError, Notice } from "~/components/fields";
import { RequestRowHeader } from "~/components/reprise-request";
import { dispatchBoard, type CampaignBoard } from "~/modules/reprise/dispatch-board.server";
import { assignOpalesCentre } from "~/modules/organisations/admin.server";
import { dispatchEarly } from "~/modules/reprise/campaign.server";
import { movePriority, setCoordinatorNote } from "~/modules/reprise/request-commands.server";
import { SERVICE_LABELS } from "~/modules/reprise/rules";
import { coordinatorAccess } from "~/modules/reprise/policy.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { multiLineText, parseForm } from "~/utils/forms";
import type { RefusalCode } from "~/utils/result";
import { answer, intentOf, orRefusal, unknownIntent } from "~/utils/intent.server";

export const meta: MetaFunction = () => [
  { title: "Campagne de reprise ITAC et OPALES — Coordination CNSA — Passerelles" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  orRefusal(coordinatorAccess(user));
  const confirm = new URL(request.url).searchParams.get("confirmer");
  return { board: await dispatchBoard(now()), confirm: confirm === "ITAC" || confirm === "OPALES" ? confirm : null };
}

const application = z.enum(["ITAC", "OPALES"], {
  errorMap: () => ({ message: "Choisissez l'application : ITAC ou OPALES." }),
});
const requestId = z.string({ required_error: "Demande inconnue." }).min(1, "Demande inconnue.");
const noteSchema = z.object({
  id: requestId,
  note: multiLineText().max(2000, "La note ne peut pas dépasser 2 000 caractères.").default(""),
});
const centreSchema = z.object({
  departement: z.string({ required_error: "Département inconnu." }).regex(/^(\d{2,3}|2[AB])$/, "Département inconnu."),
  centre: z.enum(["RENNES", "VERSAILLES"], {
    errorMap: () => ({ message: "Choisissez le centre d'exploitation : Rennes ou Versailles." }),
  }),
});

type ActionResult = {
  intent: string;
  id?: string;
  ok: boolean;
  code?: RefusalCode;
  message?: string;
  details?: string[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

export async function action(args: ActionFunctionArgs) {
  return answer(await act(args));
}

async function act({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireUser(request);
  orRefusal(coordinatorAccess(user));
  const form = await request.formData();
  const intent = intentOf(form);
  switch (intent) {
    case "monter":
    case "descendre": {
      const id = requestId.safeParse(form.get("id"));
      if (!id.success) throw new Response("Demande inconnue.", { status: 400 });
      const moved = await movePriority(user, id.data, intent === "monter" ? "haut" : "bas");
      return moved.ok
        ? { intent, id: id.data, ok: true }
        : { intent, id: id.data, ok: false, code: moved.code, message: moved.message };
    }
    case "note": {
      const parsed = parseForm(noteSchema, form);
      if (!parsed.ok)
        return { intent, id: String(form.get("id") ?? ""), ok: false, errors: parsed.errors, values: parsed.values };
      const noted = await setCoordinatorNote(user, parsed.data.id, parsed.data.note);
      if (!noted.ok) return { intent, id: parsed.data.id, ok: false, code: noted.code, message: noted.message };
      return {
        intent,
        id: parsed.data.id,
        ok: true,
        message: parsed.data.note.trim() ? "Note enregistrée." : "Note effacée.",
      };
    }
    case "envoyer": {
      const app = application.safeParse(form.get("application"));
      if (!app.success) return { intent, ok: false, message: app.error.issues[0].message };
      const result = await dispatchEarly(user, app.data);
      if (!result.ok) return { intent, id: app.data, ok: false, message: result.message };
      const count = `${result.sent} demande${result.sent > 1 ? "s" : ""}`;
      return {
        intent,
        id: app.data,
        ok: true,
        message:
          result.sent > 0
            ? `La liste ${app.data} est partie : ${count} envoyée${result.sent > 1 ? "s" : ""} à ${SERVICE_LABELS[app.data]} avec leurs fichiers (XLSX, CSV, PDF).`
            : `La liste ${app.data} est enregistrée sans demande : aucun fichier n'a été envoyé.`,
        details:
          result.skipped.length > 0
            ? ["Non envoyées, faute de centre d'exploitation OPALES :", ...result.skipped]
            : undefined,
      };
    }
    case "centre": {
      const parsed = parseForm(centreSchema, form);
      const departement = String(form.get("departement") ?? "");
      if (!parsed.ok) return { intent, id: departement, ok: false, errors: parsed.errors, values: parsed.values };
      const assigned = await assignOpalesCentre(user, parsed.data.departement, parsed.data.centre);
      if (!assigned.ok)
        return { intent, id: departement, ok: false, errors: { centre: assigned.message }, values: parsed.data };
      return {
        intent,
        id: departement,
        ok: true,
        message: `Département ${departement} rattaché au centre d'exploitation de ${parsed.data.centre === "RENNES" ? "Rennes" : "Versailles"}.`,
      };
    }
    default:
      unknownIntent();
  }
}

type Board = CampaignBoard["applications"][number];

export default function CampaignBoardPage() {
  const { board, confirm } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const moveFailure =
    result && (result.intent === "monter" || result.intent === "descendre") && !result.ok ? result : null;
  return (
    <>
      <Breadcrumb items={[{ label: "Coordination CNSA", to: "/cnsa" }]} current="Campagne de reprise" />
      <h1>Campagne de reprise ITAC et OPALES</h1>
      <p className="fr-text--lead">
        Nous sommes le {board.todayLabel}. La CNSA envoie chaque mois aux services de l'État la liste priorisée des
        demandes, au plus tard le 25, pour une planification le mois suivant.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/cnsa/reprises/demandes">
            Toutes les demandes
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/cnsa/reprises/avenants">
            Avenants et outil de consultation
          </Link>
        </li>
        <li>
          <Link className="fr-btn fr-btn--secondary" to="/cnsa/reprises/parametres">
            Jour et heure d'envoi, rappels
          </Link>
        </li>
      </ul>

      {moveFailure ? <FormError message={moveFailure.message} /> : null}

      {board.unassigned.length > 0 ? (
        <UnassignedDepartements
          unassigned={board.unassigned}
          result={result?.intent === "centre" ? result : undefined}
          busy={busy}
        />
      ) : null}
      {result?.intent === "centre" && result.ok ? <Notice message={result.message} /> : null}

      <nav className="fr-summary fr-my-3w" role="navigation" aria-labelledby="sommaire-titre">
        <p className="fr-summary__title" id="sommaire-titre">
          Sur cette page
        </p>
        <ol className="fr-summary__list">
          {board.applications.map((b) => (
            <li key={b.application}>
              <a className="fr-summary__link" href={`#liste-${b.application}`}>
                {b.application} — {b.service}
              </a>
            </li>
          ))}
          <li>
            <a className="fr-summary__link" href="#listes-envoyees">
              Listes déjà envoyées
            </a>
          </li>
        </ol>
      </nav>

      {board.applications.map((b) => (
        <ApplicationBoard
          key={b.application}
          board={b}
          confirming={confirm === b.application}
          result={result}
          busy={busy}
        />
      ))}

      <section className="fr-mt-6w" aria-labelledby="listes-envoyees">
        <h2 id="listes-envoyees">Listes déjà envoyées</h2>
        {board.recent.length === 0 ? (
          <p>Aucune liste n'a encore été envoyée.</p>
        ) : (
          <div className="fr-table fr-table--sm">
            <table>
              <caption>Six dernières listes mensuelles envoyées aux services de l'État</caption>
              <thead>
                <tr>
                  <th scope="col">Liste</th>
                  <th scope="col">Envoyée le</th>
                  <th scope="col">Demandes</th>
                  <th scope="col">Réponse attendue au plus tard le</th>
                </tr>
              </thead>
              <tbody>
                {board.recent.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/etat/reprises/campagnes/${c.id}`}>
                        {c.application} — {c.monthLabel}
                      </Link>
                    </th>
                    <td>
                      {c.dispatchedAt}{" "}
                      {c.early ? (
                        <span className="fr-badge fr-badge--sm fr-badge--no-icon">Par anticipation</span>
                      ) : null}
                      {c.late ? (
                        <span className="fr-badge fr-badge--sm fr-badge--warning">Envoyée en retard</span>
                      ) : null}
                    </td>
                    <td>{c.count}</td>
                    <td>{c.answerDeadline}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" to="/cnsa/reprises/demandes">
            Voir toutes les demandes de reprise
          </Link>
        </p>
        <ExportLinks to="/cnsa/reprises/export/demandes" what="toutes les demandes de reprise" confirm />
      </section>
    </>
  );
}

function ApplicationBoard({
  board: b,
  confirming,
  result,
  busy,
}: {
  board: Board;
  confirming: boolean;
  result?: ActionResult;
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
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
              <li>
                <button className="fr-btn" type="submit" name="intent" value="envoyer" disabled={busy}>
                  Confirmer l'envoi de la liste {b.application}
                </button>
              </li>
              <li>
                <Link className="fr-btn fr-btn--tertiary" to="/cnsa/reprises" preventScrollReset>
                  Annuler
                </Link>
              </li>
            </ul>
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
          <div className="fr-table fr-table--sm">
            <table>
              <caption>
                Liste {b.application} {b.ofMonth} : {b.next.length} demande{b.next.length > 1 ? "s" : ""}, par ordre de
                priorité
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rang</th>
                  <th scope="col">Demande</th>
                  {isOpales ? <th scope="col">Centre</th> : null}
                  <th scope="col">Date souhaitée</th>
                  <th scope="col">État</th>
                  <th scope="col">Ordre</th>
                  <th scope="col">Note de la CNSA (jointe à la liste)</th>
                </tr>
              </thead>
              <tbody>
                {b.next.length === 0 ? (
                  <tr>
                    <td colSpan={isOpales ? 7 : 6}>Aucune demande à envoyer pour l'instant.</td>
                  </tr>
                ) : (
                  b.next.map((r) => {
                    const mine = result && result.id === r.id ? result : undefined;
                    const noteError = mine?.intent === "note" ? mine.errors?.note : undefined;
                    const noteId = `note-${r.id}`;
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
                              <li>
                                <button
                                  className="fr-btn fr-btn--tertiary fr-icon-arrow-up-line fr-btn--icon-left"
                                  type="submit"
                                  name="intent"
                                  value="monter"
                                  disabled={r.first || busy}
                                >
                                  Monter<span className="fr-sr-only"> {r.reference}</span>
                                </button>
                              </li>
                              <li>
                                <button
                                  className="fr-btn fr-btn--tertiary fr-icon-arrow-down-line fr-btn--icon-left"
                                  type="submit"
                                  name="intent"
                                  value="descendre"
                                  disabled={r.last || busy}
                                >
                                  Descendre<span className="fr-sr-only"> {r.reference}</span>
                                </button>
                              </li>
                            </ul>
                          </Form>
                        </td>
                        <td>
                          <Form method="post" noValidate preventScrollReset>
                            <input type="hidden" name="id" value={r.id} />
                            <div className={`fr-input-group fr-mb-1w${noteError ? " fr-input-group--error" : ""}`}>
                              <label className="fr-label fr-sr-only" htmlFor={noteId}>
                                Note de la CNSA pour {r.reference}
                              </label>
                              <textarea
                                className={`fr-input${noteError ? " fr-input--error" : ""}`}
                                id={noteId}
                                name="note"
                                rows={2}
                                maxLength={2000}
                                defaultValue={
                                  mine?.intent === "note" && !mine.ok ? (mine.values?.note ?? r.note) : r.note
                                }
                                aria-describedby={noteError ? `${noteId}-erreur` : undefined}
                                aria-invalid={noteError ? true : undefined}
                              />
                              {noteError ? (
                                <p className="fr-error-text" id={`${noteId}-erreur`}>
                                  {noteError}
                                </p>
                              ) : null}
                              {mine?.intent === "note" && mine.ok ? (
                                <p className="fr-valid-text fr-mt-1w" role="status">
                                  {mine.message}
                                </p>
                              ) : null}
                            </div>
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
                  })
                )}
              </tbody>
            </table>
          </div>
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
          <div className="fr-table fr-table--sm fr-table--no-scroll fr-mb-0">
            <table>
              <caption className="fr-h5">
                Demandes {b.application} en cours ({b.openTotal})
              </caption>
              <thead>
                <tr>
                  <th scope="col">État</th>
                  <th scope="col">Nombre</th>
                </tr>
              </thead>
              <tbody>
                {b.counts.map((c) => (
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
                ))}
              </tbody>
            </table>
          </div>
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

function UnassignedDepartements({
  unassigned,
  result,
  busy,
}: {
  unassigned: { code: string; name: string }[];
  result?: ActionResult;
  busy: boolean;
}) {
  return (
    <section className="fr-alert fr-alert--warning fr-mb-3w" aria-labelledby="sans-centre-titre">
      <h2 className="fr-alert__title" id="sans-centre-titre">
        Départements sans centre d'exploitation OPALES
      </h2>
      <p>
        La circulaire ne rattache pas ces départements à un centre. Leurs demandes OPALES restent hors des listes tant
        qu'ils ne le sont pas : choisissez Rennes ou Versailles.
      </p>
      {unassigned.map((d) => {
        const mine = result && result.id === d.code && !result.ok ? result : undefined;
        const error = mine?.errors?.centre;
        const groupId = `centre-${d.code}`;
        return (
          <Form method="post" key={d.code} className="fr-mt-2w" preventScrollReset>
            <input type="hidden" name="departement" value={d.code} />
            <fieldset
              className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
              id={groupId}
              aria-labelledby={`${groupId}-legende${error ? ` ${groupId}-erreur` : ""}`}
            >
              <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id={`${groupId}-legende`}>
                {d.name} ({d.code})
              </legend>
              {(["RENNES", "VERSAILLES"] as const).map((centre) => (
                <div className="fr-fieldset__element fr-fieldset__element--inline" key={centre}>
                  <div className="fr-radio-group">
                    <input
                      type="radio"
                      id={`${groupId}-${centre}`}
                      name="centre"
                      value={centre}
                      defaultChecked={mine?.values?.centre === centre}
                    />
                    <label className="fr-label" htmlFor={`${groupId}-${centre}`}>
                      {centre === "RENNES" ? "Rennes" : "Versailles"}
                    </label>
                  </div>
                </div>
              ))}
              <div className="fr-fieldset__element fr-fieldset__element--inline">
                <button className="fr-btn fr-btn--sm" type="submit" name="intent" value="centre" disabled={busy}>
                  Rattacher<span className="fr-sr-only"> {d.name}</span>
                </button>
              </div>
              {error ? (
                <div className="fr-messages-group" id={`${groupId}-erreur`} aria-live="assertive">
                  <p className="fr-message fr-message--error">{error}</p>
                </div>
              ) : null}
            </fieldset>
          </Form>
        );
      })}
    </section>
  );
}
