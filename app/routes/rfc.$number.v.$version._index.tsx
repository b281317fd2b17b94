import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { Notice } from "~/components/fields";
import { CyclePilotForms, type CycleOffer } from "~/components/rfc/cycle-pilot-forms";
import { CycleSummary, InvitedOrganisations } from "~/components/rfc/cycle-summary";
import { NewComment } from "~/components/rfc/new-comment";
import { CommentThreads, type CommentFormFailure } from "~/components/rfc-comments";
import { RFC_CRUMB } from "~/components/rfc-fields";
import { Timeline, timelineItems } from "~/components/timeline";
import { Pagination } from "~/components/pagination";
import { ServedOnce, ServedOnceHtml } from "~/components/served-once";
import {
  commentOnVersion,
  deleteComment,
  disposeComment,
  editComment,
  postComment,
} from "~/modules/rfc/comments.server";
import { threadPage, threadPageOf } from "~/modules/rfc/queries/threads.server";
import { THREAD_PAGE_PARAM, THREADS_PER_PAGE, threadPageParam } from "~/modules/rfc/thread-pages";
import { versionTextHtml } from "~/modules/rfc/version-text.server";
import { serveOnce } from "~/utils/served-once.server";
import { concludeCycle, extendCycle, openCycle } from "~/modules/rfc/cycle-commands.server";
import { readDeadline, readOutcome } from "~/modules/rfc/forms.server";
import { pilotOnly } from "~/modules/rfc/policy.server";
import { defaultDeadline, versionView } from "~/modules/rfc/read-models.server";
import { invitableOrganisations, versionInScope } from "~/modules/rfc/versions.server";
import rfcStyles from "~/modules/rfc/rfc.css?url";
import { requireUser } from "~/utils/auth.server";
import { formRowVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import type { Refusal, Result } from "~/utils/result";
import { formValues } from "~/utils/forms";
import { RFC_OUTCOME_LABELS } from "../../workflows/rfc-cycle";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice } from "~/utils/route-steps.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rfcStyles }];

/** " — commentaires, page 2 sur 12" when the threads take more than one page. */
const threadPageLabel = (page: number, pageCount: number) => (pageCount > 1 ? `page ${page} sur ${pageCount}` : "");

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const page = data ? threadPageLabel(data.threads.page, data.threads.pageCount) : "";
  return [
    {
      title: data
        ? `${data.rfc.number} version ${data.version.number}${page ? ` (commentaires, ${page})` : ""} — ${data.rfc.title} — Passerelles`
        : "RFC — Passerelles",
    },
  ];
};

const DONE: Record<string, string> = {
  creation: "La RFC est créée. Sa version 1 reste modifiable jusqu'à son ouverture aux commentaires.",
  commenter: "Votre commentaire est publié.",
  repondre: "Votre réponse est publiée.",
  "modifier-commentaire": "Votre modification est enregistrée.",
  "supprimer-commentaire": "Le commentaire est supprimé.",
  disposer: "La disposition est enregistrée.",
  ouvrir: "La version est ouverte aux commentaires : les organisations invitées en sont informées par courriel.",
  prolonger: "L'échéance est prolongée : les organisations invitées en sont informées.",
  conclure: "Le cycle est conclu.",
  retirer: "La RFC est retirée.",
  modification: "Le brouillon est enregistré.",
};

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params, context: loadContext }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A version number that is not one answers 404 like a version that does not exist.
  const view = orRefusal(await versionView(user, params.number ?? "", Number(params.version)));
  const { passages, ...threads } = await threadPage(user, view.version.id, threadPageParam(request.url));
  const html = versionTextHtml(
    { id: view.version.id, updatedAt: view.version.updatedAt, content: view.version.content },
    passages,
  );
  const { status, context } = view.version;
  // Exactly what the engine answers: the possible events as forms, the others' reasons as notes.
  const possible = new Set(view.events.filter((e) => e.possible).map((e) => e.type));
  const offer: CycleOffer = {
    open: possible.has("OUVRIR")
      ? {
          ...(await defaultDeadline()),
          organisations: (await invitableOrganisations(view.group.id)).map((o) => ({ id: o.id, name: o.name })),
        }
      : null,
    extend: possible.has("PROLONGER"),
    conclude: possible.has("CONCLURE"),
    withdraw: possible.has("RETIRER"),
    notes: [...new Set(view.events.flatMap((e) => (!e.possible && e.reason ? [e.reason] : [])))],
  };
  return {
    rfc: view.rfc,
    group: { code: view.group.code, name: view.group.name },
    version: {
      number: view.version.number,
      status,
      statusLabel: view.version.statusLabel,
      changeNote: view.version.changeNote,
      workflowRowVersion: view.version.workflowRowVersion,
      openedAt: context.openedAt,
      deadline: context.deadline,
      closedAt: context.closedAt,
      outcome: context.outcome ? RFC_OUTCOME_LABELS[context.outcome] : null,
      conclusion: context.conclusion,
      timeLeft: view.version.timeLeft,
      isLatest: view.version.isLatest,
      latest: view.version.latest,
    },
    // The frozen text with its marks: in the page's HTML once, not again in its data.
    html: serveOnce(loadContext, VERSION_TEXT, html),
    // The page's threads: counts and page in the data; the list, in the page's HTML once.
    threads: { ...threads, list: serveOnce(loadContext, THREAD_LIST, threads.list) },
    // Two hundred organisations on a national cycle: only what the list shows.
    invitations: view.invitations.map((i) => ({ name: i.name, answered: i.answered })),
    canComment: view.canComment,
    invited: view.invited,
    accepting: view.acceptingComments,
    pilot: view.access.pilot,
    canDispose: view.access.pilot && status === "clos",
    undisposed: threads.undisposed,
    offer: offer.open || offer.extend || offer.conclude || offer.withdraw || offer.notes.length > 0 ? offer : null,
    timeline: timelineItems(view.timeline),
    done: doneNotice(request, DONE),
  };
}

const VERSION_TEXT = "texte-version";
const THREAD_LIST = "fils";

type ActionData = CommentFormFailure;

/** Intents only the group's pilot or the coordinator may post. */
const PILOT_INTENTS = new Set(["disposer", "ouvrir", "prolonger", "conclure", "retirer"]);
/** Intents naming a comment, which must be one of this version's. */
const COMMENT_INTENTS = new Set(["modifier-commentaire", "supprimer-commentaire", "disposer"]);

function failure(intent: string, target: string | undefined, result: Refusal, values: Record<string, string>) {
  // Someone else's comment, or a record out of scope: the error page, as for the checks above.
  if (result.code === "INTERDIT" || result.code === "INTROUVABLE") orRefusal(result);
  return refused(
    result,
    (result.field
      ? { intent, target, errors: { [result.field]: result.message }, values }
      : { intent, target, message: result.message, values }) satisfies ActionData,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  const versionNumber = Number(params.version);
  // Out of scope or no such version: 404 before anything posted is read.
  const { access, version: shown } = orRefusal(await versionInScope(user, number, versionNumber));
  const form = await request.formData();
  const intent = intentOf(form);
  if (PILOT_INTENTS.has(intent)) orRefusal(pilotOnly(access));
  if (COMMENT_INTENTS.has(intent)) orRefusal(await commentOnVersion(shown.id, String(form.get("commentId") ?? "")));
  const values = formValues(form);
  // Every ticked organisation, not only the last one, so that a refused form keeps them all.
  values.organisations = form.getAll("organisations").map(String).join(",");
  const text = (name: string) => String(form.get(name) ?? "");
  const rowVersion = formRowVersion(form);
  const commentId = text("commentId");
  const here = `/rfc/${number}/v/${versionNumber}`;
  let result: Result<unknown>;
  let target: string | undefined;
  let anchor = "";
  /** The comment whose thread the person lands on: the page that holds it, at the thread. */
  let landOn: string | null = null;
  switch (intent) {
    case "commenter":
      result = await postComment(user, number, versionNumber, {
        kind: text("kind") || null,
        body: text("body"),
        passage: text("passage"),
        passagePrefix: text("passagePrefix"),
        passageSuffix: text("passageSuffix"),
      });
      target = "nouveau";
      if (result.ok) landOn = (result.value as { id: string }).id;
      break;
    case "repondre":
      target = text("parentId");
      result = await postComment(user, number, versionNumber, { body: text("body"), parentId: target });
      if (result.ok) landOn = (result.value as { id: string }).id;
      break;
    case "modifier-commentaire":
      target = commentId;
      result = await editComment(user, commentId, { body: text("body"), kind: text("kind") || null });
      landOn = commentId;
      break;
    case "supprimer-commentaire":
      target = commentId;
      result = await deleteComment(user, commentId);
      // A deleted comment keeps its place among the threads (its replies stay shown).
      landOn = commentId;
      anchor = "#commentaires";
      break;
    case "disposer":
      target = commentId;
      result = await disposeComment(user, commentId, { disposition: text("disposition"), reply: text("reply") });
      landOn = commentId;
      break;
    case "ouvrir":
    case "prolonger": {
      target = "cycle";
      const read = readDeadline(form);
      if (!read.ok) return failure(intent, target, read, values);
      const deadline = read.value;
      if (!rowVersion.ok) return failure(intent, target, rowVersion, values);
      const expectedRowVersion = rowVersion.value;
      result =
        intent === "ouvrir"
          ? await openCycle(user, number, versionNumber, {
              deadline,
              organisationIds: form.getAll("organisations").map(String),
              allMdph: form.get("toutesMdph") === "oui",
              allConseils: form.get("tousConseils") === "oui",
              expectedRowVersion,
            })
          : await extendCycle(user, number, versionNumber, { deadline, expectedRowVersion });
      break;
    }
    case "conclure":
    case "retirer": {
      target = "cycle";
      const outcome = readOutcome(intent === "retirer" ? "retrait" : text("outcome"));
      if (!outcome.ok) return failure(intent, target, outcome, values);
      if (!rowVersion.ok) return failure(intent, target, rowVersion, values);
      const concluded = await concludeCycle(user, number, versionNumber, {
        outcome: outcome.value,
        conclusion: text("conclusion"),
        expectedRowVersion: rowVersion.value,
      });
      if (concluded.ok && concluded.value.next)
        return redirect(`/rfc/${number}/v/${concluded.value.next}/modifier?fait=nouvelle-version`);
      result = concluded;
      break;
    }
    default:
      unknownIntent();
  }
  if (!result.ok) return failure(intent, target, result, values);
  // After the command's transaction: the read connection sees the comment where it now stands.
  const page = landOn ? ((await threadPageOf(shown.id, landOn)) ?? 1) : threadPageParam(request.url);
  if (landOn && !anchor) anchor = `#commentaire-${landOn}`;
  const query = page > 1 ? `?${THREAD_PAGE_PARAM}=${page}&fait=${intent}` : `?fait=${intent}`;
  return redirect(`${here}${query}${anchor}`);
}

export default function RfcVersionPage() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  // A new location (after a successful post) remounts the forms empty; a refusal keeps what was typed.
  // Sibling sections need keys of their own: React mixes up siblings that share one.
  const formKey = useLocation().key;
  const { rfc, version } = data;
  const { threads } = data;
  // The forms post from the thread page shown, so that a command without a comment of its own lands back on it.
  const formAction = `/rfc/${rfc.number}/v/${version.number}?index${threads.page > 1 ? `&${THREAD_PAGE_PARAM}=${threads.page}` : ""}`;
  const cycleFailure = failed?.target === "cycle" ? failed : undefined;
  const newComment = failed?.target === "nouveau" ? failed : undefined;
  const threadsFailure = failed && failed.target !== "cycle" && failed.target !== "nouveau" ? failed : undefined;
  const liveComments = threads.live;
  const pageLabel = threadPageLabel(threads.page, threads.pageCount);
  return (
    <>
      <Breadcrumb
        items={[RFC_CRUMB, { label: rfc.number, to: `/rfc/${rfc.number}` }]}
        current={`Version ${version.number}`}
      />
      <h1>
        {rfc.number} — {rfc.title}
      </h1>
      <p className="fr-text--lead fr-mb-2w">
        Version {version.number} · groupe <Link to={`/groupes/${data.group.code}`}>{data.group.name}</Link>
      </p>
      <Notice message={data.done} />
      {!version.isLatest ? (
        <div className="fr-notice fr-notice--info fr-mb-3w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                Cette version a été suivie d'une version {version.latest}.{" "}
                <Link to={`/rfc/${rfc.number}/v/${version.latest}`}>Lire la version {version.latest}</Link>
              </p>
            </div>
          </div>
        </div>
      ) : null}

      <CycleSummary
        rfcNumber={rfc.number}
        version={version}
        invited={data.invitations.length}
        answered={data.invitations.filter((i) => i.answered).length}
        comments={liveComments}
        undisposed={data.undisposed}
        canEditDraft={data.pilot && version.status === "brouillon"}
      />

      {data.offer ? (
        <CyclePilotForms
          key={`pilotage-${formKey}`}
          offer={data.offer}
          version={version}
          undisposed={data.undisposed}
          failed={cycleFailure}
          busy={busy}
          action={formAction}
        />
      ) : null}

      <section aria-labelledby="texte-titre" className="fr-mb-4w">
        <h2 id="texte-titre" className="fr-h4">
          Texte de la version {version.number}
        </h2>
        {threads.anchored ? (
          <p className="fr-text--sm">
            Les passages commentés sont surlignés ; chaque passage renvoie à son commentaire, et chaque commentaire à
            son passage.
          </p>
        ) : null}
        <ServedOnceHtml name={VERSION_TEXT} html={data.html} id="texte-version" className="rfc-text" />
      </section>

      <NewComment
        key={`commenter-${formKey}`}
        canComment={data.canComment}
        status={version.status}
        accepting={data.accepting}
        invited={data.invited}
        failed={newComment}
        busy={busy}
        action={formAction}
      />

      <section aria-labelledby="commentaires" className="fr-mb-4w">
        <h2 id="commentaires" className="fr-h4">
          Commentaires ({liveComments}){pageLabel ? <span className="fr-sr-only"> — {pageLabel}</span> : null}
        </h2>
        {threads.pageCount > 1 ? (
          <p className="fr-text--sm">
            {threads.threads} fils de discussion, {THREADS_PER_PAGE} par page : page {threads.page} sur{" "}
            {threads.pageCount}.
          </p>
        ) : null}
        {data.canDispose && data.undisposed > 0 ? (
          <div className="fr-callout fr-mb-3w">
            <p className="fr-callout__text">
              {data.undisposed === 1
                ? "1 commentaire attend votre disposition."
                : `${data.undisposed} commentaires attendent votre disposition.`}{" "}
              Le cycle pourra être conclu une fois chacun traité.
            </p>
          </div>
        ) : null}
        <ServedOnce name={THREAD_LIST} value={threads.list}>
          {(list) => (
            <CommentThreads
              key={formKey}
              threads={list}
              permissions={{ canWrite: data.canComment, canDispose: data.canDispose }}
              failed={threadsFailure}
              action={formAction}
            />
          )}
        </ServedOnce>
        <Pagination
          page={threads.page}
          pageCount={threads.pageCount}
          param={THREAD_PAGE_PARAM}
          fragment="#commentaires"
          omit={["fait"]}
          label="Pages des commentaires"
        />
      </section>

      <InvitedOrganisations invitations={data.invitations} open={version.status === "ouvert"} />

      <Timeline items={data.timeline} title="Historique du cycle" />
    </>
  );
}
