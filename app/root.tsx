import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { useEffect, type ReactNode } from "react";
import { AppFooter, AppHeader } from "~/components/app-shell";
import { SessionTimeout } from "~/components/session-timeout";
import { getCurrent, mustEnrolTotp } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { now } from "~/utils/clock.server";
import { navigationFor } from "~/utils/permissions";
import appStyles from "~/styles/app.css?url";
import richTextStyles from "~/styles/rich-text.css?url";

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/dsfr/dsfr.min.css" },
  { rel: "stylesheet", href: "/dsfr/utility/icons/icons.min.css" },
  { rel: "stylesheet", href: appStyles },
  { rel: "stylesheet", href: richTextStyles },
  { rel: "apple-touch-icon", href: "/dsfr/favicon/apple-touch-icon.png" },
  { rel: "icon", href: "/dsfr/favicon/favicon.svg", type: "image/svg+xml" },
  { rel: "shortcut icon", href: "/dsfr/favicon/favicon.ico", type: "image/x-icon" },
];

export const meta: MetaFunction = () => [{ title: "Passerelles" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrent(request);
  const config = env();
  const signedIn =
    current && (!current.user.totpEnabled || current.session.twoFactorVerified) && !mustEnrolTotp(current.user);
  return {
    demo: config.demoData,
    user: signedIn
      ? {
          firstName: current.user.firstName,
          lastName: current.user.lastName,
          organisation: current.user.organisation.shortName,
          navigation: navigationFor({ ...current.user, inWorkGroup: current.inWorkGroup }),
        }
      : null,
    // Remaining time rather than a date: the browser's clock may differ from the server's.
    session: current
      ? { expiresInMs: current.session.expiresAt.getTime() - now().getTime(), renderedAt: now().toISOString() }
      : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  useEffect(() => {
    startReactDsfr({ defaultColorScheme: "light", Link });
  }, []);
  return (
    <html lang="fr" data-fr-scheme="light" data-fr-theme="light" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <Meta />
        <Links />
      </head>
      <body>
        <div className="fr-skiplinks">
          <nav className="fr-container" role="navigation" aria-label="Accès rapide">
            <ul className="fr-skiplinks__list">
              <li>
                <a className="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              {data?.user ? (
                <li>
                  <a className="fr-link" href="#navigation-principale">
                    Menu
                  </a>
                </li>
              ) : null}
              <li>
                <a className="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <AppHeader user={data?.user ?? null} demo={data?.demo ?? false} />
        <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w app-main">
          {children}
        </main>
        <AppFooter />
        {data?.session && data.user ? (
          <SessionTimeout key={data.session.renderedAt} expiresInMs={data.session.expiresInMs} />
        ) : null}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404 ? "Page introuvable" : error.status === 403 ? "Accès refusé" : `Erreur ${error.status}`;
    return (
      <div className="fr-my-4w">
        <h1>{title}</h1>
        <p className="fr-text--lead">{typeof error.data === "string" && error.data ? error.data : error.statusText}</p>
        <p>
          <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/">
            Revenir à l'accueil
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="fr-my-4w">
      <h1>Une erreur inattendue est survenue</h1>
      <p className="fr-text--lead">
        Rien de ce que vous avez saisi n'a été perdu côté serveur. Réessayez dans un instant ; si l'erreur persiste,
        contactez l'administrateur.
      </p>
      <p>
        <Link className="fr-link" to="/">
          Revenir à l'accueil
        </Link>
      </p>
    </div>
  );
}
