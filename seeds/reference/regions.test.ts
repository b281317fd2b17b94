import { describe, expect, it } from "vitest";
import { DEPARTEMENTS } from "./departements";
import { getRegion, REGIONS, regionOf } from "./regions";

describe("regions", () => {
  it("lists the 18 regions once each: 13 in metropolitan France, 5 overseas", () => {
    expect(REGIONS).toHaveLength(18);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(18);
    const overseas = REGIONS.filter((r) => r.departements.every((d) => d.length === 3));
    expect(overseas.map((r) => r.name)).toEqual(["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]);
    expect(REGIONS.length - overseas.length).toBe(13);
  });

  it("puts each of the 101 départements in exactly one region", () => {
    const listed = REGIONS.flatMap((r) => [...r.departements]);
    expect(listed).toHaveLength(101);
    expect(new Set(listed)).toEqual(new Set(DEPARTEMENTS.map((d) => d.code)));
  });

  it.each([
    ["53", "Pays de la Loire"],
    ["35", "Bretagne"],
    ["14", "Normandie"],
    ["17", "Nouvelle-Aquitaine"],
    ["69", "Auvergne-Rhône-Alpes"],
    ["10", "Grand Est"],
    ["52", "Grand Est"],
    ["2A", "Corse"],
    ["90", "Bourgogne-Franche-Comté"],
    ["976", "Mayotte"],
  ])("places the département %s in %s", (departement, region) => {
    expect(getRegion(regionOf(departement)!)?.name).toBe(region);
  });
});
