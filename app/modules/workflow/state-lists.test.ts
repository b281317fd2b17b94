import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnyStateMachine } from "xstate";
import { actionItemMachine } from "../../../workflows/action-item";
import { repriseMachine } from "../../../workflows/reprise";
import { rfcCycleMachine } from "../../../workflows/rfc-cycle";
import { workGroupMachine } from "../../../workflows/work-group";

// Decision 017: a set of states is a tag declared by the machine, never a list written elsewhere
// (ESLint cannot read the machines' state names; this test does).
const machines: AnyStateMachine[] = [repriseMachine, actionItemMachine, workGroupMachine, rfcCycleMachine];
const stateNames = new Set(machines.flatMap((m) => Object.keys(m.root.states)));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Array literals of the file that name two states or more. */
function stateLists(text: string): string[] {
  return [...text.matchAll(/\[([^[\]]*)\]/g)]
    .map((m) => m[0])
    .filter((list) => [...list.matchAll(/"([A-Za-z]+)"/g)].filter(([, word]) => stateNames.has(word)).length >= 2);
}

describe("state names outside the machines", () => {
  it("finds a list when there is one (the check itself works)", () => {
    expect(stateLists('where: { status: { in: ["demandee", "transmise"] } }')).toHaveLength(1);
    expect(stateLists('const roles = ["COORDINATEUR_CNSA", "DIRECTEUR_MDPH"];')).toHaveLength(0);
  });

  it("no module or route lists states: they select by the machines' tags", () => {
    const found = sources("app").flatMap((file) => stateLists(readFileSync(file, "utf8")).map((l) => `${file}: ${l}`));
    expect(found).toEqual([]);
  });
});
