/** Multipart bodies as a browser's file form sends them, for the upload tests. */
export const BOUNDARY = "----essai";

export type Part = { name: string; value: string; filename?: string };

/** The body of a form with these fields and files (a file part announces text/csv, whatever it holds). */
export const multipart = (parts: Part[]) =>
  parts
    .map(
      (p) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"\r\nContent-Type: text/csv` : ""}\r\n\r\n${p.value}\r\n`,
    )
    .join("") + `--${BOUNDARY}--\r\n`;

/** A POST of that body (or of a stream) to an import route. */
export const postMultipart = (
  body: string | ReadableStream<Uint8Array>,
  type = `multipart/form-data; boundary=${BOUNDARY}`,
) =>
  new Request("http://localhost:3000/import", {
    method: "POST",
    headers: { "content-type": type },
    body,
    duplex: "half",
  } as RequestInit);
