/**
 * What one HTTP request has learnt about itself while it is handled: the client's address, the
 * signed-in person once the session is read, and the export it produced. The server opens the
 * scope around each request; security events are recorded from it when the response is sent
 * (app/modules/security, decision 015). Outside a request (tests calling a service, the worker)
 * there is no scope and nothing is noted.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = {
  ip: string;
  user: { id: string; label: string; organisationId: string } | null;
  export: { title: string } | null;
  /**
   * What this request has already read and may read once (the session, the person's group facts),
   * when nothing it does can change it: GET and HEAD only. Remix runs the root loader and the
   * page's loaders of one request side by side; without this each validated the session again.
   * Null (or absent) for a request that may write: its action runs before its loaders.
   */
  remembered?: Map<string, Promise<unknown>> | null;
};

// On globalThis: the server and the Remix build are bundled separately but share the process.
const store = globalThis as unknown as { __passerellesRequestScope?: AsyncLocalStorage<RequestScope> };
const storage: AsyncLocalStorage<RequestScope> = (store.__passerellesRequestScope ??=
  new AsyncLocalStorage<RequestScope>());

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function requestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** `read()` once per request for `key` when the request only reads (see RequestScope.remembered); else every call. */
export function rememberedForRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const remembered = storage.getStore()?.remembered;
  if (!remembered) return read();
  let found = remembered.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    remembered.set(key, found);
  }
  return found;
}

/** Whether an HTTP method only reads, so that a request's reads may be remembered for it. */
export const onlyReads = (method: string) => method === "GET" || method === "HEAD";

export function noteSignedInUser(user: { id: string; firstName: string; lastName: string; organisationId: string }) {
  const scope = storage.getStore();
  if (scope)
    scope.user = { id: user.id, label: `${user.firstName} ${user.lastName}`, organisationId: user.organisationId };
}

export function noteExport(title: string) {
  const scope = storage.getStore();
  if (scope) scope.export = { title };
}
