/** Downloads one attachment of an outbox mail (administrators who may read the outbox). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMailAttachment } from "~/modules/mail/outbox.server";
import { requireUserWith, found } from "~/utils/auth.server";
import { contentDisposition } from "~/utils/export.server";

/** Types a browser would render (and run) are served as opaque bytes instead. */
const ACTIVE_TYPES = /html|xml|svg|javascript|ecmascript/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWith(request, "read:outbox");
  const attachment = found(
    await getMailAttachment(params.id ?? "", params.pieceId ?? ""),
    "Cette pièce jointe n'existe pas.",
  );
  const body = new Uint8Array(attachment.content);
  return new Response(body, {
    headers: {
      "Content-Type": ACTIVE_TYPES.test(attachment.contentType) ? "application/octet-stream" : attachment.contentType,
      "Content-Disposition": contentDisposition(attachment.filename),
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
