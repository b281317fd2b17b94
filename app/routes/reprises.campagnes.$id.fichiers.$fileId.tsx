/**
 * One file of a monthly list's package (XLSX, CSV or PDF), as it was mailed. A centre gets its
 * share only, the head office of the service the full list, the coordinator every file; any
 * other file answers 404 so that its existence is not revealed.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadableFile } from "~/modules/reprise/campaign-lists.server";
import { orRefusal } from "~/utils/intent.server";
import { requireUser } from "~/utils/auth.server";
import { contentDisposition } from "~/utils/export.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = orRefusal(await downloadableFile(user, params.id ?? "", params.fileId ?? ""));
  const body = new Uint8Array(file.content);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.filename),
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
