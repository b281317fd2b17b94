import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { DetailItem } from "~/components/detail-item";
import { FormError, Notice } from "~/components/fields";
import { IntentButton } from "~/components/groups/intent-button";
import { TitledSection } from "~/components/groups/titled-section";
import { PanelLinks } from "~/components/panel";
import { ObjectivesSummary } from "~/components/segur/pilot-objectives";
import { CredentialsTable, DesignatedPeopleTable, PilotContactsTable } from "~/components/segur/pilot-register";
import { PrerequisiteTables } from "~/components/segur/pilot-steps";
import { pilotByCode, pilotCrumb, pilotPage } from "~/modules/segur/queries/pilot-page.server";
import { openPilotSteps } from "~/modules/segur/steps.server";
import {
  GRAPPE_KIND_VOCABULARY,
  PILOT_ROLE_VOCABULARY,
  SECTOR_VOCABULARY,
  SEGUR_PILOT_STATE_LABELS,
} from "~/modules/segur/vocabulary";
import { requireUser } from "~/utils/auth.server";
import { dayLabel } from "~/utils/format";
import { useFormPage } from "~/utils/form-page";
import { orRefusal, outcomeOf, runIntent } from "~/utils/intent.server";
import { doneNotice } from "~/utils/route-steps.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.pilot.name} — Pilotes Ségur — Passerelles` : "Pilote Ségur — Passerelles" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = orRefusal(await pilotPage(user, params.code ?? ""));
  return {
    ...page,
    crumb: pilotCrumb(user),
    done: doneNotice(request, {
      personne: "La personne est inscrite au registre.",
      titre: "Le certificat ou la carte est enregistré ; ses rappels d'expiration sont programmés.",
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const pilot = orRefusal(await pilotByCode(user, params.code ?? ""));
  return runIntent(await request.formData(), {
    OUVRIR_ETAPES: async () =>
      outcomeOf("OUVRIR_ETAPES", await openPilotSteps(user, pilot.id), ({ opened }) =>
        opened === 0
          ? "Toutes les étapes des prérequis sont déjà ouvertes."
          : `${opened} étape${opened > 1 ? "s" : ""} ouverte${opened > 1 ? "s" : ""}.`,
      ),
  });
}

type ActionData = { intent: string; notice?: string; message?: string };

const period = (from: string | null, to: string | null) =>
  from && to ? `Du ${dayLabel(from)} au ${dayLabel(to)}` : from ? `À partir du ${dayLabel(from)}` : "Non renseignée";

export default function PilotPage() {
  const { data, answer, busy } = useFormPage<typeof loader, ActionData>();
  const { pilot, header, waves, organisations, contacts, legalEntities, sites, designated, steps, credentials } = data;
  const base = `/segur/pilotes/${pilot.code}`;
  const canEdit = pilot.access.edit;
  const entityName = (id: string) => legalEntities.find((e) => e.id === id)?.name ?? "";
  return (
    <>
      <Breadcrumb items={[data.crumb]} current={pilot.name} />
      <h1>{pilot.name}</h1>
      <Notice message={data.done} />
      {pilot.access.manage ? (
        <p>
          <Link className="fr-link fr-icon-edit-line fr-link--icon-left" to={`${base}/fiche`}>
            {pilot.access.coordinate
              ? "Fiche du pilote : réglages, démarrage, établissements et contacts"
              : "Fiche du pilote : ajouter un établissement ou un contact"}
          </Link>
        </p>
      ) : null}
      <dl className="fr-grid-row">
        <DetailItem label="Secteur">{SECTOR_VOCABULARY.labelOf(header.sector)}</DetailItem>
        <DetailItem label="Période">{period(header.startsOn, header.endsOn)}</DetailItem>
        <DetailItem label="Territoire">
          {header.departement ? `${header.departement} (${header.departementCode})` : "Non renseigné"}
        </DetailItem>
        <DetailItem label="État du pilote">
          {header.status ? (SEGUR_PILOT_STATE_LABELS[header.status] ?? header.status) : "Non démarré"}
        </DetailItem>
      </dl>

      <TitledSection id="etablissements-titre" title="Établissements" className="fr-mt-4w">
        {legalEntities.length === 0 ? (
          <p>Aucun établissement n'est encore rattaché à ce pilote.</p>
        ) : (
          legalEntities.map((entity) => (
            <div key={entity.id}>
              <h3 className="fr-h6 fr-mb-1w">{entity.name}</h3>
              <p className="fr-text--sm fr-mb-1w">
                FINESS juridique : {entity.finess ?? "à vérifier"} · Adresse de service :{" "}
                {entity.serviceEmail ?? "non renseignée"}
              </p>
              <DataTable
                caption={`Établissements et services de ${entity.name}`}
                hiddenCaption
                columns={["Établissement", "FINESS géographique", "Catégorie", "Département", "Vague"]}
                rows={sites.filter((s) => s.legalEntityId === entity.id)}
                row={(site) => (
                  <tr key={site.id}>
                    <th scope="row">{site.name}</th>
                    <td>{site.finess ?? "à vérifier"}</td>
                    <td>{site.category}</td>
                    <td>
                      {site.departement} ({site.departementCode})
                    </td>
                    <td>{site.wave ?? "—"}</td>
                  </tr>
                )}
              />
            </div>
          ))
        )}
      </TitledSection>

      <TitledSection id="editeur-titre" title="Éditeur et logiciel" className="fr-mt-4w">
        <dl className="fr-grid-row">
          <DetailItem label="Éditeur">{header.vendor ?? "Non renseigné"}</DetailItem>
          <DetailItem label="Logiciel (DUI)">{header.product ?? "Non renseigné"}</DetailItem>
          <DetailItem label="Version référencée SONS">
            {header.sonsReferencedVersion
              ? `${header.sonsReferencedVersion}${header.sonsReferencedOn ? `, référencée le ${dayLabel(header.sonsReferencedOn)}` : ""}`
              : "Aucune version référencée enregistrée"}
          </DetailItem>
        </dl>
      </TitledSection>

      {header.grappeId ? (
        <TitledSection id="grappe-titre" title={`Grappe : ${header.grappeName}`} className="fr-mt-4w">
          <dl className="fr-grid-row">
            <DetailItem label="Type">{GRAPPE_KIND_VOCABULARY.labelOf(header.grappeKind ?? "")}</DetailItem>
            <DetailItem label="Personnes accompagnées">
              {header.grappePeopleSupported?.toLocaleString("fr-FR") ?? "Non renseigné"}
            </DetailItem>
            <DetailItem label="Comité de pilotage">{header.steeringCommittee || "Non renseigné"}</DetailItem>
            <DetailItem label="Assistance à maîtrise d'ouvrage">{header.amo || "Non renseignée"}</DetailItem>
            <DetailItem label="Médiateur numérique">{header.digitalMediator || "Non renseigné"}</DetailItem>
          </dl>
          <h3 className="fr-h6">Financement ESMS numérique</h3>
          <p className="fr-text--sm">
            Le programme finance les établissements de la grappe (acquisition ou renouvellement du DUI, usages) ; le
            GRADeS de la région en est l'interlocuteur.
          </p>
          <dl className="fr-grid-row">
            <DetailItem label="Candidature déposée le">
              {header.esmsApplicationOn ? dayLabel(header.esmsApplicationOn) : "Non renseigné"}
            </DetailItem>
            <DetailItem label="Notification reçue le">
              {header.esmsNotificationOn ? dayLabel(header.esmsNotificationOn) : "Non renseigné"}
            </DetailItem>
            <DetailItem label="Versements">{header.esmsPayments || "Non renseignés"}</DetailItem>
            <DetailItem label="Cibles d'usage">{header.esmsUsageTargets || "Non renseignées"}</DetailItem>
            <DetailItem label="Interlocuteur (GRADeS)">{header.grades ?? "Non renseigné"}</DetailItem>
          </dl>
          <DataTable
            caption="Vagues de déploiement"
            columns={["Vague", "Début", "Sites"]}
            rows={waves}
            empty="Aucune vague n'est définie."
            row={(wave) => (
              <tr key={wave.rank}>
                <th scope="row">
                  {wave.rank}. {wave.name}
                </th>
                <td>{wave.startsOn ? dayLabel(wave.startsOn) : "—"}</td>
                <td>{wave.sites}</td>
              </tr>
            )}
          />
        </TitledSection>
      ) : null}

      <TitledSection id="contacts-titre" title="Organisations et contacts" className="fr-mt-4w">
        <ul>
          {organisations.map((o) => (
            <li key={`${o.role}-${o.name}`}>
              {PILOT_ROLE_VOCABULARY.labelOf(o.role)} : {o.name}
            </li>
          ))}
        </ul>
        <PilotContactsTable contacts={contacts} />
      </TitledSection>

      <TitledSection id="personnes-titre" title="Personnes désignées" className="fr-mt-4w">
        <DesignatedPeopleTable people={designated} entityName={entityName} hiddenCaption />
        <PanelLinks
          links={[
            { to: `${base}/personnes`, label: canEdit ? "Désigner une personne, signaler un départ" : "Le registre" },
          ]}
        />
      </TitledSection>

      <TitledSection id="prerequis-titre" title="Prérequis" className="fr-mt-4w">
        <p className="fr-text--sm">
          Chaque étape peut commencer dès que ses préalables sont obtenus ; les étapes indépendantes avancent en
          parallèle.
        </p>
        {answer?.intent === "OUVRIR_ETAPES" ? (
          answer.message ? (
            <FormError message={answer.message} />
          ) : (
            <Notice message={answer.notice} />
          )
        ) : null}
        {steps.length === 0 ? <p>Les étapes des prérequis ne sont pas encore ouvertes.</p> : null}
        <PrerequisiteTables pilotCode={pilot.code} steps={steps} />
        {canEdit ? (
          <Form method="post" action={base}>
            <p className="fr-text--sm fr-mb-1w">
              Un établissement ou un gestionnaire RPPS+ ajouté reçoit ses étapes quand vous les ouvrez.
            </p>
            <IntentButton intent="OUVRIR_ETAPES" secondary={steps.length > 0} busy={busy}>
              Ouvrir les étapes manquantes
            </IntentButton>
          </Form>
        ) : null}
      </TitledSection>

      <TitledSection id="titres-titre" title="Certificats et cartes" className="fr-mt-4w">
        <CredentialsTable credentials={credentials} hiddenCaption />
        <PanelLinks
          links={[
            { to: `${base}/certificats`, label: canEdit ? "Enregistrer un certificat ou une carte" : "Le détail" },
          ]}
        />
      </TitledSection>

      <TitledSection id="objectifs-titre" title="Objectifs" className="fr-mt-4w">
        <ObjectivesSummary objectives={data.objectives} />
        <p className="fr-mt-2w">
          <Link className="fr-link" to={`${base}/objectifs`}>
            Les objectifs et leurs cas d'usage
          </Link>
        </p>
      </TitledSection>
    </>
  );
}
