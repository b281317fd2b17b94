/**
 * "Pilotage du cycle": the forms of the cycle events the engine says the pilot may send now
 * (open, extend, conclude, withdraw), and the reasons of those it refuses. Concluding offers
 * the withdrawal as one of its outcomes; the withdrawal form of its own shows only when the
 * cycle cannot be concluded yet.
 */
import { Form } from "@remix-run/react";
import { CheckboxChoice } from "~/components/checkbox-choice";
import { Fieldset, FormError, RadioField, TextAreaField } from "~/components/fields";
import type { CommentFormFailure } from "~/components/rfc-comments";
import { DeadlineFields } from "~/components/rfc-fields";

/** Which cycle events are possible now, the reasons of the others, and the opening form's proposal. */
export type CycleOffer = {
  open: { date: string; time: string; defaultDays: number; minimumDays: number; organisations: Organisation[] } | null;
  extend: boolean;
  conclude: boolean;
  withdraw: boolean;
  notes: string[];
};

type Organisation = { id: string; name: string };

export function CyclePilotForms({
  offer,
  version,
  undisposed,
  failed,
  busy,
  action,
}: {
  offer: CycleOffer;
  version: { number: number; workflowRowVersion: number };
  undisposed: number;
  failed?: CommentFormFailure;
  busy: boolean;
  action: string;
}) {
  const values = failed?.values ?? {};
  // The refusal of this form, if the last post was this intent's.
  const of = (intent: string) => (failed?.intent === intent ? failed : undefined);
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="rowVersion" value={version.workflowRowVersion} />
    </>
  );
  // The conclusion (or the withdrawal's reason), with what this form's refused post had typed.
  const conclusionField = (intent: string, field: { id: string; label: string; hint?: string; rows?: number }) => (
    <TextAreaField
      {...field}
      name="conclusion"
      defaultValue={of(intent) ? values.conclusion : undefined}
      error={of(intent)?.errors?.conclusion}
      required
    />
  );
  return (
    <section aria-labelledby="pilotage-titre" className="rfc-pilot fr-p-3w fr-mb-4w">
      <h2 id="pilotage-titre" className="fr-h4">
        Pilotage du cycle
      </h2>
      <FormError message={failed?.message} />
      {offer.notes.map((note) => (
        <div key={note} className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
          <p>{note}</p>
        </div>
      ))}
      {offer.open ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Ouvrir aux commentaires</h3>
          <p className="fr-text--sm">
            Une fois ouverte, la version est figée. Durée par défaut : {offer.open.defaultDays} jours ; au moins{" "}
            {offer.open.minimumDays} jours. Les personnes des organisations invitées sont informées par courriel, puis
            relancées avant l'échéance si leur organisation n'a pas répondu.
          </p>
          {hidden("ouvrir")}
          <DeadlineFields
            idPrefix="ouverture"
            legend="Échéance des commentaires"
            date={of("ouvrir") ? values.deadlineDate : offer.open.date}
            time={of("ouvrir") ? values.deadlineTime : offer.open.time}
            error={of("ouvrir")?.errors?.deadline}
          />
          <InviteesFieldset organisations={offer.open.organisations} failed={of("ouvrir")} />
          <button className="fr-btn" type="submit" disabled={busy}>
            Ouvrir aux commentaires
          </button>
        </Form>
      ) : null}
      {offer.extend ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Prolonger le délai</h3>
          {hidden("prolonger")}
          <DeadlineFields
            idPrefix="prolongation"
            legend="Nouvelle échéance"
            hint="Postérieure à l'échéance actuelle ; les rappels sont reprogrammés."
            date={values.deadlineDate}
            time={values.deadlineTime ?? "23:59"}
            error={of("prolonger")?.errors?.deadline}
          />
          <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
            Prolonger le délai
          </button>
        </Form>
      ) : null}
      {offer.conclude ? (
        <Form method="post" action={action} noValidate preventScrollReset>
          <h3 className="fr-h6">Conclure le cycle</h3>
          {undisposed > 0 ? (
            <p className="fr-text--sm">
              {undisposed === 1
                ? "1 commentaire n'a pas encore de réponse"
                : `${undisposed} commentaires n'ont pas encore de réponse`}{" "}
              : enregistrez une disposition pour chacun avant de conclure.
            </p>
          ) : null}
          {hidden("conclure")}
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
              ...(offer.withdraw ? [{ value: "retrait", label: "Retrait", hint: "Le document est abandonné." }] : []),
            ]}
            defaultValue={of("conclure") ? values.outcome : undefined}
            error={of("conclure")?.errors?.outcome}
          />
          {conclusionField("conclure", {
            id: "conclusion",
            label: "Conclusion",
            hint: "Pour une nouvelle version : les modifications qu'elle apportera. Pour une adoption ou un retrait : le motif.",
          })}
          <button className="fr-btn" type="submit" disabled={busy}>
            Conclure le cycle
          </button>
        </Form>
      ) : null}
      {offer.withdraw && !offer.conclude ? (
        <details className="fr-mt-3w" open={of("retirer") ? true : undefined}>
          <summary className="fr-link">Retirer la RFC</summary>
          <Form method="post" action={action} noValidate preventScrollReset className="fr-mt-2w">
            {hidden("retirer")}
            {conclusionField("retirer", { id: "motif-retrait", label: "Motif du retrait", rows: 3 })}
            <button className="fr-btn fr-btn--secondary" type="submit" disabled={busy}>
              Retirer la RFC
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

/** Every MDPH, every conseil départemental: invited as a whole, beside the group's members. */
const NATIONAL_SETS = [
  { name: "toutesMdph", id: "invitee-toutes-mdph", label: "Toutes les MDPH" },
  { name: "tousConseils", id: "invitee-tous-cd", label: "Tous les conseils départementaux" },
] as const;

function InviteesFieldset({ organisations, failed }: { organisations: Organisation[]; failed?: CommentFormFailure }) {
  const error = failed?.errors?.invites;
  // Every member is proposed at first; after a refusal, what the pilot had ticked.
  const ticked = failed ? new Set((failed.values?.organisations ?? "").split(",").filter(Boolean)) : null;
  return (
    <Fieldset
      id="invitees-choix"
      idPrefix="invitees"
      legend="Organisations invitées à commenter"
      hint="Les organisations membres du groupe, et si besoin l'ensemble des MDPH ou des conseils départementaux."
      error={error}
    >
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
      {NATIONAL_SETS.map((set) => (
        <CheckboxChoice key={set.name} {...set} value="oui" defaultChecked={failed?.values?.[set.name] === "oui"} />
      ))}
    </Fieldset>
  );
}
