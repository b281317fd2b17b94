import { DataTable } from "~/components/data-table";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, Notice } from "~/components/fields";
import { RepriseStatus } from "~/components/reprise-status";
import { day, EventForm, type EventFormAnswer } from "~/components/reprise/event-form";
import { RequestLists } from "~/components/reprise/request-lists";
import { Timeline, type TimelineItem } from "~/components/timeline";
import { deadlineFactsOf, nextDeadline, nextDispatchDays } from "~/modules/reprise/calendar.server";
import { dayLabel } from "~/utils/format";
import { sideOf } from "~/modules/reprise/policy.server";
import { actOnRequest } from "~/modules/reprise/request-commands.server";
import { getRequest } from "~/modules/reprise/requests.server";
import { CENTRE_LABELS, monthLabel, SERVICE_LABELS, type Month } from "~/modules/reprise/rules";
import { repriseEventSchema } from "~/modules/reprise/workflow.server";
import { forbidden, requireUser } from "~/utils/auth.server";
import { intentOf, orRefusal, refused } from "~/utils/intent.server";
import { now } from "~/utils/clock.server";
import { parisDate } from "~/utils/working-days";
import { REPRISE_EVENT_LABELS, SHIPMENT_MEDIA, type Application, type RepriseContext } from "../../workflows/reprise";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { postedEvent, doneNotice } from "~/utils/route-steps.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Demande de reprise ${data.request.reference} — Passerelles` : "Demande de reprise — Passerelles" },
];

type EventType = keyof typeof REPRISE_EVENT_LABELS;

/** The details of a timeline entry, in French, from the event's payload (never a password: none is ever sent). */
function detailsOf(eventType: string, payload: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof payload[key] === "string" && payload[key] ? String(payload[key]) : null);
  const details: string[] = [];
  if (eventType === "CREATION" && text("desiredDate"))
    details.push(`Date souhaitée : ${dayLabel(text("desiredDate")!)}`);
  if (text("campaignMonth"))
    details.push(
      `Liste de ${monthLabel(text("campaignMonth") as Month)}${text("answerDeadline") ? ` ; réponse attendue au plus tard le ${dayLabel(text("answerDeadline")!)}` : ""}`,
    );
  if (text("date")) details.push(`Date : ${dayLabel(text("date")!)}`);
  if (text("medium")) details.push(`Support : ${text("medium")}`);
  if (text("reference")) details.push(`Lettre recommandée n° ${text("reference")}`);
  if (text("comment")) details.push(`Commentaire : ${text("comment")}`);
  if (text("text")) details.push(`Non-conformité : ${text("text")}`);
  if (text("reason")) details.push(`Motif : ${text("reason")}`);
  return details;
}

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const row = orRefusal(await getRequest(user, params.id ?? ""));
  const today = parisDate(now());
  const status = row.workflow.status;
  const context = row.context;
  // Exactly what the engine answers: possible events as buttons, the others' reasons as notes
  // (one note when several events share a reason, e.g. the validation window is over).
  const events = row.events.filter((e) => e.possible).map((e) => e.type as EventType);
  const notes = [...new Set(row.events.flatMap((e) => (!e.possible && e.reason ? [e.reason] : [])))];
  const role = sideOf(user, row);
  return {
    today,
    role,
    request: {
      id: row.id,
      reference: row.reference,
      application: row.application as Application,
      status,
      rowVersion: row.workflow.rowVersion,
      mdph: row.organisation.name,
      departement: row.organisation.departement
        ? `${row.organisation.departement.name} (${row.organisation.departement.code})`
        : row.departementCode,
      service: `${SERVICE_LABELS[row.application as Application]}${row.application === "OPALES" && row.organisation.departement?.opalesCentre ? `, centre d'exploitation de ${CENTRE_LABELS[row.organisation.departement.opalesCentre]}` : ""}`,
      requestDate: row.requestDate,
      desiredDate: row.desiredDate,
      contact: {
        name: row.contactName,
        function: row.contactFunction,
        phone: row.contactPhone,
        email: row.contactEmail,
      },
      signature: {
        signedOn: row.signature.signedOn,
        signatory: `${row.signature.signatoryName}, ${row.signature.signatoryFunction}`,
        requestDeadline: row.signature.requestDeadline,
        toolDeliveredOn: row.signature.consultationToolDeliveredOn,
      },
    },
    context: context as RepriseContext,
    next: nextDeadline(deadlineFactsOf(row), today, await nextDispatchDays()),
    lists: row.campaignItems.map((item) => ({
      id: item.id,
      month: item.campaign.month,
      dispatchedAt: item.campaign.dispatchedAt.toISOString(),
      rank: item.rank,
      centre: item.centre,
      carriedOver: item.carriedOver,
      replay: item.replay,
    })),
    timeline: row.timeline.map((t): TimelineItem => ({
      seq: t.seq,
      at: t.at,
      actorLabel: t.actorLabel,
      eventLabel: t.eventLabel,
      fromLabel: t.fromLabel,
      toLabel: t.toLabel,
      details: detailsOf(t.fromLabel ? "" : "CREATION", t.payload),
    })),
    events,
    notes,
    done: doneNotice(
      request,
      {
        demande:
          "Votre demande est enregistrée. La CNSA l'inscrira dans la prochaine liste mensuelle envoyée aux services de l'État.",
      },
      REPRISE_EVENT_LABELS,
    ),
  };
}

type ActionData = EventFormAnswer;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  // Outside the person's scope this is a 404, whatever the form says.
  const current = orRefusal(await getRequest(user, id));
  const form = await request.formData();
  const intent = intentOf(form);
  if (!(current.allowedEvents as string[]).includes(intent))
    throw forbidden("Votre rôle ne permet pas cette action sur cette demande.");
  const posted = postedEvent(form, intent, repriseEventSchema);
  if (!posted.ok) return posted.answer;
  const { values, rowVersion, parsed } = posted;
  if (!parsed.ok) {
    // The select sends nothing while its placeholder is chosen: zod's own message would be English.
    if (parsed.errors.medium)
      parsed.errors.medium = `Choisissez le support d'expédition : ${SHIPMENT_MEDIA[current.application as Application].join(" ou ")}.`;
    return refused({ code: "INVALIDE" }, { intent, errors: parsed.errors, values } satisfies ActionData);
  }
  const result = await actOnRequest(user, id, parsed.data, rowVersion, {
    confirmedReceptionDate: String(form.get("confirmationReception") ?? "") || undefined,
  });
  if (!result.ok) {
    if (result.code === "A_CONFIRMER" && parsed.data.type === "RECEPTIONNER")
      return refused(result, { intent, errors: result.errors, values, confirm: parsed.data.date } satisfies ActionData);
    return refused(
      result,
      ("errors" in result
        ? { intent, errors: result.errors, values }
        : { intent, message: result.message, values }) satisfies ActionData,
    );
  }
  return redirect(`/reprises/${id}?fait=${intent}`);
}

export default function RepriseRequestPage() {
  const {
    request: r,
    context: c,
    next,
    lists,
    timeline,
    events,
    notes,
    done,
    today,
    role,
  } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const defaults: Partial<Record<EventType, Record<string, string>>> = {
    FIXER_DATE: { date: c.proposedDate ?? c.desiredDate },
    EXTRAIRE: { date: today },
    EXPEDIER: {
      date: today,
      medium: SHIPMENT_MEDIA[r.application].length === 1 ? SHIPMENT_MEDIA[r.application][0] : "",
    },
    ENVOYER_MOT_DE_PASSE: { date: today },
    RECEPTIONNER: { date: today },
  };
  const back =
    role === "directeur"
      ? { to: "/mdph/reprises", label: "Retour aux demandes de reprise de votre MDPH" }
      : role === "coordinateur"
        ? { to: "/cnsa/reprises", label: "Retour au suivi des reprises" }
        : { to: "/etat/reprises", label: "Retour aux demandes de reprise transmises" };
  const orphanFailure = failed && !events.includes(failed.intent as EventType) ? failed : undefined;

  const keyDates: { label: string; value: string; late?: boolean }[] = [
    {
      label: "Demande à faire (avenant)",
      value: `au plus tard le ${day(r.signature.requestDeadline)} — faite le ${day(r.requestDate)}`,
      late: r.requestDate > r.signature.requestDeadline,
    },
    { label: "Date souhaitée de mise à disposition", value: day(r.desiredDate) },
    {
      label: "Réponse du service de l'État attendue au plus tard",
      value: c.answerDeadline ? day(c.answerDeadline) : "Fixée à l'envoi de la liste mensuelle",
      late: r.status === "transmise" && c.answerDeadline !== null && c.answerDeadline < today,
    },
    ...(c.proposedDate
      ? [
          {
            label: "Autre date proposée par l'État",
            value: `${day(c.proposedDate)}${c.proposalComment ? ` (« ${c.proposalComment} »)` : ""}`,
          },
        ]
      : []),
    {
      label: "Date de mise à disposition arrêtée",
      value: c.finalDate ? `${day(c.finalDate)} (engage le service de l'État)` : "Pas encore arrêtée",
      late: r.status === "datee" && c.finalDate !== null && c.finalDate < today,
    },
    { label: "Extraction", value: c.extractedOn ? day(c.extractedOn) : "Pas encore réalisée" },
    {
      label: "Expédition",
      value: c.shipment
        ? `${day(c.shipment.date)} sur ${c.shipment.medium}, lettre recommandée n° ${c.shipment.reference}`
        : "Pas encore expédiée",
    },
    ...(r.application === "OPALES"
      ? [
          {
            label: "Lettre du mot de passe de déchiffrement",
            value: c.passwordLetter
              ? `Envoyée le ${day(c.passwordLetter.date)}, lettre recommandée n° ${c.passwordLetter.reference}`
              : "Pas encore envoyée par la CNSA",
          },
        ]
      : []),
    { label: "Réception par la MDPH", value: c.receivedOn ? day(c.receivedOn) : "Pas encore reçue" },
    {
      label: "Fin du délai de validation (15 jours ouvrés)",
      value: c.validationDeadline ? `${day(c.validationDeadline)} inclus` : "Fixée à la réception",
      late: r.status === "enValidation" && c.validationDeadline !== null && c.validationDeadline < today,
    },
    {
      label: `Coupure possible de l'accès à ${r.application} à partir du`,
      value: c.accessCutFrom ? day(c.accessCutFrom) : "Fixée à la réception",
    },
    {
      label: "Acceptation et fin du support",
      value: c.acceptedOn
        ? `${day(c.acceptedOn)} (${c.acceptance === "tacite" ? "acceptation tacite, faute de réclamation dans le délai" : "validation expresse de la MDPH"})`
        : "Pas encore acceptée",
    },
    {
      label: "Outil de consultation de la CNSA",
      value: r.signature.toolDeliveredOn
        ? `Livré le ${day(r.signature.toolDeliveredOn)}`
        : "Pas encore livré (dû au plus tard à la récupération des fichiers)",
    },
    ...(c.cancellation
      ? [{ label: "Annulation", value: `${day(c.cancellation.on)} — motif : ${c.cancellation.reason}` }]
      : []),
  ];

  return (
    <>
      <p className="fr-mb-2w">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={back.to}>
          {back.label}
        </Link>
      </p>
      <h1>Demande de reprise {r.reference}</h1>
      <p className="fr-text--lead fr-mb-1w">
        Données {r.application} de la {r.mdph}
      </p>
      <p>
        <RepriseStatus status={r.status} size="md" className="fr-mr-1w" />
        {next.late ? <span className="fr-badge fr-badge--error">En retard</span> : null}
      </p>
      <Notice message={done} />

      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title fr-h5">Prochaine échéance</h2>
        <p className="fr-callout__text">
          {next.label}
          {next.date ? ` : ${day(next.date)}` : ""}
          {next.late ? " (dépassée)" : ""}.
        </p>
      </div>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <section aria-labelledby="resume-titre">
            <h2 id="resume-titre" className="fr-h4">
              Résumé
            </h2>
            <div className="fr-table fr-table--no-caption fr-table--sm">
              <table>
                <caption>Résumé de la demande {r.reference}</caption>
                <tbody>
                  <tr>
                    <th scope="row">MDPH</th>
                    <td>
                      {r.mdph} — {r.departement}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Application</th>
                    <td>{r.application}</td>
                  </tr>
                  <tr>
                    <th scope="row">Service de l'État destinataire</th>
                    <td>{r.service} (copie à la CNSA)</td>
                  </tr>
                  <tr>
                    <th scope="row">Date de la demande</th>
                    <td>{day(r.requestDate)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Personne désignée</th>
                    <td>
                      {r.contact.name}, {r.contact.function}
                      <br />
                      Tél. {r.contact.phone} · <a href={`mailto:${r.contact.email}`}>{r.contact.email}</a>
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Avenant {r.application}</th>
                    <td>
                      Signé le {day(r.signature.signedOn)} par {r.signature.signatory}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="dates-titre" className="fr-mt-4w">
            <h2 id="dates-titre" className="fr-h4">
              Dates clés
            </h2>
            <DataTable
              hiddenCaption
              caption={`Dates clés de la demande ${r.reference}`}
              columns={["Étape", "Date"]}
              rows={keyDates}
              row={(d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>
                    {d.value} {d.late ? <span className="fr-badge fr-badge--sm fr-badge--error">En retard</span> : null}
                  </td>
                </tr>
              )}
            />
            {c.nonConformities.length > 0 ? (
              <>
                <h3 className="fr-h6">Non-conformités techniques signalées</h3>
                <ul>
                  {c.nonConformities.map((n, i) => (
                    <li key={i}>
                      {day(n.on)} : {n.text}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <RequestLists reference={r.reference} application={r.application} lists={lists} />
        </div>

        <div className="fr-col-12 fr-col-lg-5">
          <section aria-labelledby="actions-titre">
            <h2 id="actions-titre" className="fr-h4">
              Actions
            </h2>
            {orphanFailure?.message ? <FormError message={orphanFailure.message} /> : null}
            {notes.map((n) => (
              <div key={n} className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
                <p>{n}</p>
              </div>
            ))}
            {events.length === 0 ? (
              <p>
                {r.status === "acceptee" || r.status === "annulee"
                  ? "La demande est close : plus aucune action n'est attendue."
                  : "Aucune action ne vous revient à cette étape."}
              </p>
            ) : (
              events.map((type) => (
                <EventForm
                  key={`${type}-${r.rowVersion}`}
                  onBehalf={role === "coordinateur"}
                  requestId={r.id}
                  type={type}
                  rowVersion={r.rowVersion}
                  application={r.application}
                  defaults={defaults[type] ?? {}}
                  failed={failed?.intent === type ? failed : undefined}
                  busy={busy}
                />
              ))
            )}
          </section>
        </div>
      </div>

      <Timeline items={timeline} title="Historique de la demande" />
    </>
  );
}
