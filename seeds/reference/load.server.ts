/**
 * Loads the reference data (départements, reference organisations) into the database.
 *
 * Idempotent: rows are matched by code, only missing rows are created and only fields that
 * differ are written, so a second run writes nothing (and leaves `updatedAt` alone). It all
 * happens in one write transaction, with batched inserts.
 *
 * Which fields the loader owns, and which belong to administrators once a row exists:
 * - Region: the loader owns `name` (the migration that created the table inserted them too).
 * - Département: the loader owns `name` and `regionCode`, and `opalesCentre` / `opalesSourceLabel` of the
 *   départements the source lists. For those the source leaves out, it never touches the
 *   centre, which an administrator assigns by hand.
 * - Organisation: the loader owns `kind`, `name`, `shortName`, `departementCode` and the
 *   parent. It sets `email` only when it creates the row (the example mailboxes are
 *   placeholders an administrator replaces) and never touches `active` or the FINESS numbers.
 */
import { writeTransaction, type Tx } from "~/utils/db.server";
import { DEPARTEMENTS } from "./departements";
import { opalesCentreOf, opalesSourceLabelOf } from "./opales-centres";
import { REFERENCE_ORGANISATIONS, type OrganisationSeed } from "./organisations";
import { REGIONS, regionOf } from "./regions";

export interface ReferenceLoadResult {
  /** Regions present after the load. */
  regions: number;
  /** Reference départements present after the load. */
  departements: number;
  /** Reference organisations present after the load. */
  organisations: number;
}

export async function loadReferenceData(): Promise<ReferenceLoadResult> {
  return writeTransaction(async (tx) => {
    const regions = await loadRegions(tx);
    const departements = await loadDepartements(tx);
    const organisations = await loadOrganisations(tx);
    return { regions, departements, organisations };
  });
}

async function loadRegions(tx: Tx): Promise<number> {
  const existing = new Map((await tx.region.findMany()).map((row) => [row.code, row.name]));
  const toCreate = REGIONS.filter((region) => !existing.has(region.code));
  if (toCreate.length > 0) await tx.region.createMany({ data: toCreate.map(({ code, name }) => ({ code, name })) });
  for (const { code, name } of REGIONS) {
    if (existing.has(code) && existing.get(code) !== name) await tx.region.update({ where: { code }, data: { name } });
  }
  return REGIONS.length;
}

async function loadDepartements(tx: Tx): Promise<number> {
  const existing = new Map(
    (await tx.departement.findMany({ where: { code: { in: DEPARTEMENTS.map((d) => d.code) } } })).map((row) => [
      row.code,
      row,
    ]),
  );

  type Fields = { name?: string; regionCode?: string; opalesCentre?: string; opalesSourceLabel?: string };
  const toCreate: {
    code: string;
    name: string;
    regionCode: string | null;
    opalesCentre: string | null;
    opalesSourceLabel: string | null;
  }[] = [];
  const toUpdate: { code: string; data: Fields }[] = [];

  for (const dep of DEPARTEMENTS) {
    const centre = opalesCentreOf(dep.code);
    const sourceLabel = opalesSourceLabelOf(dep.code);
    const regionCode = regionOf(dep.code) ?? null;
    const row = existing.get(dep.code);
    if (!row) {
      toCreate.push({
        code: dep.code,
        name: dep.name,
        regionCode,
        opalesCentre: centre,
        opalesSourceLabel: sourceLabel,
      });
      continue;
    }
    const data: Fields = {};
    if (row.name !== dep.name) data.name = dep.name;
    if (regionCode !== null && row.regionCode !== regionCode) data.regionCode = regionCode;
    // A centre is only ever set from the source: where the source is silent, what an
    // administrator chose stands.
    if (centre !== null && row.opalesCentre !== centre) data.opalesCentre = centre;
    if (sourceLabel !== null && row.opalesSourceLabel !== sourceLabel) data.opalesSourceLabel = sourceLabel;
    if (Object.keys(data).length > 0) toUpdate.push({ code: dep.code, data });
  }

  if (toCreate.length > 0) await tx.departement.createMany({ data: toCreate });
  for (const { code, data } of toUpdate) await tx.departement.update({ where: { code }, data });
  return DEPARTEMENTS.length;
}

interface OrganisationFields {
  kind: string;
  name: string;
  shortName: string;
  departementCode: string | null;
  parentId: string | null;
}

async function loadOrganisations(tx: Tx): Promise<number> {
  const codes = REFERENCE_ORGANISATIONS.map((o) => o.code);
  const existing = new Map(
    (
      await tx.organisation.findMany({
        where: { code: { in: codes } },
        select: {
          id: true,
          code: true,
          kind: true,
          name: true,
          shortName: true,
          departementCode: true,
          parentId: true,
        },
      })
    ).map((row) => [row.code, row]),
  );
  const idByCode = new Map([...existing.values()].map((row) => [row.code, row.id]));

  // Parents before children: insert level by level, so that each level knows its parents' ids.
  for (const level of byDepth(REFERENCE_ORGANISATIONS)) {
    const toCreate: (OrganisationFields & { code: string; email: string | null })[] = [];
    const toUpdate: { id: string; data: Partial<OrganisationFields> }[] = [];

    for (const seed of level) {
      const wanted: OrganisationFields = {
        kind: seed.kind,
        name: seed.name,
        shortName: seed.shortName,
        departementCode: seed.departementCode ?? null,
        parentId: seed.parentCode ? requireId(idByCode, seed.parentCode) : null,
      };
      const row = existing.get(seed.code);
      if (!row) {
        toCreate.push({ code: seed.code, email: seed.email ?? null, ...wanted });
        continue;
      }
      const data: Partial<OrganisationFields> = {};
      for (const key of Object.keys(wanted) as (keyof OrganisationFields)[]) {
        if (row[key] !== wanted[key]) Object.assign(data, { [key]: wanted[key] });
      }
      if (Object.keys(data).length > 0) toUpdate.push({ id: row.id, data });
    }

    if (toCreate.length > 0) {
      await tx.organisation.createMany({ data: toCreate });
      const created = await tx.organisation.findMany({
        where: { code: { in: toCreate.map((o) => o.code) } },
        select: { id: true, code: true },
      });
      for (const row of created) idByCode.set(row.code, row.id);
    }
    for (const { id, data } of toUpdate) await tx.organisation.update({ where: { id }, data });
  }

  return REFERENCE_ORGANISATIONS.length;
}

/** Groups the seeds by depth in the tree: roots first, then their children, and so on. */
function byDepth(seeds: readonly OrganisationSeed[]): OrganisationSeed[][] {
  const byCode = new Map(seeds.map((s) => [s.code, s]));
  const depthOf = (seed: OrganisationSeed, seen: Set<string> = new Set()): number => {
    if (!seed.parentCode) return 0;
    if (seen.has(seed.code)) throw new Error(`Cycle in the reference organisations at "${seed.code}"`);
    seen.add(seed.code);
    const parent = byCode.get(seed.parentCode);
    // A parent outside the reference set must already be in the database: treat it as a root.
    return parent ? depthOf(parent, seen) + 1 : 1;
  };
  const levels: OrganisationSeed[][] = [];
  for (const seed of seeds) (levels[depthOf(seed)] ??= []).push(seed);
  return levels.filter(Boolean);
}

function requireId(idByCode: ReadonlyMap<string, string>, code: string): string {
  const id = idByCode.get(code);
  if (!id) throw new Error(`Unknown parent organisation "${code}"`);
  return id;
}
