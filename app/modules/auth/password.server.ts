import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as fr from "@zxcvbn-ts/language-fr";
import { ConcurrencyLimit } from "~/utils/concurrency";
import { env } from "~/utils/env.server";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every argon2 computation of the process waits its turn here: a storm of sign-ins would
 * otherwise fill libuv's threads with hashes and starve the pages of CPU (decision 011).
 * Shared through globalThis because the Remix build and the worker bundle this module apart.
 */
type HashingState = { limit: ConcurrencyLimit; hashes: number; verifications: number };
const store = globalThis as unknown as { __passerellesHashing?: HashingState };
function hashing(): HashingState {
  return (store.__passerellesHashing ??= {
    limit: new ConcurrencyLimit(env().passwordHashConcurrency),
    hashes: 0,
    verifications: 0,
  });
}

/** How many argon2 hashes and verifications this process ran, and its queue right now. */
export function passwordHashingStats() {
  const { limit, hashes, verifications } = hashing();
  return { ...limit.stats(), hashes, verifications };
}

export function hashPassword(password: string): Promise<string> {
  const state = hashing();
  return state.limit.run(() => {
    state.hashes += 1;
    return hash(password, ARGON2);
  });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const state = hashing();
  try {
    return await state.limit.run(() => {
      state.verifications += 1;
      return verify(passwordHash, password);
    });
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash() {
  return (decoyHash ??= hashPassword("mot de passe leurre pour égaliser les temps de réponse"));
}

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
  translations: fr.translations,
});

/**
 * NIST SP 800-63B: length bounds, no composition rule, refuse common and leaked passwords
 * (zxcvbn's dictionaries include the most common leaked passwords) and guessable ones.
 * Returns a French message, or null when the password is acceptable.
 */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  const inputs = personal.flatMap((value) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((v) => v.length >= 3);
  const result = zxcvbn.check(password.slice(0, 100), inputs);
  if (result.score < 3) {
    const hint = result.feedback.warning ? ` ${result.feedback.warning}` : "";
    return `Ce mot de passe est trop facile à deviner ou figure parmi des mots de passe courants ou divulgués.${hint} Choisissez par exemple une phrase de plusieurs mots sans rapport entre eux.`;
  }
  return null;
}
