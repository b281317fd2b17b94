/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeRedirect(to: string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  return to;
}
