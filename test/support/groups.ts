/**
 * The work-group cast most group tests need (needs the reference data loaded): the CNSA
 * coordinator, France Travail's pilot, and a member of DGEFP and of CNAF — the "sphère emploi"
 * pilot and member, and an organisation outside it.
 */
import { person } from "./people";

export async function groupCast() {
  return {
    coordinator: await person("coord@cnsa.example", "cnsa", ["COORDINATEUR_CNSA"]),
    pilot: await person("pilote@france-travail.example", "france-travail", ["PILOTE_GROUPE", "MEMBRE_GT"]),
    dgefp: await person("membre@dgefp.example", "dgefp", ["MEMBRE_GT"]),
    cnaf: await person("membre@cnaf.example", "cnaf", ["MEMBRE_GT"]),
  };
}
