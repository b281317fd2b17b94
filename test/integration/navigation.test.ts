/**
 * The menu follows the access policy (decision 018): for each role, every entry of its menu
 * opens (200), and every page a menu may list that is not in its menu is refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/auth/session.server";
import { createGroup } from "~/modules/groups/group-commands.server";
import { withGroupFacts } from "~/modules/groups/policy.server";
import { loader as adminLoader } from "~/routes/admin._index";
import { loader as cnsaLoader } from "~/routes/cnsa._index";
import { loader as cnsaGroupsLoader } from "~/routes/cnsa.groupes._index";
import { loader as repriseCampaignLoader } from "~/routes/cnsa.reprises._index";
import { loader as etatLoader } from "~/routes/etat._index";
import { loader as groupsLoader } from "~/routes/groupes._index";
import { loader as mdphLoader } from "~/routes/mdph._index";
import { loader as inviteLoader } from "~/routes/personnes.inviter";
import { loader as pilotageLoader } from "~/routes/pilotage._index";
import { loader as rfcLoader } from "~/routes/rfc._index";
import { loader as segurLoader } from "~/routes/segur._index";
import { loader as segurBoardLoader } from "~/routes/segur.pilotes._index";
import { setClock } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { MENU_PATHS, navigationFor } from "~/utils/permissions";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { person } from "../support/people";
import { callRoute, statusOf, type RouteHandler } from "../support/routes";

// The calendar (every signed-in person's, its entries filtered by each domain's policy) imports
// its stylesheet as a URL, which Vitest cannot load: test/e2e/calendar.spec.ts opens it.
const CALENDAR = "/calendrier";
const LOADERS: Record<string, RouteHandler> = {
  "/cnsa": cnsaLoader,
  "/mdph": mdphLoader,
  "/etat": etatLoader,
  "/pilotage": pilotageLoader,
  "/groupes": groupsLoader,
  "/segur": segurLoader,
  "/segur/pilotes": segurBoardLoader,
  "/admin": adminLoader,
  "/cnsa/reprises": repriseCampaignLoader,
  "/cnsa/groupes": cnsaGroupsLoader,
  "/rfc": rfcLoader,
  "/personnes/inviter": inviteLoader,
};

/** Pages a person may open that their menu leaves out on purpose, and where they reach them instead. */
const REACHED_ELSEWHERE: Record<string, string[]> = {
  // From the list of people of the administration pages.
  administrator: ["/personnes/inviter"],
};

const cast: Record<string, SessionUser> = {};

beforeAll(async () => {
  setClock(new Date("2026-11-02T09:00:00Z"), { frozen: true });
  await loadReferenceData();
  cast.coordinator = await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]);
  cast["director outside any group"] = await person("dir53@mdph.example", "mdph-53", ["DIRECTEUR_MDPH"]);
  cast["director of an MDPH on the steering body"] = await person("dir80@mdph.example", "mdph-80", ["DIRECTEUR_MDPH"]);
  cast["group member"] = await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"]);
  cast["group pilot"] = await person("pilote@france-travail.example", "france-travail", ["PILOTE_GROUPE", "MEMBRE_GT"]);
  cast["State service"] = await person("itac@dagemo.example", "dagemo", ["SERVICE_ETAT"]);
  cast["Ségur pilot"] = await person("segur@cnsa.example", "cnsa", ["PILOTE_SEGUR"]);
  await prisma.organisation.create({
    data: { code: "ars-normandie", kind: "ARS", name: "ARS Normandie", shortName: "ARS Normandie", regionCode: "28" },
  });
  cast["Ségur reader"] = await person("lecteur@ars-normandie.example", "ars-normandie", ["LECTEUR_SEGUR"]);
  cast.administrator = await person("admin@cnsa.example", "cnsa", ["ADMIN"]);
  const id = async (code: string) => (await prisma.organisation.findUniqueOrThrow({ where: { code } })).id;
  const created = await createGroup(cast.coordinator, {
    kind: "PILOTAGE",
    name: "Instance de pilotage",
    code: "instance-pilotage",
    distributionLists: ["MEMBRES"],
    vendorsJoin: "JAMAIS",
    memberOrganisationIds: [await id("cnsa"), await id("mdph-80"), await id("cnaf")],
    pilotOrganisationId: await id("cnsa"),
  });
  if (!created.ok) throw new Error(created.message);
});

describe("navigation that follows the access policy", () => {
  it("lists every page a menu may show once, each with a loader under test", () => {
    expect(new Set(MENU_PATHS).size).toBe(MENU_PATHS.length);
    expect([...Object.keys(LOADERS), CALENDAR].sort()).toEqual([...MENU_PATHS].sort());
  });

  it("gives the coordinator the reprise campaign and a director on the steering body the work groups", async () => {
    const menu = async (who: string) => navigationFor(await withGroupFacts(cast[who])).map((item) => item.to);
    expect(await menu("coordinator")).toContain("/cnsa/reprises");
    expect(await menu("director of an MDPH on the steering body")).toContain("/groupes");
    expect(await menu("director outside any group")).not.toContain("/groupes");
  });

  for (const who of [
    "coordinator",
    "director outside any group",
    "director of an MDPH on the steering body",
    "group member",
    "group pilot",
    "State service",
    "Ségur pilot",
    "Ségur reader",
    "administrator",
  ])
    it(`opens every entry of the ${who}'s menu, and refuses the ${who} the pages left out of it`, async () => {
      const user = cast[who];
      const menu = navigationFor(await withGroupFacts(user)).map((item) => item.to);
      expect(menu).toContain(CALENDAR);
      for (const path of MENU_PATHS.filter((p) => p !== CALENDAR)) {
        const status = statusOf(await callRoute(LOADERS[path], user, path, {}));
        if (menu.includes(path) || REACHED_ELSEWHERE[who]?.includes(path))
          expect(status, `${path} is in the menu`).toBe(200);
        else expect([403, 404], `${path} is not in the menu`).toContain(status);
      }
    });
});
