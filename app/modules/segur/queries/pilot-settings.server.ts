/**
 * What the pilot's creation and record pages show: the choices of the settings form (sectors,
 * départements, products with their vendors, establishment and counterpart organisations), the
 * pilot's current settings, its legal entities and its grappe's waves for a new site, its
 * contacts, and the life events the coordinator may send now (from the machine).
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { organisationsByKind } from "~/modules/organisations/directory.server";
import { departementChoices } from "~/modules/organisations/admin.server";
import { availableEvents } from "~/modules/workflow/engine.server";
import { compiledOnce } from "~/utils/read-db.server";
import { OUT_OF_SCOPE } from "~/modules/groups/policy.server";
import { refusal, success } from "~/utils/result";
import { PAGE_FORBIDDEN } from "~/modules/reprise/policy.server";
import { SECTOR_VOCABULARY } from "../vocabulary";
import { pilotByCode } from "./pilot-page.server";
import { pilotLegalEntities } from "./pilot-records.server";

/** The events of the pilot's life the record page offers (the end, with its lessons, is the synthesis's). */
export const PILOT_LIFE_EVENTS = ["DEMARRER", "ABANDONNER"] as const;

const productsWithVendors = compiledOnce((db, _args: Record<string, never>) =>
  db
    .selectFrom("SoftwareProduct as p")
    .innerJoin("Organisation as vendor", "vendor.id", "p.vendorId")
    .select(["p.id", "p.name", "vendor.name as vendor"])
    .orderBy("vendor.name")
    .orderBy("p.name"),
);

/** The settings form's choices. */
export async function pilotSettingsChoices() {
  const [departements, products, organisations] = await Promise.all([
    departementChoices(),
    productsWithVendors({}),
    organisationsByKind({ kinds: ["ESSMS", "CONSEIL_DEPARTEMENTAL"] }),
  ]);
  return {
    sectors: SECTOR_VOCABULARY.options(),
    departements,
    products: products.map((p) => ({ value: p.id, label: `${p.name} (${p.vendor})` })),
    establishments: organisations.filter((g) => g.kind === "ESSMS"),
    counterparts: organisations.filter((g) => g.kind === "CONSEIL_DEPARTEMENTAL"),
  };
}

type PilotArgs = { pilotId: string };

const recordOf = compiledOnce((db, args: PilotArgs) =>
  db
    .selectFrom("SegurPilot as p")
    .leftJoin("WorkflowInstance as w", "w.id", "p.workflowId")
    .leftJoin("Grappe as g", "g.id", "p.grappeId")
    .where("p.id", "=", args.pilotId)
    .select(["p.name", "p.sector", "p.departementCode", "p.startsOn", "p.endsOn", "p.productId", "g.name as grappe"])
    .select(["w.id as workflowId", "w.type", "w.machineVersion", "w.snapshot", "w.status", "w.rowVersion"]),
);

const organisationsOf = compiledOnce((db, args: PilotArgs) =>
  db
    .selectFrom("SegurPilotOrganisation as po")
    .innerJoin("Organisation as o", "o.id", "po.organisationId")
    .where("po.pilotId", "=", args.pilotId)
    .select(["po.organisationId", "po.role", "o.name"])
    .orderBy("o.name"),
);

const contactsOf = compiledOnce((db, args: PilotArgs) =>
  db
    .selectFrom("SegurContact as c")
    .leftJoin("Organisation as o", "o.id", "c.organisationId")
    .where("c.pilotId", "=", args.pilotId)
    .select(["c.id", "c.name", "c.function", "c.email", "o.name as organisation"])
    .orderBy("c.name")
    .orderBy("c.id"),
);

const wavesOf = compiledOnce((db, args: PilotArgs) =>
  db
    .selectFrom("GrappeWave as wave")
    .innerJoin("SegurPilot as p", "p.grappeId", "wave.grappeId")
    .where("p.id", "=", args.pilotId)
    .select(["wave.id", "wave.rank", "wave.name"])
    .orderBy("wave.rank"),
);

/**
 * The pilot of this code for a person who manages it (its own people and the coordinator); a
 * reader is refused (403), a person who does not see the pilot told it does not exist (404).
 */
export async function pilotToManage(user: SessionUser, code: string) {
  const found = await pilotByCode(user, code);
  if (!found.ok) return found;
  return found.value.access.manage ? found : refusal("INTERDIT", PAGE_FORBIDDEN);
}

/** The pilot's record page (`pilotToManage`). */
export async function pilotSettingsPage(user: SessionUser, code: string) {
  const found = await pilotToManage(user, code);
  if (!found.ok) return found;
  const pilot = found.value;
  const args = { pilotId: pilot.id };
  const [[record], organisations, contacts, waves, legalEntities, choices] = await Promise.all([
    recordOf(args),
    organisationsOf(args),
    contactsOf(args),
    wavesOf(args),
    pilotLegalEntities([pilot.id]),
    pilotSettingsChoices(),
  ]);
  if (!record) return refusal("INTROUVABLE", OUT_OF_SCOPE);
  const ofRole = (role: string) => organisations.filter((o) => o.role === role).map((o) => o.organisationId);
  const { workflowId, type, machineVersion, snapshot } = record;
  const life =
    workflowId && type && machineVersion !== null && snapshot !== null
      ? availableEvents(
          { id: workflowId, type, machineVersion, snapshot },
          pilot.access.coordinate ? PILOT_LIFE_EVENTS : [],
        )
      : [];
  return success({
    pilot,
    settings: {
      name: record.name,
      sector: record.sector,
      departementCode: record.departementCode ?? "",
      plannedStartOn: record.startsOn ?? "",
      plannedEndOn: record.endsOn ?? "",
      productId: record.productId ?? "",
      establishmentIds: ofRole("ETABLISSEMENT"),
      counterpartIds: ofRole("CONTREPARTIE"),
    },
    choices,
    legalEntities: legalEntities.map((e) => ({ value: e.id, label: e.finess ? `${e.name} (${e.finess})` : e.name })),
    waves: waves.map((w) => ({ value: w.id, label: `${w.rank}. ${w.name}` })),
    grappe: record.grappe,
    organisations: [...new Map(organisations.map((o) => [o.organisationId, o.name]))].map(([value, label]) => ({
      value,
      label,
    })),
    contacts,
    life,
    status: record.status,
    rowVersion: record.rowVersion,
  });
}
