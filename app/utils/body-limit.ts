/**
 * How many bytes of request body a route accepts, and in which form. Every route gets
 * DEFAULT_BODY_LIMIT and URL-encoded forms only (what every form of the application sends); a
 * route that receives files declares it in its module:
 *
 *   export const handle = acceptsFilesUpTo(50 * MiB);
 *
 * and then also accepts multipart/form-data bodies up to that size, which it must stream to
 * disk with receiveUpload (app/utils/upload.server.ts), never read with request.formData().
 * The server (server/http.ts) reads the declaration of the route a request is for before the
 * body is read, answers 413 when Content-Length announces more, and cuts a body sent without
 * Content-Length as soon as it goes over.
 */
import { formatBytes } from "./format";

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const DEFAULT_BODY_LIMIT = 1 * MiB;
/** No route may declare more: past this, an upload is a job for another channel than a form. */
export const MAX_DECLARED_BODY_LIMIT = 512 * MiB;

export type BodyLimitHandle = { bodyLimit: number; acceptsFiles: true };
export type RouteBodyRule = { limit: number; acceptsFiles: boolean };

export function acceptsFilesUpTo(bytes: number): BodyLimitHandle {
  if (!Number.isSafeInteger(bytes) || bytes < DEFAULT_BODY_LIMIT || bytes > MAX_DECLARED_BODY_LIMIT) {
    throw new Error(
      `Body limit ${bytes} must be an integer between ${DEFAULT_BODY_LIMIT} and ${MAX_DECLARED_BODY_LIMIT} bytes`,
    );
  }
  return { bodyLimit: bytes, acceptsFiles: true };
}

/** The rule a route module's `handle` declares, or the default one. */
export function bodyRuleOf(handle: unknown): RouteBodyRule {
  const declared = handle as Partial<BodyLimitHandle> | null | undefined;
  if (declared?.acceptsFiles === true && typeof declared.bodyLimit === "number")
    return { limit: declared.bodyLimit, acceptsFiles: true };
  return { limit: DEFAULT_BODY_LIMIT, acceptsFiles: false };
}

export function bodyTooLargeMessage(limit: number) {
  return `Le contenu envoyé dépasse la taille acceptée ici (${formatBytes(limit)}). Rien n'a été enregistré.`;
}

export type BodyRefusal = { status: 413 | 415; message: string };
export type BodyHead = {
  method: string;
  header: (name: string) => string | undefined;
  /** What the route the request is for accepts (bodyRuleOf its handle). */
  rule: RouteBodyRule;
};

/**
 * What can be refused from the headers alone, before a byte of body is read: a body announced
 * larger than the limit, and a state-changing request whose body is not a form this route
 * reads. Every action reads request.formData(), which threw (a 500) on a body without a form
 * type, an empty one, or a malformed multipart body; URL-encoded bodies always parse, and only
 * file routes, which parse multipart themselves, receive multipart.
 */
export function refuseBodyHead(head: BodyHead): BodyRefusal | null {
  const length = head.header("content-length");
  if (length !== undefined && Number(length) > head.rule.limit)
    return { status: 413, message: bodyTooLargeMessage(head.rule.limit) };
  if (head.method === "GET" || head.method === "HEAD") return null;
  const type = (head.header("content-type") ?? "").toLowerCase();
  const media = type.split(";")[0]!.trim();
  if (media === "application/x-www-form-urlencoded") return null;
  if (media === "multipart/form-data" && head.rule.acceptsFiles && /;\s*boundary=("[^"]+"|[^\s;]+)/.test(type))
    return null;
  return {
    status: 415,
    message: "Le contenu envoyé n'est pas un formulaire que cette page accepte : il n'a pas été pris en compte.",
  };
}
