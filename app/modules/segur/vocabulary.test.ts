import { describe, expect, it } from "vitest";
import type { CodeOf } from "~/utils/vocabulary";
import { STEP_CHANNELS, type StepChannel, type StepCode, type StepScope } from "../../../workflows/segur-prerequisites";
import type { BlockerType } from "../../../workflows/segur-step";
import type { BoxType, CoreService, Environment, Outcome } from "../../../workflows/segur-objective";
import type { LessonKind, LessonTheme } from "../../../workflows/segur-pilot";
import {
  BLOCKER_VOCABULARY,
  CELL_LEGEND,
  BOX_TYPE_VOCABULARY,
  CORE_SERVICE_VOCABULARY,
  CREDENTIALS_OF_STEP,
  CREDENTIAL_KIND_VOCABULARY,
  DESIGNATED_ROLE_VOCABULARY,
  ENVIRONMENT_VOCABULARY,
  FUNDING_PROGRAMME_VOCABULARY,
  LESSON_KIND_VOCABULARY,
  LESSON_THEME_VOCABULARY,
  OUTCOME_VOCABULARY,
  PASSWORD_PROTECTED_KINDS,
  SECTOR_VOCABULARY,
  STEP_CHANNEL_VOCABULARY,
  STEP_SCOPE_VOCABULARY,
  STEP_VOCABULARY,
} from "./vocabulary";

/** Compiles only when both code types are the same set. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>) => proof;

describe("Ségur vocabularies", () => {
  it("wrap the machines' own codes, so a form's z.enum takes exactly what the machine accepts", () => {
    same<CodeOf<typeof STEP_VOCABULARY>, StepCode>(true);
    same<CodeOf<typeof STEP_SCOPE_VOCABULARY>, StepScope>(true);
    same<CodeOf<typeof STEP_CHANNEL_VOCABULARY>, StepChannel>(true);
    same<CodeOf<typeof BLOCKER_VOCABULARY>, BlockerType>(true);
    same<CodeOf<typeof CORE_SERVICE_VOCABULARY>, CoreService>(true);
    same<CodeOf<typeof OUTCOME_VOCABULARY>, Outcome>(true);
    same<CodeOf<typeof BOX_TYPE_VOCABULARY>, BoxType>(true);
    same<CodeOf<typeof ENVIRONMENT_VOCABULARY>, Environment>(true);
    same<CodeOf<typeof LESSON_THEME_VOCABULARY>, LessonTheme>(true);
    same<CodeOf<typeof LESSON_KIND_VOCABULARY>, LessonKind>(true);
    expect(STEP_VOCABULARY.codes[0]).toBe("finess-juridique");
    // Every channel the graph names is labelled, in the graph's order.
    expect(STEP_CHANNEL_VOCABULARY.codes).toEqual(STEP_CHANNELS);
    expect(STEP_VOCABULARY.labelOf("contrat-ans")).toBe("Contrat ANS signé (carte CDE du représentant légal)");
  });

  it("keep the codes the data model stores and the issue names", () => {
    expect(CORE_SERVICE_VOCABULARY.codes).toEqual(["INS", "DMP", "MSSANTE", "PSC"]);
    expect(OUTCOME_VOCABULARY.codes).toEqual(["ATTEINT_REEL", "ATTEINT_TEST", "NON_ATTEINT"]);
    expect(BLOCKER_VOCABULARY.codes).toEqual(["DELAI_ANS", "EDITEUR", "PLATEFORME_TEST_INDISPONIBLE", "INTERNE"]);
    expect(CREDENTIAL_KIND_VOCABULARY.codes).toEqual(["AUTH_CLI", "SIGN", "CPX", "CPE", "CDE"]);
    expect(BOX_TYPE_VOCABULARY.codes).toEqual(["NOMINATIVE", "ORGANISATIONNELLE", "APPLICATIVE"]);
    expect(STEP_SCOPE_VOCABULARY.codes).toEqual(["ENTITE_JURIDIQUE", "SITE", "PERSONNE"]);
    expect(DESIGNATED_ROLE_VOCABULARY.codes).toEqual([
      "REPRESENTANT_LEGAL",
      "MANDATAIRE_ANS",
      "GESTIONNAIRE_RPPS",
      "ADMINISTRATEUR_TECHNIQUE",
      "REFERENT_EDITEUR",
    ]);
    expect(FUNDING_PROGRAMME_VOCABULARY.codes).toEqual(["SONS", "ESMS_NUMERIQUE"]);
    expect(SECTOR_VOCABULARY.labelOf("PROTECTION_ENFANCE")).toBe("Protection de l'enfance");
    expect(LESSON_THEME_VOCABULARY.labels.MSSANTE).toBe(CORE_SERVICE_VOCABULARY.labels.MSSANTE);
  });

  it("give every code of a list its own label", () => {
    for (const v of [
      STEP_VOCABULARY,
      STEP_CHANNEL_VOCABULARY,
      SECTOR_VOCABULARY,
      DESIGNATED_ROLE_VOCABULARY,
      CREDENTIAL_KIND_VOCABULARY,
      LESSON_THEME_VOCABULARY,
      LESSON_KIND_VOCABULARY,
    ]) {
      const labels = v.options().map((o) => o.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it("name the step that gives each credential, and protect only the certificates by a password", () => {
    const given = Object.values(CREDENTIALS_OF_STEP).flat();
    expect([...given].sort()).toEqual([...CREDENTIAL_KIND_VOCABULARY.codes].sort());
    expect(PASSWORD_PROTECTED_KINDS).toEqual(CREDENTIALS_OF_STEP.certificats);
  });

  it("give every cell of the board a distinct symbol and a text, so the legend reads without colour", () => {
    const entries = Object.values(CELL_LEGEND);
    expect(new Set(entries.map((e) => e.symbol)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.short)).size).toBe(entries.length);
    expect(CELL_LEGEND.ATTEINT_TEST.label).toBe("Objectif atteint en environnement de test");
  });
});
