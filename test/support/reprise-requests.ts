/**
 * The first steps of a reprise most tests start from: a director records the signed avenant,
 * then asks for a reception date. Needs the reference data loaded and the clock set.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import { recordSignature, submitRequest } from "~/modules/reprise/request-commands.server";
import { person, repriseCast } from "./people";

/**
 * The reprise cast and the agents of the two OPALES centres, who see only the requests of their
 * centre's départements.
 */
export async function repriseCastWithCentres() {
  return {
    ...(await repriseCast()),
    rennes: await person("rennes@men-stsi.example", "men-stsi-rennes", ["SERVICE_ETAT"]),
    versailles: await person("versailles@men-stsi.example", "men-stsi-versailles", ["SERVICE_ETAT"]),
  };
}

/** The MDPH's technical contact typed on every request form. */
export const contact = {
  contactName: "Paul Martin",
  contactFunction: "Responsable SI",
  contactPhone: "02 43 00 00 00",
  contactEmail: "paul.martin@mdph.example",
};

export type SignedRequest = {
  application?: "ITAC" | "OPALES";
  signedOn: string;
  signatoryName?: string;
  signatoryFunction?: string;
  requestDate: string;
  desiredDate: string;
  contactEmail?: string;
};

/** Records the signature and submits the request; fails the calling test when either is refused. Returns the request's id. */
export async function signAndSubmit(director: SessionUser, request: SignedRequest): Promise<string> {
  const application = request.application ?? "ITAC";
  const signed = await recordSignature(director, {
    application,
    signedOn: request.signedOn,
    signatoryName: request.signatoryName ?? "Marie Dupont",
    signatoryFunction: request.signatoryFunction ?? "Directrice",
    designatedByCommission: "oui",
  });
  if (!signed.ok) throw new Error(signed.message);
  const submitted = await submitRequest(director, {
    application,
    requestDate: request.requestDate,
    desiredDate: request.desiredDate,
    ...contact,
    contactEmail: request.contactEmail ?? contact.contactEmail,
  });
  if (!submitted.ok) throw new Error(submitted.message);
  return submitted.value.id;
}

/** A centre's shipment of the files on `date`: by default on DVD, as the walk-throughs record it. */
export const shipment = (date: string, medium = "DVD", reference = "1A 234 567") =>
  ({ type: "EXPEDIER", medium, date, reference }) as const;

/** DAGEMO's shipment of the Mayenne's ITAC files on 10 December 2026. */
export const SHIPPED_ON_DVD = shipment("2026-12-10");
