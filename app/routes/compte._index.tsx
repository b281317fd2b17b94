import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice, TextField } from "~/components/fields";
import { DataTable } from "~/components/data-table";
import { changePassword } from "~/modules/auth/account.server";
import { listUserSessions } from "~/modules/auth/session.server";
import { signOutEverywhere, signOutOtherSessions } from "~/modules/auth/sign-out.server";
import { createFeedToken, feedUrl, hasFeed, revokeFeedToken } from "~/modules/calendar/feed.server";
import { requireCurrent } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { ROLE_LABELS } from "~/utils/roles";
import { intentOf, refused, unknownIntent } from "~/utils/intent.server";

export const meta: MetaFunction = () => [{ title: "Mon compte — Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireCurrent(request);
  const sessions = await listUserSessions(user.id);
  return {
    user: { ...user, roleLabels: user.roles.map((r) => ROLE_LABELS[r]) },
    sessions: sessions.map((s) => ({
      ...s,
      current: s.id === session.id,
      createdAt: s.createdAt.toISOString(),
      lastActivityAt: s.lastActivityAt.toISOString(),
    })),
    feed: await hasFeed(user.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireCurrent(request);
  const form = await request.formData();
  switch (intentOf(form)) {
    case "mot-de-passe": {
      const next = String(form.get("password") ?? "");
      if (next !== String(form.get("confirmation") ?? ""))
        return refused(
          { code: "INVALIDE" },
          { intent: "mot-de-passe", errors: { confirmation: "Les deux mots de passe ne sont pas identiques." } },
        );
      const result = await changePassword({
        userId: user.id,
        sessionId: session.id,
        current: String(form.get("currentPassword") ?? ""),
        next,
      });
      if (!result.ok)
        return refused({ code: "REFUSE" }, { intent: "mot-de-passe", errors: { [result.field]: result.message } });
      return {
        intent: "mot-de-passe",
        notice: `Mot de passe modifié. ${result.endedSessions} autre(s) session(s) fermée(s).`,
      };
    }
    case "deconnecter-autres": {
      const count = await signOutOtherSessions(user, session.id);
      return { intent: "sessions", notice: `${count} autre(s) session(s) fermée(s).` };
    }
    case "deconnecter-partout": {
      await signOutEverywhere(user);
      return redirect("/connexion?message=deconnecte", { headers: { "Set-Cookie": clearedSessionCookie() } });
    }
    case "flux-creer":
      return { intent: "flux", feedUrl: feedUrl(await createFeedToken(user)) };
    case "flux-revoquer":
      await revokeFeedToken(user);
      return { intent: "flux", notice: "Le lien de votre agenda est révoqué : il ne donne plus accès à rien." };
    default:
      unknownIntent();
  }
}

const PASSWORD_FIELDS = [
  { name: "currentPassword", label: "Mot de passe actuel", autoComplete: "current-password" },
  {
    name: "password",
    label: "Nouveau mot de passe",
    hint: "Au moins 12 caractères. Vos autres sessions seront fermées.",
    autoComplete: "new-password",
  },
  { name: "confirmation", label: "Confirmez le nouveau mot de passe", autoComplete: "new-password" },
] as const;

export default function Compte() {
  const { user, sessions, feed } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as
    { intent: string; errors?: Record<string, string>; notice?: string; feedUrl?: string } | undefined;
  return (
    <>
      <h1>Mon compte</h1>
      <p className="fr-text--lead">
        {user.firstName} {user.lastName} — {user.organisation.name}
      </p>
      <p>
        Adresse : {user.email}. Rôle{user.roleLabels.length > 1 ? "s" : ""} : {user.roleLabels.join(", ")}.
      </p>

      <section className="fr-mt-5w">
        <h2>Mot de passe</h2>
        {data?.intent === "mot-de-passe" ? <Notice message={data.notice} /> : null}
        <Form method="post" noValidate className="fr-col-md-7">
          <input type="hidden" name="intent" value="mot-de-passe" />
          {PASSWORD_FIELDS.map((field) => (
            <TextField
              key={field.name}
              {...field}
              type="password"
              required
              error={data?.intent === "mot-de-passe" ? data.errors?.[field.name] : undefined}
            />
          ))}
          <button className="fr-btn" type="submit">
            Modifier le mot de passe
          </button>
        </Form>
      </section>

      <section className="fr-mt-5w">
        <h2>Double authentification</h2>
        <p>
          {user.totpEnabled
            ? "Activée : un code de votre application d'authentification vous est demandé à chaque connexion."
            : "Non activée. Elle protège votre compte même si votre mot de passe est découvert."}
        </p>
        <Link className="fr-btn fr-btn--secondary" to="/compte/double-authentification">
          {user.totpEnabled ? "Gérer la double authentification" : "Activer la double authentification"}
        </Link>
      </section>

      <section className="fr-mt-5w">
        <h2>Notifications</h2>
        <p>
          Recevez, si vous le souhaitez, un récapitulatif quotidien des nouveaux commentaires sur les appels à
          commentaires que vous suivez.
        </p>
        <Link className="fr-btn fr-btn--secondary" to="/compte/notifications">
          Gérer mes notifications
        </Link>
      </section>

      <section className="fr-mt-5w">
        <h2>Sessions ouvertes</h2>
        {data?.intent === "sessions" ? <Notice message={data.notice} /> : null}
        <DataTable
          caption="Appareils connectés à votre compte"
          columns={["Ouverte le", "Dernière activité", "Adresse IP", "Navigateur"]}
          rows={sessions}
          row={(s) => (
            <tr key={s.id}>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>
                {formatDateTime(s.lastActivityAt)}{" "}
                {s.current ? <span className="fr-badge fr-badge--sm fr-badge--info">Cette session</span> : null}
              </td>
              <td>{s.ip ?? "—"}</td>
              <td>{s.userAgent ? s.userAgent.slice(0, 60) : "—"}</td>
            </tr>
          )}
        />
        <Form method="post" className="fr-btns-group fr-btns-group--inline">
          <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="deconnecter-autres">
            Déconnecter mes autres sessions
          </button>
          <button className="fr-btn fr-btn--tertiary" type="submit" name="intent" value="deconnecter-partout">
            Me déconnecter partout, y compris ici
          </button>
        </Form>
      </section>

      <section className="fr-mt-5w">
        <h2>Agenda personnel (ICS)</h2>
        <p>
          Abonnez votre agenda (Outlook, Thunderbird…) aux échéances qui vous concernent grâce à un lien secret et
          personnel.
        </p>
        {data?.intent === "flux" && data.feedUrl ? (
          <div className="fr-alert fr-alert--info fr-mb-2w">
            <p>
              Copiez ce lien maintenant : il ne sera plus affiché. <br />
              <code>{data.feedUrl}</code>
            </p>
          </div>
        ) : null}
        {data?.intent === "flux" ? <Notice message={data.notice} /> : null}
        <Form method="post" className="fr-btns-group fr-btns-group--inline">
          <button className="fr-btn fr-btn--secondary" type="submit" name="intent" value="flux-creer">
            {feed ? "Générer un nouveau lien (l'ancien cessera de fonctionner)" : "Créer mon lien d'agenda"}
          </button>
          {feed ? (
            <button className="fr-btn fr-btn--tertiary" type="submit" name="intent" value="flux-revoquer">
              Révoquer le lien
            </button>
          ) : null}
        </Form>
      </section>
    </>
  );
}
