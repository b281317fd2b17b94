import { DataTable } from "~/components/data-table";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { Breadcrumb, CNSA_CRUMBS } from "~/components/breadcrumb";
import { FieldGroup } from "~/components/fields";
import { signatureRows } from "~/modules/reprise/request-tables.server";
import { listRequests, listSignatures } from "~/modules/reprise/requests.server";
import { recordToolDelivery } from "~/modules/reprise/request-commands.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";
import { deliverySchema } from "~/modules/reprise/forms.server";
import { parisDate } from "~/utils/working-days";
import { intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { requireCoordinator } from "~/utils/route-steps.server";
import { useFormPage } from "~/utils/form-page";

export const meta: MetaFunction = () => [
  { title: "Avenants et outil de consultation — Coordination CNSA — Passerelles" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const today = parisDate(now());
  const [signatures, requests] = await Promise.all([
    listSignatures(user).then(orRefusal),
    listRequests(user).then(orRefusal),
  ]);
  return { today, signatures: signatureRows(signatures, requests, today) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCoordinator(request);
  const form = await request.formData();
  if (intentOf(form) !== "outil") unknownIntent();
  const id = String(form.get("signatureId") ?? "");
  const parsed = parseForm(deliverySchema, form);
  if (!parsed.ok)
    return refused({ code: "INVALIDE" }, { id, ok: false as const, errors: parsed.errors, values: parsed.values });
  const result = await recordToolDelivery(user, parsed.data.signatureId, parsed.data.date);
  if (!result.ok)
    return refused(result, {
      id,
      ok: false as const,
      errors: { [result.field ?? "date"]: result.message },
      values: { date: parsed.data.date } as Record<string, string>,
    });
  return {
    id,
    ok: true as const,
    message: "Livraison de l'outil enregistrée ; le directeur de la MDPH en est informé.",
  };
}

export default function Avenants() {
  const { data, answer: result, busy } = useFormPage<typeof loader, typeof action>();
  const { today, signatures } = data;
  const lateRequests = signatures.filter((s) => s.requestLate).length;
  const lateTools = signatures.filter((s) => s.toolLate).length;
  return (
    <>
      <Breadcrumb items={CNSA_CRUMBS} current="Avenants" />
      <h1>Avenants et outil de consultation</h1>
      <p>
        En signant l'avenant, la MDPH s'engage à demander sa date d'extraction dans le mois qui suit celui de la
        signature. La CNSA lui livre l'outil de consultation des fichiers de reprise dès la signature, et au plus tard
        le jour où elle récupère ses fichiers.
      </p>
      {lateRequests > 0 || lateTools > 0 ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>
            {lateRequests > 0
              ? `${lateRequests} avenant${lateRequests > 1 ? "s" : ""} sans demande après l'échéance. `
              : ""}
            {lateTools > 0
              ? `${lateTools} MDPH ${lateTools > 1 ? "ont" : "a"} reçu ses fichiers sans l'outil de consultation.`
              : ""}
          </p>
        </div>
      ) : null}
      {result?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{result.message}</p>
        </div>
      ) : null}

      <DataTable
        caption={<>Avenants signés ({signatures.length})</>}
        columns={[
          "MDPH",
          "Application",
          "Signé le",
          "Demande attendue au plus tard le",
          "Outil de consultation livré le",
        ]}
        rows={signatures}
        empty="Aucun avenant enregistré pour l'instant."
        row={(s) => {
          const mine = result && !result.ok && result.id === s.id ? result : undefined;
          const error = mine?.errors.date ?? mine?.errors.signatureId;
          const inputId = `livraison-${s.id}`;
          return (
            <tr key={s.id}>
              <th scope="row">
                {s.mdph}
                {s.departement ? ` (${s.departement})` : ""}
              </th>
              <td>{s.application}</td>
              <td>
                {s.signedOn}
                <br />
                <span className="fr-text--sm">par {s.signatory}</span>
              </td>
              <td>
                {s.requestDeadline}
                <br />
                {s.requestIds.length > 0 ? (
                  s.requestIds.map((id, i) => (
                    <Link key={id} className="fr-text--sm" to={`/reprises/${id}`}>
                      {i === 0 ? "Demande faite" : "Autre demande"}
                      <span className="fr-sr-only">
                        {" "}
                        par {s.mdph} pour {s.application}
                      </span>
                    </Link>
                  ))
                ) : s.requestLate ? (
                  <span className="fr-badge fr-badge--sm fr-badge--error">En retard : aucune demande</span>
                ) : (
                  <span className="fr-text--sm">Pas encore de demande</span>
                )}
              </td>
              <td>
                {s.toolDeliveredOn ? <p className="fr-mb-1v">{s.toolDeliveredOn}</p> : null}
                {s.toolLate ? (
                  <p className="fr-mb-1w">
                    <span className="fr-badge fr-badge--sm fr-badge--error">
                      En retard : fichiers reçus le {s.filesReceivedOn}
                    </span>
                  </p>
                ) : null}
                {s.toolDeliveredOn ? null : (
                  <Form method="post" noValidate preventScrollReset>
                    <input type="hidden" name="signatureId" value={s.id} />
                    <FieldGroup
                      id={inputId}
                      kind="input"
                      className="fr-mb-1w"
                      label={
                        <>
                          Date de livraison
                          <span className="fr-sr-only">
                            {" "}
                            de l'outil {s.application} à la {s.mdph}
                          </span>
                        </>
                      }
                      error={error}
                    >
                      {(control) => (
                        <input
                          {...control}
                          type="date"
                          name="date"
                          max={today}
                          required
                          defaultValue={mine?.values.date ?? ""}
                        />
                      )}
                    </FieldGroup>
                    <button
                      className="fr-btn fr-btn--sm fr-btn--secondary"
                      type="submit"
                      name="intent"
                      value="outil"
                      disabled={busy}
                    >
                      Enregistrer la livraison<span className="fr-sr-only"> à la {s.mdph}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}
