import type { ActionFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { acceptsFilesUpTo, MiB } from "~/utils/body-limit";
import { requireTestRoutes } from "~/utils/test-routes.server";
import { UploadRefused, withUpload } from "~/utils/upload.server";

// Far above what the Ségur import will need: the end-to-end tests send 200 MB through it to
// check that an accepted upload goes to disk, not to memory.
export const handle = acceptsFilesUpTo(256 * MiB);

/**
 * Test builds only: receives the file of the field "fichier" the way upload routes do and
 * answers what arrived on disk (where, how many bytes and lines, its SHA-256).
 */
export async function action({ request }: ActionFunctionArgs) {
  requireTestRoutes();
  try {
    return await withUpload(request, { field: "fichier", maxBytes: handle.bodyLimit }, async ({ file, fields }) => {
      if (!file) return Response.json({ error: "Aucun fichier reçu." }, { status: 400 });
      const hash = createHash("sha256");
      let lines = 0;
      for await (const chunk of createReadStream(file.path) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      return Response.json({
        path: file.path,
        name: file.name,
        size: file.size,
        lines,
        sha256: hash.digest("hex"),
        fields,
      });
    });
  } catch (error) {
    if (error instanceof UploadRefused) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
