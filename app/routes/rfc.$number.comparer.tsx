import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { RFC_CRUMB } from "~/components/rfc-fields";
import { compareVersions } from "~/modules/rfc/diff.server";
import rfcStyles from "~/modules/rfc/rfc.css?url";
import { requireUser } from "~/utils/auth.server";
import { orRefusal } from "~/utils/intent.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rfcStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Comparer les versions ${data.from.number} et ${data.to.number} — ${data.rfc.number} — Passerelles`
      : "Comparer des versions — Passerelles",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const number = params.number ?? "";
  const url = new URL(request.url);
  const version = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : null);
  return orRefusal(await compareVersions(user, number, version("de"), version("a")));
}

export default function CompareVersions() {
  const data = useLoaderData<typeof loader>();
  const { rfc, from, to, parts } = data;
  return (
    <>
      <Breadcrumb
        items={[RFC_CRUMB, { label: rfc.number, to: `/rfc/${rfc.number}` }]}
        current="Comparer des versions"
      />
      <h1>
        {rfc.number} : version {from.number} → version {to.number}
      </h1>
      <Form method="get" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w">
        {(
          [
            ["comparer-de", "de", "Version de départ", from.number],
            ["comparer-a", "a", "Version d'arrivée", to.number],
          ] as const
        ).map(([id, name, label, selected]) => (
          <div className="fr-col-12 fr-col-md-3" key={name}>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={id}>
                {label}
              </label>
              <select className="fr-select" id={id} name={name} defaultValue={selected}>
                {data.versions.map((v) => (
                  <option key={v} value={v}>
                    Version {v}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ))}
        <div className="fr-col-12 fr-col-md-3">
          <button className="fr-btn fr-btn--secondary" type="submit">
            Comparer
          </button>
        </div>
      </Form>
      {to.changeNote ? (
        <div className="fr-callout fr-mb-3w">
          <p className="fr-callout__title">Modifications annoncées pour la version {to.number}</p>
          <p className="fr-callout__text">{to.changeNote}</p>
        </div>
      ) : null}
      <section aria-labelledby="legende-titre" className="fr-mb-3w">
        <h2 id="legende-titre" className="fr-h6 fr-mb-1w">
          Légende
        </h2>
        <ul className="fr-text--sm">
          <li>
            <span className="rfc-diff-legend">
              <ins>texte ajouté</ins>
            </span>{" "}
            : souligné, annoncé « ajout » aux lecteurs d'écran ({data.added} mot{data.added > 1 ? "s" : ""} ajouté
            {data.added > 1 ? "s" : ""})
          </li>
          <li>
            <span className="rfc-diff-legend">
              <del>texte supprimé</del>
            </span>{" "}
            : barré, annoncé « suppression » ({data.removed} mot{data.removed > 1 ? "s" : ""} supprimé
            {data.removed > 1 ? "s" : ""})
          </li>
        </ul>
      </section>
      <h2 className="fr-h4">Texte comparé</h2>
      {data.added === 0 && data.removed === 0 ? <p>Les deux versions ont le même texte.</p> : null}
      <div className="rfc-diff">
        {parts.map((p, i) =>
          p.kind === "added" ? (
            <ins key={i}>
              <span className="fr-sr-only">[ajout : </span>
              {p.text}
              <span className="fr-sr-only">]</span>
            </ins>
          ) : p.kind === "removed" ? (
            <del key={i}>
              <span className="fr-sr-only">[suppression : </span>
              {p.text}
              <span className="fr-sr-only">]</span>
            </del>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </div>
    </>
  );
}
