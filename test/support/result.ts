/** A service's value in a test that expects no refusal; a refusal fails the test with its code and message. */
import type { RefusalCode, Result } from "~/utils/result";

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`Refused (${result.code ?? "INVALIDE"}): ${result.message}`);
  return result.value;
}

/** What a refused service answer matches in `toMatchObject`: not ok, with this refusal's code. */
export const refusedAs = (code: RefusalCode) => ({ ok: false as const, code });
