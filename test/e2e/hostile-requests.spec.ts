/**
 * Requests no browser of ours sends: oversized bodies, malformed or contradictory headers. They
 * go over raw sockets to the real server process, so every byte and header is the test's own.
 */
import { expect, test, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { E2E } from "./environment";
import { ACCOUNTS, login } from "./support";

const MiB = 1024 * 1024;
const host = `localhost:${E2E.port}`;
const origin = E2E.baseUrl;
const form = "application/x-www-form-urlencoded";

type Answer = { status: number; headers: string; body: string };

/** Sends a request head (and optionally a body) exactly as written, and reads the answer to the end. */
function raw(head: string, body = ""): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(E2E.port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const [headers = "", ...rest] = received.split("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(
      `${head
        .trim()
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .join("\r\n")}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

/** The server process's resident memory in MiB (/proc: Linux, where these tests run). */
function serverRss() {
  const pid = readFileSync(E2E.serverPidFile, "utf8").trim();
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"))!;
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

/**
 * Streams `total` bytes without Content-Length (chunked), as fast as the server reads them, and
 * resolves with the answer and how many bytes the server let through before answering.
 */
function sendChunked(
  path: string,
  headers: Record<string, string>,
  parts: { head?: Buffer; total: number; tail?: Buffer },
) {
  return new Promise<Answer & { sent: number; peakRss: number }>((resolve, reject) => {
    let sent = 0;
    let peakRss = serverRss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRss())), 50);
    const req = httpRequest({
      host: "127.0.0.1",
      port: E2E.port,
      path,
      method: "POST",
      headers: { Host: host, Origin: origin, ...headers },
    });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => {
        clearInterval(sampler);
        resolve({ status: res.statusCode ?? 0, headers: JSON.stringify(res.headers), body, sent, peakRss });
      });
    });
    // Once refused, the server closes the connection under the rest of the body: expected.
    req.on("error", (error) => answered || (clearInterval(sampler), reject(error)));
    const chunk = Buffer.alloc(256 * 1024, "a");
    if (parts.head) req.write(parts.head);
    const pump = () => {
      while (sent < parts.total && !answered && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered && !req.destroyed) req.end(parts.tail);
    };
    pump();
  });
}

async function sessionCookie(page: Page) {
  await login(page, ACCOUNTS.coordinateur);
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

function expectFrenchRefusal(answer: Answer, status: number, title: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toContain('<html lang="fr"');
  expect(answer.body).toContain(`<h1>${title}</h1>`);
}

test.describe("request bodies", () => {
  test("a body announced over 1 Mo is refused with a French page before any of it is sent, on any route, signed in or not", async ({
    page,
  }) => {
    const cookie = await sessionCookie(page);
    for (const [path, extra] of [
      ["/connexion", ""],
      ["/connexion.data", ""],
      ["/nulle-part", ""],
      ["/compte/notifications", `Cookie: ${cookie}`],
      ["/rfc.data", `Cookie: ${cookie}`],
    ]) {
      // No body follows the head: only a refusal decided on the headers can answer.
      const answer = await raw(`POST ${path} HTTP/1.1
        Host: ${host}
        Origin: ${origin}
        Content-Type: ${form}
        Content-Length: ${100 * MiB}
        ${extra}`);
      expectFrenchRefusal(answer, 413, "Contenu trop volumineux");
      expect(answer.body).toContain("dépasse la taille acceptée ici (1 Mo)");
    }
    const get = await raw(`GET /connexion HTTP/1.1
      Host: ${host}
      Content-Length: ${600 * MiB}`);
    expect(get.status).toBe(413);
  });

  test("a body sent without Content-Length is cut at 1 Mo with a French page, signed in or not", async ({ page }) => {
    const cookie = await sessionCookie(page);
    for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
      const answer = await sendChunked(
        "/compte/notifications",
        { "Content-Type": form, ...headers },
        { head: Buffer.from("a="), total: 200 * MiB },
      );
      expect(answer.status).toBe(413);
      expect(answer.body).toContain("<h1>Contenu trop volumineux</h1>");
      // The server stopped reading long before the end (what is in flight in socket buffers aside).
      expect(answer.sent).toBeLessThan(50 * MiB);
    }
  });

  test("the server's memory stays flat under 200 MB sent to a form and to an upload route", async () => {
    const before = serverRss();
    const refused = await sendChunked(
      "/connexion",
      { "Content-Type": form },
      { head: Buffer.from("a="), total: 200 * MiB },
    );
    expect(refused.status).toBe(413);

    const boundary = "----passerelles-essai";
    const total = 200 * MiB;
    const accepted = await sendChunked(
      "/essais/televersement",
      { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      {
        head: Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="gros.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        total,
        tail: Buffer.from(`\r\n--${boundary}--\r\n`),
      },
    );
    expect(accepted.status).toBe(200);
    const received = JSON.parse(accepted.body) as { path: string; size: number; sha256: string };
    expect(received.size).toBe(accepted.sent);
    expect(received.size).toBeGreaterThanOrEqual(total);
    expect(received.sha256).toBe(createHash("sha256").update(Buffer.alloc(received.size, "a")).digest("hex"));
    expect(existsSync(dirname(received.path))).toBe(false);
    // 200 MB went through; the process grew by a small fraction of it (measured: a few Mo).
    expect(Math.max(refused.peakRss, accepted.peakRss) - before).toBeLessThan(60);
  });

  test("an upload route receives a 40,000-line CSV on disk and removes it afterwards", async ({ request }) => {
    const lines = ["numero_finess;raison_sociale;departement;date_import"];
    for (let i = 0; i < 40_000; i++)
      lines.push(`${String(750000000 + i)};Établissement n° ${i};${String((i % 95) + 1).padStart(2, "0")};2026-12-05`);
    const csv = Buffer.from(`${lines.join("\n")}\n`, "utf8");
    const response = await request.post("/essais/televersement", {
      headers: { Origin: origin },
      multipart: { lot: "segur-2026-12", fichier: { name: "import-segur.csv", mimeType: "text/csv", buffer: csv } },
    });
    expect(response.status()).toBe(200);
    const received = await response.json();
    expect(received).toMatchObject({
      name: "import-segur.csv",
      size: csv.length,
      lines: 40_001,
      sha256: createHash("sha256").update(csv).digest("hex"),
      fields: { lot: "segur-2026-12" },
    });
    expect(existsSync(dirname(received.path))).toBe(false);
  });

  test("an upload route refuses a body over its own limit, and a malformed multipart body, leaving no file behind", async () => {
    const leftovers = () =>
      readdirSync(tmpdir()).filter((name) => name.startsWith("passerelles-televersement-")).length;
    const before = leftovers();
    const tooLarge = await raw(`POST /essais/televersement HTTP/1.1
      Host: ${host}
      Origin: ${origin}
      Content-Type: multipart/form-data; boundary=x
      Content-Length: ${300 * MiB}`);
    expectFrenchRefusal(tooLarge, 413, "Contenu trop volumineux");
    expect(tooLarge.body).toContain("(256 Mo)");

    const garbage = "n'importe quoi, sans séparateur";
    const malformed = await raw(
      `POST /essais/televersement HTTP/1.1
      Host: ${host}
      Origin: ${origin}
      Content-Type: multipart/form-data; boundary=x
      Content-Length: ${Buffer.byteLength(garbage)}`,
      garbage,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain("illisible");

    const multipartElsewhere = await raw(
      `POST /connexion HTTP/1.1
      Host: ${host}
      Origin: ${origin}
      Content-Type: multipart/form-data; boundary=x
      Content-Length: 7`,
      "--x--\r\n",
    );
    expectFrenchRefusal(multipartElsewhere, 415, "Format non pris en charge");
    expect(leftovers()).toBe(before);
  });
});

test("malformed or hostile Origin, Host, Referer and X-Forwarded-* headers get a 4xx, never a 500", async () => {
  const post = (headers: string, path = "/connexion") =>
    `POST ${path} HTTP/1.1\n${headers}\nContent-Type: ${form}\nContent-Length: 3`;
  const cases: [string, string, number][] = [
    [
      "Origin is the application's address, Host another",
      post(`Host: passerelles-malveillant.example\nOrigin: ${origin}`),
      403,
    ],
    [
      "the same on a single-fetch URL",
      post(`Host: passerelles-malveillant.example\nOrigin: ${origin}`, "/connexion.data"),
      403,
    ],
    [
      "X-Forwarded-Host names another site",
      post(`Host: ${host}\nX-Forwarded-Host: passerelles-malveillant.example\nOrigin: ${origin}`),
      403,
    ],
    ["Origin of the application written in capitals", post(`Host: ${host}\nOrigin: http://LOCALHOST:${E2E.port}`), 403],
    ["Origin of the application with a path", post(`Host: ${host}\nOrigin: ${origin}/`), 403],
    ["Origin that is not a URL", post(`Host: ${host}\nOrigin: ::::`), 403],
    ["Origin null", post(`Host: ${host}\nOrigin: null`), 403],
    [
      "Origin and Host of the same foreign address on PUT",
      post(`Host: 127.0.0.1:${E2E.port}\nOrigin: ${origin}`).replace("POST", "PUT"),
      403,
    ],
    ["Host with a space", `GET /connexion HTTP/1.1\nHost: pass erelles`, 400],
    ["Host with a bracket", `GET /connexion HTTP/1.1\nHost: [`, 400],
    ["Host with a percent sign", `GET /connexion HTTP/1.1\nHost: %zz`, 400],
    ["Host with user information", `GET /connexion HTTP/1.1\nHost: moi@${host}`, 400],
    ["Host with a bracket, on POST from the app's origin", post(`Host: [\nOrigin: ${origin}`), 400],
    ["X-Forwarded-Host that is not a host", `GET /connexion HTTP/1.1\nHost: ${host}\nX-Forwarded-Host: a b`, 400],
    ["absolute request target", `GET http://passerelles-malveillant.example/connexion HTTP/1.1\nHost: ${host}`, 400],
    ["TRACE", `TRACE /connexion HTTP/1.1\nHost: ${host}\nOrigin: ${origin}`, 405],
    [
      "OPTIONS preflight",
      `OPTIONS /connexion HTTP/1.1\nHost: ${host}\nOrigin: https://passerelles-malveillant.example\nAccess-Control-Request-Method: POST`,
      405,
    ],
    ["a body that is not a form", post(`Host: ${host}\nOrigin: ${origin}`).replace(form, "text/plain"), 415],
  ];
  for (const [name, head, status] of cases) {
    const answer = await raw(head, head.includes("Content-Length: 3") ? "a=b" : "");
    expect.soft(answer.status, name).toBe(status);
    expect.soft(answer.body, name).toContain('<html lang="fr"');
  }
  // Referer and X-Forwarded-For/-Proto are not trusted without TRUST_PROXY: harmless, the page is served.
  const odd = await raw(`GET /connexion HTTP/1.1
    Host: ${host}
    Referer: ::::
    X-Forwarded-For: pas-une-adresse
    X-Forwarded-Proto: a b`);
  expect(odd.status).toBe(200);
  // Our own forms still go through: the sign-in action itself answers (422, the form is empty),
  // with its page, not the header check's 403.
  const own = await raw(post(`Host: ${host}\nOrigin: ${origin}`), "a=b");
  expect(own.status).toBe(422);
  expect(own.body).toContain('name="email"');
  expect(own.body).not.toContain("<h1>Accès refusé</h1>");
});
