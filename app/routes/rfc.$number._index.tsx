import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { DataTable } from "~/components/data-table";
import { FormError, Notice, RadioField, TextAreaField } from "~/components/fields";
import { CycleBadge, RFC_CRUMB, RfcStatusBadge } from "~/components/rfc-fields";
import { POSITION_COMMENT_MAX, POSITION_LABELS, POSITIONS } from "~/modules/rfc/labels";
import { readableRfc } from "~/modules/rfc/policy.server";
import { ownPosition, recordPosition } from "~/modules/rfc/positions.server";
import { rfcOverview } from "~/modules/rfc/read-models.server";
import { requireUser } from "~/utils/auth.server";
import { intentOf, orRefusal, refused, unknownIntent } from "~/utils/intent.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { formValues } from "~/utils/forms";
import { can } from "~/utils/permissions";
import { revalidateAfterConflict } from "~/utils/revalidate";
import { doneNotice } from "~/utils/route-steps.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.rfc.number} — ${data.rfc.title} — Passerelles` : "RFC — Passerelles" },
];

export const shouldRevalidate = revalidateAfterConflict;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const overview = orRefusal(await rfcOverview(user, params.number ?? ""));
  return {
    ...overview,
    access: { pilot: overview.access.pilot, position: overview.access.position },
    coordinatorView: overview.rfc.status === "ADOPTEE" && can(user, "read:rfc-positions"),
    myPosition: overview.access.position ? await ownPosition(user, overview.rfc.id) : null,
    organisation: user.organisation.name,
    done: doneNotice(request, { position: "La position de votre MDPH est enregistrée." }),
  };
}

type ActionData = { message?: string; errors?: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  // Out of scope: 404 before anything posted is read.
  orRefusal(await readableRfc(user, number));
  const form = await request.formData();
  if (intentOf(form) !== "position") unknownIntent();
  const values = formValues(form);
  const result = await recordPosition(user, number, {
    position: String(form.get("position") ?? ""),
    comment: String(form.get("comment") ?? ""),
  });
  if (!result.ok)
    return refused(
      result,
      (result.field
        ? { errors: { [result.field]: result.message }, values }
        : { message: result.message, values }) satisfies ActionData,
    );
  return redirect(`/rfc/${number}?fait=position#position`);
}

export default function RfcOverview() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const { rfc, versions } = data;
  const latest = versions[versions.length - 1];
  const positionCount = (p: string) => data.positions[p] ?? 0;
  return (
    <>
      <Breadcrumb items={[RFC_CRUMB]} current={rfc.number} />
      <h1>
        {rfc.number} — {rfc.title}
      </h1>
      <Notice message={data.done} />
      <dl className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
          <dt className="fr-text--bold">État</dt>
          <dd className="fr-pl-0">
            <RfcStatusBadge status={rfc.status} label={rfc.statusLabel} />
            {rfc.adoptedAt ? <span className="fr-text--sm"> le {formatDate(rfc.adoptedAt)}</span> : null}
          </dd>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
          <dt className="fr-text--bold">Groupe de travail</dt>
          <dd className="fr-pl-0">
            <Link to={`/groupes/${data.group.code}`}>{data.group.name}</Link>
          </dd>
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mb-2w">
          <dt className="fr-text--bold">Rédigée par</dt>
          <dd className="fr-pl-0">
            {rfc.createdBy}, le {formatDate(rfc.createdAt)}
          </dd>
        </div>
      </dl>
      {latest ? (
        <p>
          <Link className="fr-btn" to={`/rfc/${rfc.number}/v/${latest.number}`}>
            Lire la version {latest.number}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="versions-titre" className="fr-mt-4w">
        <h2 id="versions-titre" className="fr-h4">
          Versions et cycles de commentaires
        </h2>
        <DataTable
          caption={`Versions de ${rfc.number}, de la première à la dernière`}
          columns={["Version", "Cycle", "Échéance", "Commentaires", "Issue", "Comparer"]}
          rows={versions}
          row={(v) => (
            <tr key={v.number}>
              <th scope="row">
                <Link to={`/rfc/${rfc.number}/v/${v.number}`}>Version {v.number}</Link>
                {v.changeNote ? <p className="fr-text--sm fr-mb-0">{v.changeNote}</p> : null}
              </th>
              <td>
                <CycleBadge status={v.status} label={v.statusLabel} />
              </td>
              <td>{v.deadline ? formatDateTime(v.deadline) : "—"}</td>
              <td>
                {v.comments}
                {v.status !== "brouillon" ? (
                  <>
                    {" "}
                    (
                    <Link to={`/rfc/${rfc.number}/v/${v.number}/dispositions`}>
                      dispositions<span className="fr-sr-only"> de la version {v.number}</span>
                    </Link>
                    )
                  </>
                ) : null}
              </td>
              <td>
                {v.outcomeLabel ?? "—"}
                {v.conclusion ? <p className="fr-text--sm fr-mb-0">{v.conclusion}</p> : null}
              </td>
              <td>
                {v.number > 1 ? (
                  <Link to={`/rfc/${rfc.number}/comparer?de=${v.number - 1}&a=${v.number}`}>
                    Avec la version {v.number - 1}
                    <span className="fr-sr-only"> (version {v.number})</span>
                  </Link>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          )}
          hiddenCaption
        />
      </section>

      {rfc.status === "ADOPTEE" ? (
        <section aria-labelledby="positions-titre" className="fr-mt-4w">
          <h2 id="positions-titre" className="fr-h4">
            Positions des MDPH
          </h2>
          <p>
            L'adoption est une proposition : chaque MDPH reste maîtresse de son système d'information et indique sa
            position.
          </p>
          <ul>
            {POSITIONS.map((p) => (
              <li key={p}>
                {POSITION_LABELS[p]} : {positionCount(p)} MDPH
              </li>
            ))}
          </ul>
          {data.coordinatorView ? (
            <p>
              <Link to={`/rfc/${rfc.number}/positions`}>Voir les positions des 101 départements</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {data.access.position ? (
        <section aria-labelledby="position" className="fr-mt-4w">
          <h2 id="position" className="fr-h4">
            Position de votre MDPH
          </h2>
          {data.myPosition ? (
            <p>
              Position enregistrée le {formatDateTime(data.myPosition.recordedAt)} :{" "}
              <strong>{data.myPosition.label}</strong>
              {data.myPosition.comment ? <> (commentaire : « {data.myPosition.comment} »)</> : null}. Vous pouvez la
              modifier ci-dessous.
            </p>
          ) : (
            <p>{data.organisation} n'a pas encore indiqué sa position.</p>
          )}
          <FormError message={failed?.message} />
          <Form method="post" action={`/rfc/${rfc.number}?index`} noValidate className="fr-col-md-8">
            <input type="hidden" name="intent" value="position" />
            <RadioField
              id="champ-position"
              name="position"
              legend={`Position de ${data.organisation}`}
              options={[
                { value: "ADOPTE", label: "La MDPH adopte la proposition" },
                { value: "ADOPTERA", label: "La MDPH l'adoptera plus tard" },
                {
                  value: "N_ADOPTE_PAS",
                  label: "La MDPH n'adopte pas la proposition",
                  hint: "Expliquez pourquoi dans le commentaire.",
                },
              ]}
              defaultValue={failed?.values.position ?? data.myPosition?.position}
              error={failed?.errors?.position}
            />
            <TextAreaField
              id="champ-commentaire"
              name="comment"
              label="Commentaire"
              hint="Facultatif, sauf si la MDPH n'adopte pas la proposition."
              defaultValue={failed?.values.comment ?? data.myPosition?.comment}
              error={failed?.errors?.comment}
              maxLength={POSITION_COMMENT_MAX}
            />
            <button className="fr-btn" type="submit" disabled={busy}>
              Enregistrer la position
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
