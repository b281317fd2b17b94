import { Form } from "@remix-run/react";
import { Fieldset } from "~/components/fields";
import type { BoardAnswer } from "./application-board";

/** The départements no OPALES centre serves yet, each with its Rennes / Versailles choice. */
export function UnassignedDepartements({
  unassigned,
  result,
  busy,
}: {
  unassigned: { code: string; name: string }[];
  result?: BoardAnswer;
  busy: boolean;
}) {
  return (
    <section className="fr-alert fr-alert--warning fr-mb-3w" aria-labelledby="sans-centre-titre">
      <h2 className="fr-alert__title" id="sans-centre-titre">
        Départements sans centre d'exploitation OPALES
      </h2>
      <p>
        La circulaire ne rattache pas ces départements à un centre. Leurs demandes OPALES restent hors des listes tant
        qu'ils ne le sont pas : choisissez Rennes ou Versailles.
      </p>
      {unassigned.map((d) => {
        const mine = result && result.id === d.code && !result.ok ? result : undefined;
        const error = mine?.errors?.centre;
        const groupId = `centre-${d.code}`;
        return (
          <Form method="post" key={d.code} className="fr-mt-2w" preventScrollReset>
            <input type="hidden" name="departement" value={d.code} />
            <Fieldset id={groupId} legend={`${d.name} (${d.code})`} error={error} live="assertive">
              {(["RENNES", "VERSAILLES"] as const).map((centre) => (
                <div className="fr-fieldset__element fr-fieldset__element--inline" key={centre}>
                  <div className="fr-radio-group">
                    <input
                      type="radio"
                      id={`${groupId}-${centre}`}
                      name="centre"
                      value={centre}
                      defaultChecked={mine?.values?.centre === centre}
                    />
                    <label className="fr-label" htmlFor={`${groupId}-${centre}`}>
                      {centre === "RENNES" ? "Rennes" : "Versailles"}
                    </label>
                  </div>
                </div>
              ))}
              <div className="fr-fieldset__element fr-fieldset__element--inline">
                <button className="fr-btn fr-btn--sm" type="submit" name="intent" value="centre" disabled={busy}>
                  Rattacher<span className="fr-sr-only"> {d.name}</span>
                </button>
              </div>
            </Fieldset>
          </Form>
        );
      })}
    </section>
  );
}
