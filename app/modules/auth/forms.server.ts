/** Form fields of the sign-in pages, with their French errors. */
import { z } from "zod";

/** The person's own address, typed to sign in or to ask for a new password. */
export const ownEmailField = z
  .string({ required_error: "Saisissez votre adresse électronique." })
  .trim()
  .email("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.");
