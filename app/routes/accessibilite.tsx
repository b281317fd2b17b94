import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Déclaration d'accessibilité — Passerelles" }];

/** The accessibility statement the RGAA requires, stating honestly that no audit has been made yet. */
export default function Accessibilite() {
  return (
    <div className="fr-col-md-9">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        La Caisse nationale de solidarité pour l'autonomie (CNSA) s'engage à rendre ses services numériques accessibles,
        conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité
        s'applique à Passerelles.
      </p>
      <h2>État de conformité</h2>
      <p>
        Passerelles est <strong>non conforme</strong> avec le référentiel général d'amélioration de l'accessibilité
        (RGAA), version 4.1 : aucun audit de conformité n'a encore été réalisé.
      </p>
      <h2>Ce qui est fait dès la conception</h2>
      <ul>
        <li>
          Le système de design de l'État (DSFR) pour les composants, les couleurs, les contrastes et la navigation au
          clavier ;
        </li>
        <li>des liens d'évitement, un titre de page et un seul titre de premier niveau par page ;</li>
        <li>
          des formulaires dont chaque champ a une étiquette, et dont les erreurs sont décrites en toutes lettres à côté
          du champ ;
        </li>
        <li>
          des tableaux avec un titre et des en-têtes ; des états signalés par du texte, jamais par la couleur seule ;
        </li>
        <li>un calendrier utilisable sans JavaScript, sous forme de liste ;</li>
        <li>un avertissement avant l'expiration de la session, avec la possibilité de la prolonger ;</li>
        <li>un contrôle automatique (axe) de chaque page dans les tests, qui refuse toute erreur grave ou critique.</li>
      </ul>
      <h2>Retour d'information et contact</h2>
      <p>
        Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'équipe Passerelles de la CNSA pour
        être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou à une fonctionnalité, que
        vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur
        des droits, contacter son délégué dans votre région, ou lui écrire par courrier gratuit, sans affranchissement :
        Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
      </p>
    </div>
  );
}
