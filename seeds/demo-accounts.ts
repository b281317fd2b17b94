/**
 * Demo people, one per role (two MDPH directors, in a Rennes and a Versailles département),
 * loaded only when DEMO_DATA is on. Fictional names, reserved `.example` domains.
 */
import { ROLE_LABELS, type Role } from "~/utils/roles";

/** Shown on the sign-in page of a demo instance. */
export const DEMO_PASSWORD = "Démonstration Passerelles 2026";

export type DemoAccount = {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisationCode: string;
  organisationLabel: string;
  roles: Role[];
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "camille.durand@cnsa.example",
    firstName: "Camille",
    lastName: "Durand",
    jobTitle: "Chargée de coordination des systèmes d'information",
    organisationCode: "cnsa",
    organisationLabel: "CNSA",
    roles: ["COORDINATEUR_CNSA"],
  },
  {
    email: "claire.moreau@mdph53.example",
    firstName: "Claire",
    lastName: "Moreau",
    jobTitle: "Directrice",
    organisationCode: "mdph-53",
    organisationLabel: "MDPH de la Mayenne (53)",
    roles: ["DIRECTEUR_MDPH"],
  },
  {
    email: "julien.lefevre@mdph80.example",
    firstName: "Julien",
    lastName: "Lefèvre",
    jobTitle: "Directeur",
    organisationCode: "mdph-80",
    organisationLabel: "MDPH de la Somme (80)",
    roles: ["DIRECTEUR_MDPH"],
  },
  {
    email: "sophie.bernard@cnaf.example",
    firstName: "Sophie",
    lastName: "Bernard",
    jobTitle: "Chargée d'études",
    organisationCode: "cnaf",
    organisationLabel: "CNAF",
    roles: ["MEMBRE_GT"],
  },
  {
    email: "nicolas.petit@france-travail.example",
    firstName: "Nicolas",
    lastName: "Petit",
    jobTitle: "Responsable des partenariats",
    organisationCode: "france-travail",
    organisationLabel: "France Travail",
    roles: ["PILOTE_GROUPE", "MEMBRE_GT"],
  },
  {
    email: "paul.girard@dgefp.example",
    firstName: "Paul",
    lastName: "Girard",
    jobTitle: "Chargé de mission insertion professionnelle",
    organisationCode: "dgefp",
    organisationLabel: "DGEFP",
    roles: ["MEMBRE_GT"],
  },
  {
    email: "isabelle.roux@dagemo.example",
    firstName: "Isabelle",
    lastName: "Roux",
    jobTitle: "Cheffe de projet ITAC",
    organisationCode: "dagemo",
    organisationLabel: "DAGEMO / MTRSS",
    roles: ["SERVICE_ETAT"],
  },
  {
    email: "marc.garnier@men-stsi.example",
    firstName: "Marc",
    lastName: "Garnier",
    jobTitle: "Responsable d'exploitation OPALES",
    organisationCode: "men-stsi-rennes",
    organisationLabel: "MEN-STSI — centre de Rennes",
    roles: ["SERVICE_ETAT"],
  },
  {
    email: "elodie.fontaine@essms-demo.example",
    firstName: "Élodie",
    lastName: "Fontaine",
    jobTitle: "Cheffe de projet Ségur",
    organisationCode: "chanteclair",
    organisationLabel: "Chanteclair (pilote Ségur, protection de l'enfance)",
    roles: ["PILOTE_SEGUR"],
  },
  {
    email: "thomas.leroy@cnsa.example",
    firstName: "Thomas",
    lastName: "Leroy",
    jobTitle: "Administrateur technique",
    organisationCode: "cnsa",
    organisationLabel: "CNSA",
    roles: ["ADMIN"],
  },
];

export function listDemoAccounts() {
  return DEMO_ACCOUNTS.map((account) => ({
    email: account.email,
    roleLabel: account.roles.map((role) => ROLE_LABELS[role]).join(", "),
    organisationLabel: account.organisationLabel,
  }));
}
