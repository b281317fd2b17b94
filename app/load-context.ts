import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, as Express sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
    ip: string;
    /** The request asks for a whole page (HTML), not a client navigation's data (`….data`). */
    documentRequest?: boolean;
    /** What this document request's loaders put aside for the server render (app/components/served-once.tsx). */
    servedOnce?: Map<string, unknown>;
  }
}
