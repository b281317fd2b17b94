/**
 * What a request says about where it comes from and where it is going (Method, Host,
 * X-Forwarded-Host, X-Forwarded-Proto, Origin), checked before anything else reads it.
 *
 * Remix and Express trust these headers: Express builds the request URL from Host (or
 * X-Forwarded-Host behind a trusted proxy) and throws on a host that is not one; Remix aborts a
 * state-changing document request whose Origin does not name the first X-Forwarded-Host, else
 * the Host, and undici refuses some methods. Each of those throws ended as a 500. So the rules
 * below are at least as strict as theirs, and a request that breaks one gets a 4xx here instead.
 */

export type HeaderRefusal = { status: 400 | 403 | 405; message: string };
export type RequestHead = {
  method: string;
  /** The request target as received (Express's req.originalUrl). */
  target: string;
  /** The value of a header, as Express's req.get gives it (repeated headers joined by ", "). */
  header: (name: string) => string | undefined;
  /** TRUST_PROXY: Express then takes the protocol from X-Forwarded-Proto. */
  trustProxy: boolean;
};

/**
 * Methods the application answers. undici cannot even build a Request for CONNECT or TRACE, and
 * Remix logs an error for OPTIONS; the application takes no cross-origin requests, so no preflight.
 */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
const SAFE_METHODS = new Set(["GET", "HEAD"]);

// A DNS name or IPv4 address, or a bracketed IPv6 address, and an optional port: what the
// WHATWG URL parser accepts as a host without rewriting it.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function isValidHost(value: string) {
  if (!HOST.test(value)) return false;
  try {
    new URL(`http://${value}/`);
    return true;
  } catch {
    return false;
  }
}

/** The first of a comma-separated list, as Remix reads X-Forwarded-Host. */
function firstOf(value: string | undefined) {
  const first = value?.split(",")[0]?.trim();
  return first ? first : null;
}

/**
 * The host the request was addressed to, as Remix compares it with the Origin: the first
 * X-Forwarded-Host when there is one, else the Host header.
 */
export function addressedHost(head: Pick<RequestHead, "header">) {
  return firstOf(head.header("x-forwarded-host")) ?? head.header("host") ?? null;
}

/**
 * The Origin check for state-changing requests (Lucia's CSRF guidance): the Origin header must
 * name the host the request was addressed to. APP_URL alone is not enough: Remix compares the
 * Origin with the Host, and a request whose Host was rewritten on the way cannot be told apart
 * from one sent elsewhere.
 */
export function originAllowed(origin: string | undefined | null, host: string | null) {
  if (!origin || !host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // An Origin is a scheme and a host only; anything more is not what a browser sends.
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (origin !== parsed.origin) return false;
  return parsed.host === host;
}

/** Null when the request may go on; otherwise the status and the French reason to answer with. */
export function refuseRequestHead(head: RequestHead): HeaderRefusal | null {
  if (!METHODS.has(head.method)) return { status: 405, message: "Cette méthode HTTP n'est pas prise en charge." };
  // Origin-form only ("/path?query"): an absolute URL or "*" would be glued after the Host.
  if (!head.target.startsWith("/"))
    return { status: 400, message: "Requête invalide : l'adresse demandée est incorrecte." };
  const host = head.header("host");
  if (!host || !isValidHost(host))
    return { status: 400, message: "Requête invalide : l'en-tête Host est absent ou incorrect." };
  const forwardedHost = head.header("x-forwarded-host");
  if (forwardedHost !== undefined && !forwardedHost.split(",").every((value) => isValidHost(value.trim()))) {
    return { status: 400, message: "Requête invalide : l'en-tête X-Forwarded-Host est incorrect." };
  }
  const forwardedProto = head.header("x-forwarded-proto");
  if (
    head.trustProxy &&
    forwardedProto !== undefined &&
    !forwardedProto.split(",").every((value) => ["http", "https"].includes(value.trim().toLowerCase()))
  ) {
    return { status: 400, message: "Requête invalide : l'en-tête X-Forwarded-Proto est incorrect." };
  }
  if (SAFE_METHODS.has(head.method)) return null;
  if (!originAllowed(head.header("origin"), addressedHost(head))) {
    return {
      status: 403,
      message: "Requête refusée : elle ne vient pas d'une page de Passerelles (origine non autorisée).",
    };
  }
  return null;
}
