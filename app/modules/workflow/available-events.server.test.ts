import { describe, expect, it } from "vitest";
import { initialTransition, transition, type AnyStateMachine } from "xstate";
import { repriseMachine, type RepriseEvent, type RepriseInput } from "../../../workflows/reprise";
import { validationDeadlineFor } from "../reprise/rules.server";
import { workGroupMachine } from "../../../workflows/work-group";
import { at, dispatch, happyPath } from "../../../test/support/reprise-paths";
import { availableEvents } from "./engine.server";

const noon = (day: string) => new Date(at(day));

function stored(type: string, machine: AnyStateMachine, input: unknown, events: { type: string; now: string }[]) {
  let [snapshot] = initialTransition(machine, input as never);
  for (const event of events) {
    expect(snapshot.can(event), event.type).toBe(true);
    [snapshot] = transition(machine, snapshot, event as never);
  }
  return { type, machineVersion: 1, snapshot: JSON.stringify(machine.getPersistedSnapshot(snapshot)) };
}

const reprise = (input: RepriseInput, events: RepriseEvent[]) => stored("reprise", repriseMachine, input, events);
const OPALES: RepriseInput = { application: "OPALES", desiredDate: "2026-12-10", departement: "80" };
const ITAC: RepriseInput = { ...OPALES, application: "ITAC" };
const dispatched = dispatch();
const untilReception = happyPath;

const DIRECTOR = ["RECEPTIONNER", "VALIDER", "SIGNALER_NON_CONFORMITE", "ANNULER"];
const COORDINATOR = ["CONFIRMER_DATE", "PROPOSER_DATE", "FIXER_DATE", "ENVOYER_MOT_DE_PASSE", "ANNULER"];
const possible = (answer: ReturnType<typeof availableEvents>) => answer.filter((e) => e.possible).map((e) => e.type);

describe("which reprise events a person may send now, and why not the others", () => {
  it("counts the 15 working days of validation across weekends, Christmas and New Year's Day", () => {
    // 15 working days after Monday 14 December 2026, skipping Friday 25 December and Friday 1 January.
    expect(validationDeadlineFor("2026-12-14", "80")).toBe("2027-01-06");
    const request = reprise(OPALES, untilReception(OPALES));
    // Saturday 2 January, between the holiday and the deadline: still open.
    expect(possible(availableEvents(request, DIRECTOR, noon("2027-01-02")))).toEqual([
      "VALIDER",
      "SIGNALER_NON_CONFORMITE",
    ]);
    // Wednesday 6 January, the last working day: still open.
    expect(possible(availableEvents(request, DIRECTOR, noon("2027-01-06")))).toEqual([
      "VALIDER",
      "SIGNALER_NON_CONFORMITE",
    ]);
    // Thursday 7 January: over. Both buttons go, with the reason; RECEPTIONNER and ANNULER do not concern this state.
    const after = availableEvents(request, DIRECTOR, noon("2027-01-07"));
    expect(after).toEqual([
      { type: "RECEPTIONNER", label: "Enregistrer la réception", possible: false, reason: null },
      {
        type: "VALIDER",
        label: "Valider les fichiers",
        possible: false,
        reason:
          "Le délai de validation est écoulé : sans réclamation, les fichiers sont réputés conformes et acceptés.",
      },
      {
        type: "SIGNALER_NON_CONFORMITE",
        label: "Signaler une non-conformité technique",
        possible: false,
        reason:
          "Le délai de validation est écoulé : sans réclamation, les fichiers sont réputés conformes et acceptés.",
      },
      { type: "ANNULER", label: "Annuler la demande", possible: false, reason: null },
    ]);
  });

  it("offers to confirm the desired date only while it is ahead, and says why afterwards", () => {
    const request = reprise(OPALES, [dispatched]);
    expect(possible(availableEvents(request, COORDINATOR, noon("2026-12-10")))).toEqual([
      "CONFIRMER_DATE",
      "PROPOSER_DATE",
      "FIXER_DATE",
      "ANNULER",
    ]);
    const late = availableEvents(request, COORDINATOR, noon("2026-12-11"));
    expect(possible(late)).toEqual(["PROPOSER_DATE", "FIXER_DATE", "ANNULER"]);
    expect(late[0]).toEqual({
      type: "CONFIRMER_DATE",
      label: "Confirmer la date souhaitée",
      possible: false,
      reason:
        "La date souhaitée (10 décembre 2026) est passée : elle ne peut plus être confirmée, proposez une autre date.",
    });
  });

  it("offers the password letter for OPALES files only, once, without a reason for ITAC", () => {
    const opales = reprise(OPALES, untilReception(OPALES).slice(0, 3));
    expect(possible(availableEvents(opales, COORDINATOR, noon("2026-12-10")))).toEqual(["ENVOYER_MOT_DE_PASSE"]);
    const sent = reprise(OPALES, [
      ...untilReception(OPALES).slice(0, 3),
      { type: "ENVOYER_MOT_DE_PASSE", date: "2026-12-10", reference: "RAR 2", now: at("2026-12-10") },
    ]);
    expect(availableEvents(sent, ["ENVOYER_MOT_DE_PASSE"], noon("2026-12-11"))).toEqual([
      { type: "ENVOYER_MOT_DE_PASSE", label: "Enregistrer l'envoi du mot de passe", possible: false, reason: null },
    ]);
    const itac = reprise(ITAC, untilReception(ITAC).slice(0, 3));
    expect(availableEvents(itac, ["ENVOYER_MOT_DE_PASSE"], noon("2026-12-10"))[0]).toMatchObject({
      possible: false,
      reason: null,
    });
  });

  it("offers nothing that the access policy does not allow, whatever the state takes", () => {
    const request = reprise(OPALES, untilReception(OPALES));
    expect(availableEvents(request, [], noon("2026-12-15"))).toEqual([]);
  });
});

describe("which work-group events the steering body may send now", () => {
  it("offers to validate the pilot once only", () => {
    const input = { name: "Échanges", kind: "technique" as const, letterDueOn: null };
    const drafted = stored("groupe", workGroupMachine, input, [{ type: "REDIGER_LETTRE", now: at("2026-12-01") }]);
    const all = ["VALIDER_PILOTE", "VALIDER", "ACTIVER", "CLORE"];
    expect(possible(availableEvents(drafted, all))).toEqual(["VALIDER_PILOTE", "VALIDER"]);
    const validated = stored("groupe", workGroupMachine, input, [
      { type: "REDIGER_LETTRE", now: at("2026-12-01") },
      { type: "VALIDER_PILOTE", now: at("2026-12-02") },
    ]);
    expect(possible(availableEvents(validated, all))).toEqual(["VALIDER"]);
  });
});
