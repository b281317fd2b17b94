import { Form } from "@remix-run/react";
import { ChoiceField } from "~/components/admin-forms";
import { CheckboxField, FormError, TextAreaField, TextField } from "~/components/fields";
import type { FieldErrors } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { parisInstant } from "~/utils/working-days";
import { REPRISE_EVENT_LABELS, SHIPMENT_MEDIA, type Application } from "../../../workflows/reprise";

type EventType = keyof typeof REPRISE_EVENT_LABELS;

/** `confirm`: the date the person must confirm before it is recorded (a reception that closes the window at once). */
export type EventFormAnswer = {
  intent: string;
  errors?: FieldErrors;
  message?: string;
  values: Record<string, string>;
  confirm?: string;
};

/** "10/12/2026" for an ISO day, "—" for none. */
export const day = (iso: string | null | undefined) => (iso ? formatDate(parisInstant(iso, "12:00")) : "—");

const INTROS: Partial<Record<EventType, string>> = {
  CONFIRMER_DATE:
    "La date souhaitée par la MDPH devient la date de mise à disposition ; elle engage le service de l'État.",
  PROPOSER_DATE:
    "Si la date souhaitée ne peut pas être tenue, proposez-en une autre : la CNSA recherche un compromis avec la MDPH, puis arrête la date définitive.",
  FIXER_DATE: "La date arrêtée par la CNSA engage le service de l'État. La MDPH et le service en sont informés.",
  EXTRAIRE: "Indiquez le jour où l'extraction exhaustive des données du département a été réalisée.",
  EXPEDIER:
    "Fichiers chiffrés, envoyés par lettre recommandée avec accusé de réception à l'attention exclusive du directeur de la MDPH.",
  ENVOYER_MOT_DE_PASSE:
    "Le mot de passe de déchiffrement part par lettre recommandée, séparément des fichiers. Passerelles n'enregistre que la date d'envoi et la référence du recommandé, jamais le mot de passe.",
  RECEPTIONNER:
    "Le délai de 15 jours ouvrés pour récupérer et valider les fichiers part de la date de réception. À compter de cette date, la MDPH ne saisit plus d'informations dans l'application.",
  VALIDER:
    "Vous confirmez que les fichiers sont techniquement conformes. Le support sur l'application prend fin avec l'acceptation.",
  SIGNALER_NON_CONFORMITE:
    "Une non-conformité technique fait rejouer l'extraction dans son ensemble : la demande repart dans la prochaine liste mensuelle.",
  ANNULER:
    "L'annulation est définitive. La CNSA et, si la demande leur a déjà été transmise, les services de l'État en sont informés.",
};

/** The form of one event the person may send now, with its fields, intro and refusal. */
export function EventForm({
  requestId,
  type,
  rowVersion,
  application,
  defaults,
  failed,
  busy,
  onBehalf,
}: {
  onBehalf: boolean;
  requestId: string;
  type: EventType;
  rowVersion: number;
  application: Application;
  defaults: Record<string, string>;
  failed?: EventFormAnswer;
  busy: boolean;
}) {
  const prefix = `champ-${type.toLowerCase()}`;
  const values = failed?.values ?? defaults;
  const errors = failed?.errors ?? {};
  const headingId = `action-${type.toLowerCase()}`;
  const date = (label: string, hint?: string) => (
    <TextField
      id={`${prefix}-date`}
      name="date"
      label={label}
      hint={hint}
      type="date"
      required
      defaultValue={values.date}
      error={errors.date}
    />
  );
  const reference = (
    <TextField
      id={`${prefix}-reference`}
      name="reference"
      label="Référence de la lettre recommandée"
      hint="Numéro de l'envoi recommandé avec accusé de réception."
      required
      maxLength={100}
      defaultValue={values.reference}
      error={errors.reference}
    />
  );
  const text = (name: "comment" | "text" | "reason", label: string, hint?: string, required = true) => (
    <TextAreaField
      id={`${prefix}-${name}`}
      name={name}
      label={label}
      hint={hint}
      required={required}
      defaultValue={values[name]}
      error={errors[name]}
    />
  );
  return (
    <section
      aria-labelledby={headingId}
      className="fr-p-3w fr-mb-3w"
      style={{ background: "var(--background-alt-grey)" }}
    >
      <h3 className="fr-h6" id={headingId}>
        {REPRISE_EVENT_LABELS[type]}
      </h3>
      {INTROS[type] ? (
        <p className="fr-text--sm">
          {INTROS[type]}
          {onBehalf && (type === "CONFIRMER_DATE" || type === "PROPOSER_DATE")
            ? " Vous agissez ici pour le compte du service de l'État."
            : ""}
        </p>
      ) : null}
      {failed?.message ? (
        <FormError message={failed.message} />
      ) : failed?.confirm ? (
        <FormError message="Rien n'a été enregistré : cette date de réception clôt le délai de validation, confirmez-la ou corrigez-la." />
      ) : failed?.errors ? (
        <FormError message="Rien n'a été enregistré : corrigez les champs signalés." />
      ) : null}
      {/* Posted to the bare URL so that a previous success notice (?fait=…) does not linger next to an error. */}
      <Form method="post" action={`/reprises/${requestId}`} noValidate>
        <input type="hidden" name="intent" value={type} />
        <input type="hidden" name="rowVersion" value={rowVersion} />
        {type === "PROPOSER_DATE" ? (
          <>
            {date("Autre date de mise à disposition proposée", "Aujourd'hui ou plus tard.")}
            {text(
              "comment",
              "Commentaire (facultatif)",
              "Par exemple la raison pour laquelle la date souhaitée ne peut pas être tenue.",
              false,
            )}
          </>
        ) : null}
        {type === "FIXER_DATE"
          ? date("Date définitive de mise à disposition", "Elle engage le service de l'État.")
          : null}
        {type === "EXTRAIRE" ? date("Date de l'extraction") : null}
        {type === "EXPEDIER" ? (
          <>
            <ChoiceField
              id={`${prefix}-medium`}
              name="medium"
              label="Support"
              required
              options={SHIPMENT_MEDIA[application].map((m) => ({ value: m, label: m }))}
              defaultValue={values.medium}
              error={errors.medium}
            />
            {date("Date d'expédition")}
            {reference}
          </>
        ) : null}
        {type === "ENVOYER_MOT_DE_PASSE" ? (
          <>
            {date("Date d'envoi de la lettre recommandée")}
            {reference}
          </>
        ) : null}
        {type === "RECEPTIONNER" ? date("Date de réception des fichiers") : null}
        {type === "RECEPTIONNER" && failed?.confirm ? (
          <CheckboxField
            id={`${prefix}-confirmation`}
            name="confirmationReception"
            value={failed.confirm}
            label={`Je confirme que les fichiers ont été reçus le ${day(failed.confirm)}`}
            hint="Le délai de validation étant écoulé, ils seront acceptés tacitement dès l'enregistrement."
          />
        ) : null}
        {type === "SIGNALER_NON_CONFORMITE"
          ? text(
              "text",
              "Non-conformité technique constatée",
              "Décrivez le défaut technique (fichier illisible, table manquante, chiffrement…). La qualité des données saisies n'est pas un motif de non-conformité.",
            )
          : null}
        {type === "ANNULER" ? text("reason", "Motif de l'annulation") : null}
        <button
          className={`fr-btn${type === "ANNULER" || type === "SIGNALER_NON_CONFORMITE" ? " fr-btn--secondary" : ""}`}
          type="submit"
          disabled={busy}
        >
          {REPRISE_EVENT_LABELS[type]}
        </button>
      </Form>
    </section>
  );
}
