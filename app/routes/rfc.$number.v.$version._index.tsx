import {
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { FormError, Notice, RadioField, TextAreaField } from "~/components/fields";
import { PassagePicker } from "~/components/passage-picker";
import { CommentThreads, KIND_OPTIONS, type CommentFormFailure } from "~/components/rfc-comments";
import { CycleBadge, DeadlineFields, RFC_CRUMB } from "~/components/rfc-fields";
import { CheckboxChoice } from "~/components/checkbox-choice";
import { Timeline, timelineItems } from "~/components/timeline";
import {
  anchorsOf,
  commentThreads,
  deleteComment,
  disposeComment,
  editComment,
  postComment,
  commentOnVersion,
} from "~/modules/rfc/comments.server";
import { pilotOnly } from "~/modules/rfc/policy.server";
import { renderWithAnchors } from "~/modules/rfc/anchors.server";
import { plural } from "~/modules/rfc/labels";
import { concludeCycle, extendCycle, openCycle } from "~/modules/rfc/cycle-commands.server";
import { readDeadline, readOutcome } from "~/modules/rfc/forms.server";
import { defaultDeadline, versionView } from "~/modules/rfc/read-models.server";
import { invitableOrganisations, versionInScope } from "~/modules/rfc/versions.server";
import rfcStyles from "~/modules/rfc/rfc.css?url";
import { requireUser } from "~/utils/auth.server";
import { formVersion, intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import type { Refusal, Result } from "~/utils/result";
import { formatDateTime } from "~/utils/format";
import { formValues } from "~/utils/forms";
import { RFC_OUTCOME_LABELS } from "../../workflows/rfc-cycle";
import { revalidateAfterConflict } from "~/utils/revalidate";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rfcStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.rfc.number} version ${data.version.number} — ${data.rfc.title} — Passerelles`
      : "RFC — Passerelles",
  },
];

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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  // A version number that is not one answers 404 like a version that does not exist.
  const view = orRefusal(await versionView(user, number, Number(params.version)));
  const [threads, anchors] = await Promise.all([commentThreads(user, view.version.id), anchorsOf(view.version.id)]);
  const pilot = view.access.pilot;
  const status = view.version.status;
  const done = new URL(request.url).searchParams.get("fait");
  return {
    rfc: view.rfc,
    group: { code: view.group.code, name: view.group.name },
    version: {
      number: view.version.number,
      status,
      statusLabel: view.version.statusLabel,
      changeNote: view.version.changeNote,
      workflowVersion: view.version.workflowVersion,
      openedAt: view.version.context.openedAt,
      deadline: view.version.context.deadline,
      closedAt: view.version.context.closedAt,
      outcome: view.version.context.outcome ? RFC_OUTCOME_LABELS[view.version.context.outcome] : null,
      conclusion: view.version.context.conclusion,
      timeLeft: view.version.timeLeft,
      isLatest: view.version.isLatest,
      latest: view.version.latest,
    },
    html: renderWithAnchors(view.version.document, anchors, { headingOffset: 1 }),
    threads,
    invitations: view.invitations,
    canComment: view.canComment,
    invited: view.invited,
    accepting: view.acceptingComments,
    pilot,
    canDispose: pilot && status === "clos",
    undisposed: threads.filter((t) => !t.deleted && !t.disposition).length,
    openForm:
      pilot && status === "brouillon"
        ? {
            ...(await defaultDeadline()),
            organisations: (await invitableOrganisations(view.group.id)).map((o) => ({ id: o.id, name: o.name })),
          }
        : null,
    timeline: timelineItems(view.timeline),
    done: done ? (DONE[done] ?? null) : null,
  };
}

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
  const { access, versionId } = orRefusal(await versionInScope(user, number, versionNumber));
  const form = await request.formData();
  const intent = intentOf(form);
  if (PILOT_INTENTS.has(intent)) orRefusal(pilotOnly(access));
  if (COMMENT_INTENTS.has(intent)) orRefusal(await commentOnVersion(versionId, String(form.get("commentId") ?? "")));
  const values = formValues(form);
  // Every ticked organisation, not only the last one, so that a refused form keeps them all.
  values.organisations = form.getAll("organisations").map(String).join(",");
  const text = (name: string) => String(form.get(name) ?? "");
  const version = formVersion(form);
  const commentId = text("commentId");
  const here = `/rfc/${number}/v/${versionNumber}`;
  let result: Result<unknown>;
  let target: string | undefined;
  let anchor = "";
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
      if (result.ok) anchor = `#commentaire-${(result.value as { id: string }).id}`;
      break;
    case "repondre":
      target = text("parentId");
      result = await postComment(user, number, versionNumber, { body: text("body"), parentId: target });
      if (result.ok) anchor = `#commentaire-${(result.value as { id: string }).id}`;
      break;
    case "modifier-commentaire":
      target = commentId;
      result = await editComment(user, commentId, { body: text("body"), kind: text("kind") || null });
      anchor = `#commentaire-${commentId}`;
      break;
    case "supprimer-commentaire":
      target = commentId;
      result = await deleteComment(user, commentId);
      anchor = "#commentaires";
      break;
    case "disposer":
      target = commentId;
      result = await disposeComment(user, commentId, { disposition: text("disposition"), reply: text("reply") });
      anchor = `#commentaire-${commentId}`;
      break;
    case "ouvrir":
    case "prolonger": {
      target = "cycle";
      const read = readDeadline(form);
      if (!read.ok) return failure(intent, target, read, values);
      const deadline = read.value;
      if (!version.ok) return failure(intent, target, version, values);
      const expectedVersion = version.value;
      result =
        intent === "ouvrir"
          ? await openCycle(user, number, versionNumber, {
              deadline,
              organisationIds: form.getAll("organisations").map(String),
              allMdph: form.get("toutesMdph") === "oui",
              allConseils: form.get("tousConseils") === "oui",
              expectedVersion,
            })
          : await extendCycle(user, number, versionNumber, { deadline, expectedVersion });
      break;
    }
    case "conclure":
    case "retirer": {
      target = "cycle";
      const outcome = readOutcome(intent === "retirer" ? "retrait" : text("outcome"));
      if (!outcome.ok) return failure(intent, target, outcome, values);
      if (!version.ok) return failure(intent, target, version, values);
      const concluded = await concludeCycle(user, number, versionNumber, {
        outcome: outcome.value,
        conclusion: text("conclusion"),
        expectedVersion: version.value,
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
  return redirect(`${here}?fait=${intent}${anchor}`);
}

export default function RfcVersionPage() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  // A new location (after a successful post) remounts the forms empty; a refusal keeps what was typed.
  const formKey = useLocation().key;
  const { rfc, version } = data;
  const formAction = `/rfc/${rfc.number}/v/${version.number}?index`;
  const cycleFailure = failed?.target === "cycle" ? failed : undefined;
  const newComment = failed?.target === "nouveau" ? failed : undefined;
  const threadsFailure = failed && failed.target !== "cycle" && failed.target !== "nouveau" ? failed : undefined;
  const answered = data.invitations.filter((i) => i.answered).length;
  const liveComments = data.threads.filter((t) => !t.deleted).length;
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

      <section aria-labelledby="cycle-titre" className="fr-mb-4w">
        <h2 id="cycle-titre" className="fr-h4">
          Cycle de commentaires
        </h2>
        <dl className="fr-grid-row">
          <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
            <dt className="fr-text--bold">État</dt>
            <dd className="fr-pl-0">
              <CycleBadge status={version.status} label={version.statusLabel} />
            </dd>
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
            <dt className="fr-text--bold">Échéance (heure de Paris)</dt>
            <dd className="fr-pl-0">
              {version.deadline ? (
                <time dateTime={version.deadline}>{formatDateTime(version.deadline)}</time>
              ) : (
                "Fixée à l'ouverture"
              )}
            </dd>
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
            <dt className="fr-text--bold">Temps restant</dt>
            <dd className="fr-pl-0">
              {version.timeLeft ?? (version.closedAt ? `Clos le ${formatDateTime(version.closedAt)}` : "—")}
            </dd>
          </div>
          {data.invitations.length > 0 ? (
            <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
              <dt className="fr-text--bold">Organisations ayant répondu</dt>
              <dd className="fr-pl-0">
                {answered} sur {data.invitations.length} invitées (<a href="#invitees">voir la liste</a>)
              </dd>
            </div>
          ) : null}
          <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
            <dt className="fr-text--bold">Commentaires</dt>
            <dd className="fr-pl-0">
              {plural(liveComments, "commentaire")}
              {version.status !== "brouillon" && version.status !== "ouvert"
                ? `, dont ${plural(data.undisposed, "sans réponse", "sans réponse")}`
                : ""}
            </dd>
          </div>
          {version.outcome ? (
            <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
              <dt className="fr-text--bold">Conclusion</dt>
              <dd className="fr-pl-0">
                {version.outcome}
                {version.conclusion ? ` : ${version.conclusion}` : ""}
              </dd>
            </div>
          ) : null}
          {version.changeNote ? (
            <div className="fr-col-12 fr-mb-2w">
              <dt className="fr-text--bold">Modifications par rapport à la version {version.number - 1}</dt>
              <dd className="fr-pl-0">{version.changeNote}</dd>
            </div>
          ) : null}
        </dl>
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {version.status !== "brouillon" ? (
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`/rfc/${rfc.number}/v/${version.number}/dispositions`}>
                Tableau des dispositions
              </Link>
            </li>
          ) : null}
          {version.number > 1 ? (
            <li>
              <Link
                className="fr-btn fr-btn--secondary"
                to={`/rfc/${rfc.number}/comparer?de=${version.number - 1}&a=${version.number}`}
              >
                Comparer avec la version {version.number - 1}
              </Link>
            </li>
          ) : null}
          {data.pilot && version.status === "brouillon" ? (
            <li>
              <Link className="fr-btn fr-btn--secondary" to={`/rfc/${rfc.number}/v/${version.number}/modifier`}>
                Modifier le brouillon
              </Link>
            </li>
          ) : null}
        </ul>
      </section>

      {data.pilot && version.status !== "conclu" ? (
        <PilotForms key={formKey} data={data} failed={cycleFailure} busy={busy} action={formAction} />
      ) : null}

      <section aria-labelledby="texte-titre" className="fr-mb-4w">
        <h2 id="texte-titre" className="fr-h4">
          Texte de la version {version.number}
        </h2>
        {data.threads.some((t) => t.anchor && !t.deleted) ? (
          <p className="fr-text--sm">
            Les passages commentés sont surlignés ; chaque commentaire renvoie à son passage.
          </p>
        ) : null}
        <div id="texte-version" className="rfc-text" dangerouslySetInnerHTML={{ __html: data.html }} />
      </section>

      <section aria-labelledby="commenter-titre" className="fr-mb-4w">
        <h2 id="commenter-titre" className="fr-h4">
          Commenter
        </h2>
        {data.canComment ? (
          <>
            <FormError message={newComment?.message} />
            <Form key={formKey} method="post" action={formAction} noValidate preventScrollReset>
              <input type="hidden" name="intent" value="commenter" />
              <RadioField
                id="nature"
                name="kind"
                legend="Nature du commentaire"
                options={KIND_OPTIONS}
                defaultValue={newComment?.values?.kind}
                error={newComment?.errors?.kind}
              />
              <PassagePicker
                containerId="texte-version"
                defaultPassage={newComment?.values?.passage}
                defaultPrefix={newComment?.values?.passagePrefix}
                defaultSuffix={newComment?.values?.passageSuffix}
                error={newComment?.errors?.passage}
              />
              <TextAreaField
                id="commentaire"
                name="body"
                label="Votre commentaire"
                defaultValue={newComment?.values?.body}
                error={newComment?.errors?.body}
                required
                rows={5}
              />
              <button className="fr-btn" type="submit" disabled={busy}>
                Publier le commentaire
              </button>
            </Form>
          </>
        ) : (
          <>
            <FormError message={newComment?.message} />
            <p>
              {version.status === "brouillon"
                ? "Cette version n'est pas encore ouverte aux commentaires."
                : !data.accepting
                  ? "Le délai de réponse est écoulé : cette version n'accepte plus de commentaires."
                  : data.invited
                    ? "Vous ne pouvez pas commenter cette version."
                    : "Votre organisation n'est pas invitée à commenter cette version : vous pouvez la lire et suivre les commentaires."}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="commentaires" className="fr-mb-4w">
        <h2 id="commentaires" className="fr-h4">
          Commentaires ({liveComments})
        </h2>
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
        <CommentThreads
          key={formKey}
          threads={data.threads}
          permissions={{ canWrite: data.canComment, canDispose: data.canDispose }}
          failed={threadsFailure}
          action={formAction}
        />
      </section>

      {data.invitations.length > 0 ? (
        <section aria-labelledby="invitees" className="fr-mb-4w">
          <h2 id="invitees" className="fr-h4">
            Organisations invitées
          </h2>
          <ul>
            {data.invitations.map((i) => (
              <li key={i.id}>
                {i.name} :{" "}
                {i.answered ? "a répondu" : version.status === "ouvert" ? "n'a pas encore répondu" : "n'a pas répondu"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Timeline items={data.timeline} title="Historique du cycle" />
    </>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function PilotForms({
  data,
  failed,
  busy,
  action,
}: {
  data: PageData;
  failed?: ActionData;
  busy: boolean;
  action: string;
}) {
  const { version } = data;
  const values = failed?.values ?? {};
  return (
    <section aria-labelledby="pilotage-titre" className="rfc-pilot fr-p-3w fr-mb-4w">
      <h2 id="pilotage-titre" className="fr-h4">
        Pilotage du cycle
      </h2>
      <FormError message={failed?.message} />
      {data.openForm ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Ouvrir aux commentaires</h3>
          <p className="fr-text--sm">
            Une fois ouverte, la version est figée. Durée par défaut : {data.openForm.defaultDays} jours ; au moins{" "}
            {data.openForm.minimumDays} jours. Les personnes des organisations invitées sont informées par courriel,
            puis relancées avant l'échéance si leur organisation n'a pas répondu.
          </p>
          <input type="hidden" name="intent" value="ouvrir" />
          <input type="hidden" name="version" value={version.workflowVersion} />
          <DeadlineFields
            idPrefix="ouverture"
            legend="Échéance des commentaires"
            date={failed?.intent === "ouvrir" ? values.deadlineDate : data.openForm.date}
            time={failed?.intent === "ouvrir" ? values.deadlineTime : data.openForm.time}
            error={failed?.intent === "ouvrir" ? failed.errors?.deadline : undefined}
          />
          <InviteesFieldset
            organisations={data.openForm.organisations}
            failed={failed?.intent === "ouvrir" ? failed : undefined}
          />
          <button className="fr-btn" type="submit" disabled={busy}>
            Ouvrir aux commentaires
          </button>
        </Form>
      ) : null}
      {version.status === "ouvert" ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Prolonger le délai</h3>
          <input type="hidden" name="intent" value="prolonger" />
          <input type="hidden" name="version" value={version.workflowVersion} />
          <DeadlineFields
            idPrefix="prolongation"
            legend="Nouvelle échéance"
            hint="Postérieure à l'échéance actuelle ; les rappels sont reprogrammés."
            date={values.deadlineDate}
            time={values.deadlineTime ?? "23:59"}
            error={failed?.intent === "prolonger" ? failed.errors?.deadline : undefined}
          />
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Prolonger le délai
          </button>
        </Form>
      ) : null}
      {version.status === "clos" ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Conclure le cycle</h3>
          {data.undisposed > 0 ? (
            <p className="fr-text--sm">
              {data.undisposed === 1
                ? "1 commentaire n'a pas encore de réponse"
                : `${data.undisposed} commentaires n'ont pas encore de réponse`}{" "}
              : enregistrez une disposition pour chacun avant de conclure.
            </p>
          ) : null}
          <input type="hidden" name="intent" value="conclure" />
          <input type="hidden" name="version" value={version.workflowVersion} />
          <RadioField
            id="issue"
            name="outcome"
            legend="Issue"
            options={[
              {
                value: "nouvelle-version",
                label: "Nouvelle version",
                hint: `Une version ${version.number + 1} est créée en brouillon, copie de celle-ci, pour un nouveau cycle.`,
              },
              {
                value: "adoption",
                label: "Adoption comme proposition",
                hint: "Chaque MDPH indiquera ensuite sa position : la conclusion est une proposition, pas une décision.",
              },
              { value: "retrait", label: "Retrait", hint: "Le document est abandonné." },
            ]}
            defaultValue={failed?.intent === "conclure" ? values.outcome : undefined}
            error={failed?.intent === "conclure" ? failed.errors?.outcome : undefined}
          />
          <TextAreaField
            id="conclusion"
            name="conclusion"
            label="Conclusion"
            hint="Pour une nouvelle version : les modifications qu'elle apportera. Pour une adoption ou un retrait : le motif."
            defaultValue={failed?.intent === "conclure" ? values.conclusion : undefined}
            error={failed?.intent === "conclure" ? failed.errors?.conclusion : undefined}
            required
          />
          <button className="fr-btn" type="submit" disabled={busy}>
            Conclure le cycle
          </button>
        </Form>
      ) : null}
      {version.status === "brouillon" || version.status === "ouvert" ? (
        <details className="fr-mt-3w" open={failed?.intent === "retirer" ? true : undefined}>
          <summary className="fr-link">Retirer la RFC</summary>
          <Form method="post" action={action} noValidate preventScrollReset className="fr-mt-2w">
            <input type="hidden" name="intent" value="retirer" />
            <input type="hidden" name="version" value={version.workflowVersion} />
            <TextAreaField
              id="motif-retrait"
              name="conclusion"
              label="Motif du retrait"
              defaultValue={failed?.intent === "retirer" ? values.conclusion : undefined}
              error={failed?.intent === "retirer" ? failed.errors?.conclusion : undefined}
              required
              rows={3}
            />
            <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
              Retirer la RFC
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function InviteesFieldset({
  organisations,
  failed,
}: {
  organisations: { id: string; name: string }[];
  failed?: ActionData;
}) {
  const error = failed?.errors?.invites;
  // Every member is proposed at first; after a refusal, what the pilot had ticked.
  const ticked = failed ? new Set((failed.values?.organisations ?? "").split(",").filter(Boolean)) : null;
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      id="invitees-choix"
      aria-labelledby={`invitees-legende${error ? " invitees-erreur" : ""}`}
    >
      <legend className="fr-fieldset__legend fr-fieldset__legend--regular" id="invitees-legende">
        Organisations invitées à commenter
        <span className="fr-hint-text">
          Les organisations membres du groupe, et si besoin l'ensemble des MDPH ou des conseils départementaux.
        </span>
      </legend>
      {organisations.map((o) => (
        <CheckboxChoice
          key={o.id}
          name="organisations"
          id={`invitee-${o.id}`}
          value={o.id}
          label={o.name}
          defaultChecked={ticked ? ticked.has(o.id) : true}
        />
      ))}
      <CheckboxChoice
        name="toutesMdph"
        id="invitee-toutes-mdph"
        value="oui"
        label="Toutes les MDPH"
        defaultChecked={failed?.values?.toutesMdph === "oui"}
      />
      <CheckboxChoice
        name="tousConseils"
        id="invitee-tous-cd"
        value="oui"
        label="Tous les conseils départementaux"
        defaultChecked={failed?.values?.tousConseils === "oui"}
      />
      {error ? (
        <div className="fr-messages-group" id="invitees-erreur" aria-live="polite">
          <p className="fr-message fr-message--error">{error}</p>
        </div>
      ) : null}
    </fieldset>
  );
}
