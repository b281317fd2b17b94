import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { Notice } from "~/components/fields";
import { ApplicationBoard, type BoardAnswer } from "~/components/reprise/application-board";
import { RecentLists } from "~/components/reprise/recent-lists";
import { UnassignedDepartements } from "~/components/reprise/unassigned-departements";
import { dispatchBoard } from "~/modules/reprise/dispatch-board.server";
import { assignOpalesCentre } from "~/modules/organisations/admin.server";
import { APPLICATIONS, dispatchEarly } from "~/modules/reprise/campaign.server";
import { pageOf } from "~/components/pagination";
import { movePriority, setCoordinatorNote } from "~/modules/reprise/request-commands.server";
import { SERVICE_LABELS } from "~/modules/reprise/rules";
import { coordinatorAccess } from "~/modules/reprise/policy.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";
import { applicationSchema, centreSchema, noteSchema, requestIdSchema } from "~/modules/reprise/forms.server";
import { answer, intentOf, orRefusal, unknownIntent } from "~/utils/intent.server";
import { requireCoordinator } from "~/utils/route-steps.server";

export const meta: MetaFunction = () => [
  { title: "Campagne de reprise ITAC et OPALES — Coordination CNSA — Passerelles" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  orRefusal(coordinatorAccess(user));
  const search = new URL(request.url).searchParams;
  const confirm = search.get("confirmer");
  // "Modifier la note" of a list's toolbar (a GET): the list and the request chosen by its rank.
  const annotating = search.has("annoter") ? { application: search.get("application"), id: search.get("id") } : null;
  const pages = Object.fromEntries(APPLICATIONS.map((a) => [a, pageOf(request.url, `page-${a}`)]));
  return {
    board: await dispatchBoard(now(), { pages }),
    confirm: confirm === "ITAC" || confirm === "OPALES" ? confirm : null,
    annotating,
  };
}

export async function action(args: ActionFunctionArgs) {
  return answer(await act(args));
}

async function act({ request }: ActionFunctionArgs): Promise<BoardAnswer> {
  const user = await requireCoordinator(request);
  const form = await request.formData();
  const intent = intentOf(form);
  switch (intent) {
    case "monter":
    case "descendre": {
      // The list whose toolbar was pressed, so that its answer shows there.
      const application = applicationSchema.safeParse(form.get("application")).data;
      const id = requestIdSchema.safeParse(form.get("id"));
      if (!id.success)
        return { intent, application, ok: false, message: "Choisissez d'abord, par son rang, la demande à déplacer." };
      const moved = await movePriority(user, id.data, intent === "monter" ? "haut" : "bas");
      return moved.ok
        ? { intent, id: id.data, application, ok: true }
        : { intent, id: id.data, application, ok: false, code: moved.code, message: moved.message };
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
      const app = applicationSchema.safeParse(form.get("application"));
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

export default function CampaignBoardPage() {
  const { board, confirm, annotating } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
          annotating={annotating?.application === b.application ? annotating : null}
          result={result}
          busy={busy}
        />
      ))}

      <RecentLists lists={board.recent} />
    </>
  );
}
