import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import { TitledSection } from "~/components/groups/titled-section";
import { PilotSubpage, onlyOne, wiredFields } from "~/components/segur/pilot-forms";
import { CredentialsTable } from "~/components/segur/pilot-register";
import { recordCredential } from "~/modules/segur/credentials.server";
import { pilotByCode, pilotCrumb, pilotRegister } from "~/modules/segur/queries/pilot-page.server";
import { CREDENTIAL_KIND_VOCABULARY, PASSWORD_PROTECTED_KINDS } from "~/modules/segur/vocabulary";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { useFormPage } from "~/utils/form-page";
import { optionalSingleLineText, type FieldErrors } from "~/utils/forms";
import { orRefusal, runIntent, saveForm } from "~/utils/intent.server";
import { FIX_FIELDS } from "~/utils/result";
import { doneNotice } from "~/utils/route-steps.server";
import { isIsoDate, parisDate } from "~/utils/working-days";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificats et cartes — ${data.pilot.name} — Passerelles` : "Certificats et cartes — Passerelles" },
];

/** An optional choice or date: an empty field is none. */
const orNone = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" ? null : value), schema.nullable());

/** The recording form; the service checks the rest (a keeper for certificates, a holder for cards, in post). */
const credentialSchema = z.object({
  kind: z.enum(CREDENTIAL_KIND_VOCABULARY.codes, { message: "Choisissez le type de certificat ou de carte." }),
  legalEntityId: z
    .string({ required_error: "Choisissez l'entité juridique." })
    .min(1, "Choisissez l'entité juridique."),
  reference: optionalSingleLineText(200, "200 caractères au plus.").transform((value) => value ?? ""),
  issuedOn: z.string().refine(isIsoDate, "Saisissez une date valide."),
  expiresOn: orNone(z.string().refine(isIsoDate, "Saisissez une date valide.")),
  passwordKeeperId: orNone(z.string()),
  holderId: orNone(z.string()),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { pilot, legalEntities, designated, credentials } = orRefusal(await pilotRegister(user, params.code ?? ""));
  const entityName = new Map(legalEntities.map((e) => [e.id, e.name]));
  return {
    crumb: pilotCrumb(user),
    pilot: { code: pilot.code, name: pilot.name, edit: pilot.access.edit },
    legalEntities: legalEntities.map((e) => ({ value: e.id, label: e.name })),
    people: designated
      .filter((p) => !p.leftOn)
      .map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName} (${entityName.get(p.legalEntityId)})` })),
    credentials,
    today: parisDate(now()),
    done: doneNotice(request, {
      ENREGISTRER: "Le titre est enregistré : ses rappels d'expiration sont programmés.",
    }),
  };
}

type ActionData = { intent: string; message?: string; errors?: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const pilot = orRefusal(await pilotByCode(user, params.code ?? ""));
  const form = await request.formData();
  return runIntent(form, {
    ENREGISTRER: async () => {
      const saved = await saveForm(form, credentialSchema, (input) => recordCredential(user, pilot.id, input), {
        intent: "ENREGISTRER",
      });
      return saved.ok ? redirect(`/segur/pilotes/${pilot.code}/certificats?fait=ENREGISTRER`) : saved.answer;
    },
  });
}

export default function CredentialsPage() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { pilot, legalEntities, people, credentials, today } = data;
  const field = wiredFields("champ", failed);
  const certificates = PASSWORD_PROTECTED_KINDS.join(" et ");
  return (
    <PilotSubpage
      crumb={data.crumb}
      pilot={pilot}
      title="Certificats et cartes"
      lead={`Les certificats logiciels ${certificates} sont délivrés par entité juridique pour trois ans et protégés par un mot de passe : on enregistre qui le garde, jamais le mot de passe. Les rappels partent 90, 30 et 7 jours avant l'expiration vers l'adresse de service de l'entité et les personnes désignées.`}
      done={data.done}
    >
      <CredentialsTable credentials={credentials} />
      {pilot.edit ? (
        <TitledSection id="enregistrer-titre" title="Enregistrer un certificat ou une carte" className="fr-mt-4w">
          <FormError message={failed ? (failed.message ?? FIX_FIELDS) : null} />
          <Form method="post" action={`/segur/pilotes/${pilot.code}/certificats`} noValidate>
            {field.choice("kind", "Type", CREDENTIAL_KIND_VOCABULARY.options(), { required: true })}
            {field.choice("legalEntityId", "Entité juridique", legalEntities, {
              required: true,
              defaultValue: onlyOne(legalEntities),
            })}
            {field.text("reference", "Référence", { hint: "Numéro de série ou de commande, pour le renouvellement." })}
            {field.date("issuedOn", "Délivré le", { required: true, defaultValue: today })}
            {field.date("expiresOn", "Expire le", { hint: "Laissé vide : trois ans après la délivrance." })}
            {field.choice("passwordKeeperId", `Gardien du mot de passe (certificats ${certificates})`, people, {
              none: "Aucun",
              hint: "La personne désignée qui garde le mot de passe ; le mot de passe n'est jamais saisi ici.",
            })}
            {field.choice("holderId", "Titulaire (cartes CPx, CPE, CDE)", people, { none: "Aucun" })}
            <IntentButton intent="ENREGISTRER" busy={busy}>
              Enregistrer
            </IntentButton>
          </Form>
        </TitledSection>
      ) : null}
    </PilotSubpage>
  );
}
