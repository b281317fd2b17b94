/**
 * The Ségur prerequisites as a dependency graph, not a list (shared/sources/004, issue 11): each
 * step with its French label, its scope, its hard predecessors and the channels it may go
 * through. Pure data and pure functions: the step machine (workflows/segur-step.ts) and the
 * services read it. The French labels of the scopes and channels are in
 * app/modules/segur/vocabulary.ts, as `vocabulary()` lists (machines may not import
 * app/utils/vocabulary); the steps' own labels and refusal phrases are here, with the graph.
 *
 *  finess-juridique ─▶ contrat-ans ─▶ carte-cpe ─▶ gestionnaire-rpps ─▶ professionnels-rpps ◀─ finess-geographique
 *         │                              │
 *         ├──────────────────────────────┼─▶ certificats ─▶ insi-auth-cli ◀─ homologation-ins
 *         └──────────────────────────────┴─▶ cartes-cpx
 *
 * Which FINESS each successor needs: a step taken by or for the legal entity needs the FINESS
 * juridique — the ANS contract is signed by its legal representative, certificates are issued
 * per legal entity ("authentifier l'entité juridique"), and cards are ordered and identified by
 * the legal entity (ONELA: "identifier les cartes avec l'entité juridique"), so the person-scoped
 * CPx cards take it too. Only a site's own step needs the FINESS géographique: professionals
 * are registered in RPPS+ at their establishment, found by its FINESS (ONELA: "mettre le nom de
 * l'établissement dans le nom FINESS pour le retrouver lors des inscriptions au RPPS+"). That
 * one edge is not in the table, which only names the RPPS+ manager: without the site's
 * FINESS, RPPS+ has nowhere to register them.
 */

export const STEP_SCOPES = ["ENTITE_JURIDIQUE", "SITE", "PERSONNE"] as const;
export type StepScope = (typeof STEP_SCOPES)[number];

/** How a step goes through: the forms, portals and procedures of 004's synthesis table (labels: STEP_CHANNEL_VOCABULARY). */
export type StepChannel =
  | "BASE_FINESS"
  | "INSCRIPTION_FINESS"
  | "DEMARCHES_SIMPLIFIEES"
  | "CONTRAT_F101_COURRIEL"
  | "F301"
  | "TOM"
  | "PORTAIL_RPPS_GESTIONNAIRE"
  | "PORTAIL_RPPS_PROFESSIONNEL"
  | "F413"
  | "MES_HABILITATIONS"
  | "F201"
  | "ARS_OU_ORDRE"
  | "COMMISSION_INTERNE"
  | "PARAMETRAGE_DUI";

export const STEP_CODES = [
  "finess-juridique",
  "finess-geographique",
  "contrat-ans",
  "carte-cpe",
  "gestionnaire-rpps",
  "professionnels-rpps",
  "certificats",
  "cartes-cpx",
  "homologation-ins",
  "insi-auth-cli",
] as const;
export type StepCode = (typeof STEP_CODES)[number];

export type StepDefinition = {
  label: string;
  scope: StepScope;
  /** What must be obtained first, as the refusal says it: "le contrat ANS doit d'abord être signé". */
  needed: string;
  /** Hard predecessors: obtained before this step may be asked. */
  after: readonly StepCode[];
  channels: readonly StepChannel[];
};

/** The graph, in the natural order of 004 (also a topological order: see segur-prerequisites.test.ts). */
export const SEGUR_STEPS: Readonly<Record<StepCode, StepDefinition>> = {
  "finess-juridique": {
    label: "FINESS juridique vérifié",
    scope: "ENTITE_JURIDIQUE",
    needed: "le FINESS juridique doit d'abord être vérifié dans le fichier national",
    after: [],
    channels: ["BASE_FINESS", "INSCRIPTION_FINESS"],
  },
  "finess-geographique": {
    label: "FINESS géographique vérifié",
    scope: "SITE",
    needed: "le FINESS géographique de l'établissement doit d'abord être vérifié dans le fichier national",
    after: [],
    channels: ["BASE_FINESS", "INSCRIPTION_FINESS"],
  },
  "contrat-ans": {
    label: "Contrat ANS signé (carte CDE du représentant légal)",
    scope: "ENTITE_JURIDIQUE",
    needed: "le contrat ANS doit d'abord être signé",
    after: ["finess-juridique"],
    channels: ["DEMARCHES_SIMPLIFIEES", "CONTRAT_F101_COURRIEL"],
  },
  "carte-cpe": {
    label: "Carte CPE du gestionnaire RPPS+",
    scope: "PERSONNE",
    needed: "la carte CPE doit d'abord être obtenue",
    after: ["contrat-ans"],
    channels: ["F301", "DEMARCHES_SIMPLIFIEES", "TOM"],
  },
  "gestionnaire-rpps": {
    label: "Gestionnaire RPPS+ enrôlé",
    scope: "PERSONNE",
    needed: "le gestionnaire RPPS+ doit d'abord être enrôlé",
    after: ["carte-cpe"],
    channels: ["PORTAIL_RPPS_GESTIONNAIRE"],
  },
  "professionnels-rpps": {
    label: "Professionnels enregistrés dans RPPS+",
    scope: "SITE",
    needed: "les professionnels doivent d'abord être enregistrés dans RPPS+",
    after: ["gestionnaire-rpps", "finess-geographique"],
    channels: ["PORTAIL_RPPS_GESTIONNAIRE", "PORTAIL_RPPS_PROFESSIONNEL"],
  },
  certificats: {
    label: "Certificats logiciels AUTH_CLI et SIGN commandés",
    scope: "ENTITE_JURIDIQUE",
    needed: "les certificats AUTH_CLI et SIGN doivent d'abord être obtenus",
    after: ["carte-cpe", "finess-juridique"],
    channels: ["F413", "DEMARCHES_SIMPLIFIEES", "MES_HABILITATIONS"],
  },
  "cartes-cpx": {
    label: "Cartes CPx commandées",
    scope: "PERSONNE",
    needed: "les cartes CPx doivent d'abord être obtenues",
    after: ["carte-cpe", "finess-juridique"],
    channels: ["F201", "DEMARCHES_SIMPLIFIEES", "TOM", "ARS_OU_ORDRE"],
  },
  // 004: "obligatoire" before the certificates are used against INSi; it can start on day one.
  "homologation-ins": {
    label: "Auto-homologation INS",
    scope: "ENTITE_JURIDIQUE",
    needed: "l'auto-homologation INS doit d'abord être prononcée",
    after: [],
    channels: ["COMMISSION_INTERNE"],
  },
  "insi-auth-cli": {
    label: "Certificat AUTH_CLI utilisé auprès du téléservice INSi",
    scope: "ENTITE_JURIDIQUE",
    needed: "le certificat AUTH_CLI doit d'abord être utilisé auprès du téléservice INSi",
    after: ["certificats", "homologation-ins"],
    channels: ["PARAMETRAGE_DUI"],
  },
};

/** Every channel some step goes through, in the order the graph first names them. */
export const STEP_CHANNELS: readonly StepChannel[] = [
  ...new Set(STEP_CODES.flatMap((code) => SEGUR_STEPS[code].channels)),
];

/** The hard predecessors of `code` not yet obtained, in the graph's order. */
export function missingPredecessors(code: StepCode, obtained: ReadonlySet<StepCode>): StepCode[] {
  return SEGUR_STEPS[code].after.filter((before) => !obtained.has(before));
}

/** "a", "a et b", "a, b et c". */
function frenchList(items: string[]) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`;
}

/** The French refusal of a step asked too early, naming what must come first; null when nothing is missing. */
export function predecessorRefusal(missing: readonly StepCode[]): string | null {
  if (missing.length === 0) return null;
  return `Étape impossible : ${frenchList(missing.map((code) => SEGUR_STEPS[code].needed))}.`;
}

/**
 * The steps that can start now: neither obtained nor already started, with every hard
 * predecessor obtained. On day one that is every step without a predecessor, at once: the
 * sources' first advice is "anticiper au maximum".
 */
export function startableSteps(
  obtained: ReadonlySet<StepCode>,
  started: ReadonlySet<StepCode> = new Set(),
): StepCode[] {
  return STEP_CODES.filter(
    (code) => !obtained.has(code) && !started.has(code) && missingPredecessors(code, obtained).length === 0,
  );
}

/** The steps that need `code` directly. */
export function successorsOf(code: StepCode): StepCode[] {
  return STEP_CODES.filter((other) => SEGUR_STEPS[other].after.includes(code));
}

/** Every step that needs `code`, directly or through others, in the graph's order (what a departure puts at risk). */
export function dependentSteps(code: StepCode): StepCode[] {
  const reached = new Set<StepCode>();
  const visit = (from: StepCode) => {
    for (const next of successorsOf(from)) {
      if (!reached.has(next)) {
        reached.add(next);
        visit(next);
      }
    }
  };
  visit(code);
  return STEP_CODES.filter((other) => reached.has(other));
}

/**
 * The steps in an order where every predecessor comes first (Kahn); throws when the graph has a
 * cycle or names a step it does not define, so a wrong edit fails its test at once.
 */
export function topologicalOrder(steps: Readonly<Record<string, { after: readonly string[] }>> = SEGUR_STEPS) {
  const codes = Object.keys(steps);
  for (const code of codes) {
    const unknown = steps[code].after.filter((before) => !Object.hasOwn(steps, before));
    if (unknown.length > 0) throw new Error(`Step ${code} needs unknown steps: ${unknown.join(", ")}`);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < codes.length) {
    const ready = codes.filter((code) => !placed.has(code) && steps[code].after.every((before) => placed.has(before)));
    if (ready.length === 0)
      throw new Error(`Cycle among steps: ${codes.filter((code) => !placed.has(code)).join(", ")}`);
    for (const code of ready) {
      placed.add(code);
      order.push(code);
    }
  }
  return order;
}

// ---------------------------------------------------------------------------------------------
// Which obtained steps count for a subject
// ---------------------------------------------------------------------------------------------

/** What a step is about: always a legal entity; a site for site steps; a person for person steps. */
export type StepSubject = { legalEntityId: string; siteId: string | null; personId: string | null };
export type RecordedStep = StepSubject & { stepCode: StepCode; obtained: boolean };

/**
 * The edges where the predecessor is the same person's own step: an RPPS+ manager enrols with
 * their own CPE card. Elsewhere a person-scoped predecessor counts for the whole legal entity
 * (the certificates and the CPx cards are ordered by whoever holds a CPE card there; the
 * professionals are registered by any RPPS+ manager of the legal entity).
 */
const SAME_PERSON: ReadonlySet<string> = new Set(["gestionnaire-rpps<carte-cpe"]);

/**
 * The obtained steps that count for `code` on `subject`, from every recorded step of its legal
 * entity: an entity step of the same legal entity, a site step of the same site, a person step
 * of the same person where the edge says so, else of anyone in the legal entity. The service
 * then asks `missingPredecessors(code, obtainedFor(code, subject, recorded))`.
 */
export function obtainedFor(code: StepCode, subject: StepSubject, recorded: readonly RecordedStep[]) {
  const counted = new Set<StepCode>();
  for (const step of recorded) {
    if (!step.obtained || step.legalEntityId !== subject.legalEntityId) continue;
    if (!SEGUR_STEPS[code].after.includes(step.stepCode)) continue;
    const scope = SEGUR_STEPS[step.stepCode].scope;
    const counts =
      scope === "ENTITE_JURIDIQUE" ||
      (scope === "SITE" && step.siteId === subject.siteId) ||
      (scope === "PERSONNE" && (!SAME_PERSON.has(`${code}<${step.stepCode}`) || step.personId === subject.personId));
    if (counts) counted.add(step.stepCode);
  }
  return counted;
}
