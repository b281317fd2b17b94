import { Form, Link, NavLink } from "@remix-run/react";
import type { NavItem } from "~/utils/permissions";

type ShellUser = { firstName: string; lastName: string; organisation: string; navigation: NavItem[] };

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

/** The DSFR header (written as markup so it renders identically on the server and the client). */
export function AppHeader({ user, demo }: { user: ShellUser | null; demo: boolean }) {
  return (
    <header role="banner" className="fr-header">
      <div className="fr-header__body">
        <div className="fr-container">
          <div className="fr-header__body-row">
            <div className="fr-header__brand fr-enlarge-link">
              <div className="fr-header__brand-top">
                <div className="fr-header__logo">
                  <p className="fr-logo">{brandTop}</p>
                </div>
                <div className="fr-header__navbar">
                  <button
                    className="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="menu-principal"
                    aria-haspopup="menu"
                    id="bouton-menu"
                    title="Menu"
                    type="button"
                  >
                    Menu
                  </button>
                </div>
              </div>
              <div className="fr-header__service">
                <Link to="/" title="Accueil — Passerelles">
                  <p className="fr-header__service-title">
                    Passerelles
                    {demo ? (
                      <span className="fr-badge fr-badge--sm fr-badge--green-menthe fr-ml-1w">Démonstration</span>
                    ) : null}
                  </p>
                </Link>
                <p className="fr-header__service-tagline">
                  Gouvernance des échanges de données CNSA · MDPH · partenaires
                </p>
              </div>
            </div>
            <div className="fr-header__tools">
              <div className="fr-header__tools-links">
                <QuickAccess user={user} />
              </div>
            </div>
          </div>
        </div>
      </div>
      {/* The DSFR script copies the tools links into this block on small screens: it must exist. */}
      <div className="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
        <div className="fr-container">
          <button className="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer" type="button">
            Fermer
          </button>
          <div className="fr-header__menu-links">
            <QuickAccess user={user} />
          </div>
          {user ? (
            <nav className="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
              <ul className="fr-nav__list">
                {user.navigation.map((item) => (
                  <li className="fr-nav__item" key={item.to}>
                    <NavLink
                      className="fr-nav__link"
                      to={item.to}
                      // A section whose pages another entry names (/cnsa and /cnsa/reprises, /segur and
                      // /segur/pilotes) is current only on its own page: one entry current at a time.
                      end={user.navigation.some((other) => other.to.startsWith(`${item.to}/`))}
                      prefetch="intent"
                    >
                      {({ isActive }) => <span aria-current={isActive ? "page" : undefined}>{item.label}</span>}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
    </header>
  );
}

function QuickAccess({ user }: { user: ShellUser | null }) {
  if (!user) {
    return (
      <ul className="fr-btns-group">
        <li>
          <Link className="fr-btn fr-icon-lock-line" to="/connexion">
            Se connecter
          </Link>
        </li>
      </ul>
    );
  }
  return (
    <ul className="fr-btns-group">
      <li>
        <Link className="fr-btn fr-icon-account-circle-line" to="/compte">
          {user.firstName} {user.lastName} · {user.organisation}
        </Link>
      </li>
      <li>
        <Form method="post" action="/deconnexion">
          <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
            Se déconnecter
          </button>
        </Form>
      </li>
    </ul>
  );
}

export function AppFooter() {
  return (
    <footer className="fr-footer" role="contentinfo" id="pied-de-page">
      <div className="fr-container">
        <div className="fr-footer__body">
          <div className="fr-footer__brand fr-enlarge-link">
            <Link to="/" title="Accueil — Passerelles">
              <p className="fr-logo">{brandTop}</p>
            </Link>
          </div>
          <div className="fr-footer__content">
            <p className="fr-footer__content-desc">
              Passerelles accompagne la CNSA, les maisons départementales des personnes handicapées et leurs partenaires
              dans la gouvernance de leurs échanges de données : groupes de travail, appels à commentaires, reprises
              ITAC et OPALES, pilotes Ségur.
            </p>
          </div>
        </div>
        <div className="fr-footer__bottom">
          <ul className="fr-footer__bottom-list">
            <li className="fr-footer__bottom-item">
              <Link className="fr-footer__bottom-link" to="/accessibilite">
                Accessibilité : non conforme
              </Link>
            </li>
          </ul>
          <div className="fr-footer__bottom-copy">
            <p>Sauf mention contraire, les contenus de ce site sont proposés sous licence etalab-2.0.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
