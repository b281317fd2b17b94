import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { FormError } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import { TitledSection } from "~/components/groups/titled-section";
import { PilotSubpage, wiredFields } from "~/components/segur/pilot-forms";
import { PilotContactsTable } from "~/components/segur/pilot-register";
import { PilotSettingsFields, type PilotFormValues } from "~/components/segur/pilot-settings-fields";
import {
  COORDINATOR_ONLY,
  PILOT_SETTINGS_LISTS,
  addPilotContact,
  addPilotSite,
  movePilotOn,
  pilotContactSchema,
  pilotSettingsSchema,
  pilotSiteSchema,
  removePilotContact,
  updatePilotSettings,
} from "~/modules/segur/pilot-settings.server";
import { pilotCrumb } from "~/modules/segur/queries/pilot-page.server";
import { pilotSettingsPage, pilotToManage } from "~/modules/segur/queries/pilot-settings.server";
import { SEGUR_PILOT_EVENT_LABELS, SEGUR_PILOT_STATE_LABELS } from "~/modules/segur/vocabulary";
import { pilotLifeEventSchema } from "~/modules/segur/workflow.server";
import { requireUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { useFormPage } from "~/utils/form-page";
import { typedValues, type FieldErrors } from "~/utils/forms";
import { formRowVersion, orRefusal, refused, runIntent, saveForm } from "~/utils/intent.server";
import { FIX_FIELDS } from "~/utils/result";
import { doneNotice } from "~/utils/route-steps.server";
import { parisDate } from "~/utils/working-days";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Fiche du pilote — ${data.pilot.name} — Passerelles` : "Fiche du pilote — Passerelles" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = orRefusal(await pilotSettingsPage(user, params.code ?? ""));
  return {
    ...page,
    crumb: pilotCrumb(user),
    today: parisDate(now()),
    done: doneNotice(
      request,
      {
        CREE: "Le pilote est créé. Ajoutez ses établissements et ses contacts, puis ouvrez ses prérequis depuis sa page.",
        REGLER: "Les réglages du pilote sont enregistrés.",
        SITE: "L'établissement fait partie du pilote : ouvrez ses étapes depuis la page du pilote.",
        CONTACT: "Le contact est ajouté.",
        RETIRER_CONTACT: "Le contact est retiré.",
      },
      SEGUR_PILOT_EVENT_LABELS,
    ),
  };
}

type ActionData = { intent: string; message?: string; errors?: FieldErrors; values: PilotFormValues };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const pilot = orRefusal(await pilotToManage(user, params.code ?? ""));
  const form = await request.formData();
  const done = (what: string) => redirect(`/segur/pilotes/${pilot.code}/fiche?fait=${what}`);
  // The settings and the pilot's life are the coordinator's: refused before what was typed is read.
  const notCoordinator = (intent: string) =>
    pilot.access.coordinate ? null : refused({ code: "INTERDIT" }, { intent, message: COORDINATOR_ONLY, values: {} });
  return runIntent(form, {
    REGLER: async () => {
      const denied = notCoordinator("REGLER");
      if (denied) return denied;
      const saved = await saveForm(
        form,
        pilotSettingsSchema,
        (input) => updatePilotSettings(user, pilot.id, input),
        { intent: "REGLER" },
        typedValues(form, PILOT_SETTINGS_LISTS),
      );
      return saved.ok ? done("REGLER") : saved.answer;
    },
    VIE: async () => {
      const type = String(form.get("type"));
      const denied = notCoordinator(`VIE-${type}`);
      if (denied) return denied;
      const version = formRowVersion(form);
      if (!version.ok) return refused(version, { intent: `VIE-${type}`, message: version.message, values: {} });
      const saved = await saveForm(
        form,
        pilotLifeEventSchema,
        (command) => movePilotOn(user, pilot.id, command, version.value),
        { intent: `VIE-${type}` },
        typedValues(form, []),
      );
      return saved.ok ? done(type) : saved.answer;
    },
    SITE: async () => {
      const saved = await saveForm(
        form,
        pilotSiteSchema,
        (input) => addPilotSite(user, pilot.id, input),
        { intent: "SITE" },
        typedValues(form, []),
      );
      return saved.ok ? done("SITE") : saved.answer;
    },
    CONTACT: async () => {
      const saved = await saveForm(form, pilotContactSchema, (input) => addPilotContact(user, pilot.id, input), {
        intent: "CONTACT",
      });
      return saved.ok ? done("CONTACT") : saved.answer;
    },
    RETIRER_CONTACT: async () => {
      const removed = await removePilotContact(user, pilot.id, String(form.get("contactId") ?? ""));
      return removed.ok
        ? done("RETIRER_CONTACT")
        : refused(removed, { intent: "RETIRER_CONTACT", message: removed.message, values: {} });
    },
  });
}

export default function PilotRecordPage() {
  const { data, answer: failed, busy } = useFormPage<typeof loader, ActionData>();
  const { pilot, settings, choices, life, contacts } = data;
  const action = `/segur/pilotes/${pilot.code}/fiche`;
  const answerFor = (intent: string) => (failed?.intent === intent ? failed : undefined);
  const errorOf = (intent: string) => {
    const answer = answerFor(intent);
    return answer ? (answer.message ?? FIX_FIELDS) : null;
  };
  const site = wiredFields("site", answerFor("SITE"));
  const contact = wiredFields("contact", answerFor("CONTACT"));
  const settingsAnswer = answerFor("REGLER");
  return (
    <PilotSubpage
      crumb={data.crumb}
      pilot={pilot}
      title="Fiche du pilote"
      lead="Ses établissements et ses contacts ; pour la coordination CNSA, ses réglages et sa vie (démarrage, abandon)."
      done={data.done}
    >
      <FormError message={errorOf("RETIRER_CONTACT")} />

      {pilot.access.coordinate ? (
        <TitledSection id="vie-titre" title="Vie du pilote">
          <p>
            État : <strong>{SEGUR_PILOT_STATE_LABELS[data.status ?? ""] ?? "Non démarré"}</strong>
          </p>
          {life
            .filter((e) => e.possible)
            .map((event) => {
              const answer = answerFor(`VIE-${event.type}`);
              const field = wiredFields(`vie-${event.type}`, answer);
              return (
                <Form method="post" action={action} noValidate key={event.type} className="fr-mb-3w">
                  <FormError message={answer ? (answer.message ?? FIX_FIELDS) : null} />
                  <input type="hidden" name="type" value={event.type} />
                  <input type="hidden" name="rowVersion" value={data.rowVersion ?? 0} />
                  {event.type === "DEMARRER"
                    ? field.date("startedOn", "Date du démarrage", { required: true, defaultValue: data.today })
                    : field.area("reason", "Pourquoi le pilote est abandonné", { required: true })}
                  <IntentButton intent="VIE" secondary={event.type === "ABANDONNER"} busy={busy}>
                    {event.label}
                  </IntentButton>
                </Form>
              );
            })}
          {data.status === null ? (
            <p className="fr-text--sm">
              Le pilote n'a pas encore de période prévue : enregistrez-la dans ses réglages ci-dessous, il pourra alors
              démarrer.
            </p>
          ) : life.every((e) => !e.possible) ? (
            <p className="fr-text--sm">
              Plus rien à faire ici : la fin du pilote, avec ses enseignements, s'enregistre avec sa synthèse.
            </p>
          ) : null}
        </TitledSection>
      ) : null}

      {pilot.access.coordinate ? (
        <TitledSection id="reglages-titre" title="Réglages" className="fr-mt-4w">
          <FormError message={errorOf("REGLER")} />
          <Form method="post" action={action} noValidate>
            <PilotSettingsFields
              choices={choices}
              values={settingsAnswer?.values ?? settings}
              errors={settingsAnswer?.errors ?? {}}
            />
            <IntentButton intent="REGLER" busy={busy}>
              Enregistrer les réglages
            </IntentButton>
          </Form>
        </TitledSection>
      ) : null}

      <TitledSection id="site-titre" title="Ajouter un établissement" className="fr-mt-4w">
        <p className="fr-text--sm">
          Un établissement ou service (FINESS géographique) appartient à une entité juridique (organisme gestionnaire,
          FINESS juridique). Un numéro encore inconnu du fichier FINESS peut rester vide : l'étape « FINESS vérifié » le
          fera trouver ou inscrire.
        </p>
        <FormError message={errorOf("SITE")} />
        <Form method="post" action={action} noValidate>
          {site.choice("legalEntityId", "Entité juridique", data.legalEntities, {
            none: "Une autre entité juridique, décrite ci-dessous",
          })}
          {site.text("legalEntityFiness", "FINESS juridique de l'autre entité", {
            hint: "9 caractères. Une entité déjà connue sous ce numéro est reprise telle quelle.",
          })}
          {site.text("legalEntityName", "Nom de l'autre entité juridique")}
          {site.text("serviceEmail", "Adresse de service de l'autre entité", {
            type: "email",
            hint: "Une adresse de service plutôt que personnelle : les rappels d'expiration y sont envoyés.",
          })}
          {site.text("siteFiness", "FINESS géographique de l'établissement", {
            hint: "9 caractères. Un établissement déjà connu sous ce numéro est repris tel quel.",
          })}
          {site.text("siteName", "Nom de l'établissement", { required: true })}
          {site.text("category", "Catégorie", {
            required: true,
            hint: "Telle que le fichier FINESS la nomme : MECS, IME, SAAD…",
          })}
          {site.choice("siteDepartementCode", "Département de l'établissement", choices.departements, {
            required: true,
            defaultValue: settings.departementCode || undefined,
          })}
          {data.waves.length > 0
            ? site.choice("waveId", `Vague de déploiement (${data.grappe})`, data.waves, {
                none: "Aucune pour l'instant",
              })
            : null}
          <IntentButton intent="SITE" busy={busy}>
            Ajouter l'établissement
          </IntentButton>
        </Form>
      </TitledSection>

      <TitledSection id="contacts-titre" title="Contacts" className="fr-mt-4w">
        <PilotContactsTable
          contacts={contacts}
          hiddenCaption
          remove={(c) => (
            <Form method="post" action={action}>
              <input type="hidden" name="contactId" value={c.id} />
              <button
                className="fr-btn fr-btn--sm fr-btn--tertiary"
                type="submit"
                name="intent"
                value="RETIRER_CONTACT"
                disabled={busy}
                aria-label={`Retirer ${c.name}`}
              >
                Retirer
              </button>
            </Form>
          )}
        />
        <h3 className="fr-h6 fr-mt-3w">Ajouter un contact</h3>
        <FormError message={errorOf("CONTACT")} />
        <Form method="post" action={action} noValidate>
          {contact.text("contactName", "Nom", { required: true })}
          {contact.text("function", "Fonction", {
            required: true,
            hint: "Chef de projet, directeur, référent éditeur…",
          })}
          {contact.text("contactEmail", "Adresse électronique", { type: "email" })}
          {contact.choice("contactOrganisationId", "Organisation", data.organisations, {
            none: "Aucune en particulier",
          })}
          <IntentButton intent="CONTACT" busy={busy}>
            Ajouter le contact
          </IntentButton>
        </Form>
      </TitledSection>
    </PilotSubpage>
  );
}
