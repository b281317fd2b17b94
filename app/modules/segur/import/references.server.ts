/**
 * What an establishment extract's checks need to know of the database, read once before the
 * file (a few hundred rows): the départements, the products by vendor and name (folded), the
 * grappes with their waves.
 */
import { folded } from "~/utils/folding";
import { compiledOnce } from "~/utils/read-db.server";
import type { ImportReferences } from "./columns";

const departements = compiledOnce((db, _args: Record<string, never>) => db.selectFrom("Departement").select("code"));
const products = compiledOnce((db, _args: Record<string, never>) =>
  db
    .selectFrom("SoftwareProduct as p")
    .innerJoin("Organisation as vendor", "vendor.id", "p.vendorId")
    .select(["p.id", "p.name", "vendor.name as vendor", "vendor.shortName as vendorShortName"]),
);
const waves = compiledOnce((db, _args: Record<string, never>) =>
  db.selectFrom("Grappe as g").leftJoin("GrappeWave as w", "w.grappeId", "g.id").select(["g.code", "w.rank"]),
);

export async function importReferences(): Promise<ImportReferences> {
  const [codes, productRows, waveRows] = await Promise.all([departements({}), products({}), waves({})]);
  const grappes = new Map<string, Set<number>>();
  for (const { code, rank } of waveRows) {
    const ranks = grappes.get(code) ?? new Set<number>();
    if (rank !== null) ranks.add(rank);
    grappes.set(code, ranks);
  }
  return {
    departements: new Set(codes.map((d) => d.code)),
    // A vendor is known by its name or its short name.
    products: new Map(
      productRows.flatMap((p) => [
        [`${folded(p.vendor)}|${folded(p.name)}`, p.id],
        [`${folded(p.vendorShortName)}|${folded(p.name)}`, p.id],
      ]),
    ),
    grappes,
  };
}
