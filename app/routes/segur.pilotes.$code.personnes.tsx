import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import { TitledSection } from "~/components/groups/titled-section";
import { PilotSubpage, onlyOne, wiredFields } from "~/components/segur/pilot-forms";
import { DesignatedPeopleTable } from "~/components/segur/pilot-register";
import { invitationSchema } from "~/modules/people/admin.server";
import { addDesignatedPerson, markDesignatedPersonLeft } from "~/modules/segur/designated-people.server";
import { pilotByCode, pilotCrumb, pilotRegister } from "~/modules/segur/queries/pilot-page.server";
import { DESIGNATED_ROLE_VOCABULARY } from "~/modules/segur/vocabulary";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { useFormPage } from "~/utils/form-page";
import { type FieldErrors } from "~/utils/forms";
import { orRefusal, runIntent, saveForm } from "~/utils/intent.server";
import { FIX_FIELDS } from "~/utils/result";
import { doneNotice } from "~/utils/route-steps.server";
import { isIsoDate, parisDate } from "~/utils/working-days";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Personnes désignées — ${data.pilot.name} — Passerelles` : "Personnes désignées — Passerelles" },
];

const isoDate = z.string().refine(isIsoDate, "Saisissez une date valide.");

const designationSchema = z.object({
  legalEntityId: z
    .string({ required_error: "Choisissez l'entité juridique." })
    .min(1, "Choisissez l'entité juridique."),
  role: z.enum(DESIGNATED_ROLE_VOCABULARY.codes, { message: "Choisissez le rôle de la personne." }),
  firstName: invitationSchema.shape.firstName,
  lastName: invitationSchema.shape.lastName,
  email: invitationSchema.shape.email,
  designatedOn: isoDate,
});
const departureSchema = z.object({ personId: z.string().min(1), leftOn: isoDate });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { pilot, legalEntities, designated } = orRefusal(await pilotRegister(user, params.code ?? ""));
  return {
    crumb: pilotCrumb(user),
    pilot: { code: pilot.code, name: pilot.name, edit: pilot.access.edit },
    legalEntities: legalEntities.map((e) => ({ value: e.id, label: e.name })),
    designated,
    today: parisDate(now()),
    done: doneNotice(request, {
      DESIGNER: "La personne est inscrite au registre.",
      DEPART:
        "Le départ est enregistré : l'équipe du pilote et la coordination sont prévenues des étapes et des titres qui dépendaient de cette personne.",
    }),
  };
}

type ActionData = { intent: string; message?: string; errors?: FieldErrors; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const pilot = orRefusal(await pilotByCode(user, params.code ?? ""));
  const form = await request.formData();
  const here = `/segur/pilotes/${pilot.code}/personnes`;
  return runIntent(form, {
    DESIGNER: async () => {
      const saved = await saveForm(
        form,
        designationSchema,
        ({ legalEntityId, ...input }) => addDesignatedPerson(user, pilot.id, legalEntityId, input),
        { intent: "DESIGNER" },
      );
      return saved.ok ? redirect(`${here}?fait=DESIGNER`) : saved.answer;
    },
    DEPART: async () => {
      const saved = await saveForm(
        form,
        departureSchema,
        (departure) => markDesignatedPersonLeft(user, pilot.id, departure),
        { intent: "DEPART" },
      );
      return saved.ok ? redirect(`${here}?fait=DEPART`) : saved.answer;
    },
  });
}

export default function DesignatedPeoplePage() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { pilot, legalEntities, designated, today } = data;
  const entityName = (id: string) => legalEntities.find((e) => e.value === id)?.label ?? "";
  const designating = failed?.intent === "DESIGNER" ? failed : undefined;
  const field = wiredFields("champ", designating);
  const action = `/segur/pilotes/${pilot.code}/personnes`;
  return (
    <PilotSubpage
      crumb={data.crumb}
      pilot={pilot}
      title="Personnes désignées"
      lead="Le registre de chaque entité juridique : représentant légal, mandataires ANS, gestionnaires RPPS+, administrateur technique, référent éditeur. Quand une personne part, les formulaires qui la nomment sont à refaire."
      done={data.done}
    >
      <DesignatedPeopleTable
        people={designated}
        entityName={entityName}
        departure={
          pilot.edit
            ? (p) => {
                const leaving = failed?.intent === "DEPART" && failed.values.personId === p.id ? failed : undefined;
                return (
                  <Form method="post" action={action} noValidate>
                    <input type="hidden" name="personId" value={p.id} />
                    <FormError message={leaving?.message} />
                    {wiredFields(`depart-${p.id}`, leaving).date(
                      "leftOn",
                      `Date du départ de ${p.firstName} ${p.lastName}`,
                      {
                        required: true,
                        defaultValue: today,
                      },
                    )}
                    <IntentButton intent="DEPART" secondary busy={busy}>
                      Signaler le départ
                    </IntentButton>
                  </Form>
                );
              }
            : undefined
        }
      />

      {pilot.edit ? (
        <TitledSection id="designer-titre" title="Désigner une personne" className="fr-mt-4w">
          <FormError message={designating ? (designating.message ?? FIX_FIELDS) : null} />
          <Form method="post" action={action} noValidate>
            {field.choice("legalEntityId", "Entité juridique", legalEntities, {
              required: true,
              defaultValue: onlyOne(legalEntities),
            })}
            {field.choice("role", "Rôle", DESIGNATED_ROLE_VOCABULARY.options(), { required: true })}
            {field.text("firstName", "Prénom", { required: true })}
            {field.text("lastName", "Nom", { required: true })}
            {field.text("email", "Adresse électronique", {
              type: "email",
              required: true,
              hint: "Ses rappels et les avis de départ y sont envoyés.",
            })}
            {field.date("designatedOn", "Désignée le", { required: true, defaultValue: today })}
            <IntentButton intent="DESIGNER" busy={busy}>
              Inscrire au registre
            </IntentButton>
          </Form>
        </TitledSection>
      ) : null}
    </PilotSubpage>
  );
}
