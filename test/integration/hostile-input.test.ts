/**
 * Every form of the app, posted with hostile text (finding 8): control characters, 10 000
 * characters, emoji. The routes are read from app/routes when the test runs, so a new form is
 * covered without touching this file. Each is posted as a signed-in person the page lets in,
 * and anonymously; whatever is refused, nothing answers 500.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { issueActionToken } from "~/modules/auth/action-tokens.server";
import { sessionUserById, type SessionUser } from "~/modules/auth/session.server";
import { enqueueMail } from "~/modules/mail/outbox.server";
import { signAndSubmit } from "../support/reprise-requests";
import { now } from "~/utils/clock.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { loadDemoData } from "../../seeds/demo.server";
import { loadReferenceData } from "../../seeds/reference/load.server";
import { callRoute, bodyOf, statusOf, type FormFields, type RouteHandler } from "../support/routes";
import { startSmtpServer } from "../support/smtp-server";
import { deliverDueMails } from "~/modules/mail/sender.server";
import { createTransport } from "~/modules/mail/transport.server";
import { action as inviteAction } from "~/routes/personnes.inviter";
import { openPilotSteps } from "~/modules/segur/steps.server";
import { valueOf } from "../support/result";
import { action as newOrganisationAction } from "~/routes/admin.organisations.nouvelle";
import { action as newMeetingAction } from "~/routes/groupes.$code.reunions.nouvelle";
import { action as letterAction } from "~/routes/groupes.$code.lettre";

const ROUTES_DIR = resolve(__dirname, "../../app/routes");
const COMPONENTS_DIR = resolve(__dirname, "../../app/components");

/** What is posted in every field: a line break and other control characters, a 10 000-character text, emoji. */
const PAYLOADS: Record<string, string> = {
  "control characters": "Nom\r\nBcc: intrus@evil.example\u0000\t\u0007\u001b[31m\u0085\u2028fin",
  "10 000 characters": "Œ".repeat(9_999) + "x",
  emoji: "👩🏽‍💻 Équipe 🇫🇷 😀 \u{1F9D1}\u200D\u{1F9AF}",
};

type RouteModule = { action?: RouteHandler; loader?: RouteHandler };

// Read when the test runs: every route module that exports an action. (Modules without one are
// not imported: some import style sheets, which only the Remix build knows how to load.)
const EXPORTS_ACTION = /^export (?:async function action\b|function action\b|const action\b|\{[^}]*\baction\b[^}]*\})/m;
const routeFiles = readdirSync(ROUTES_DIR).filter(
  (file) => /\.tsx?$/.test(file) && EXPORTS_ACTION.test(readFileSync(resolve(ROUTES_DIR, file), "utf8")),
);
const routes: { file: string; module: RouteModule }[] = [];
for (const file of routeFiles) {
  const module = (await import(resolve(ROUTES_DIR, file))) as RouteModule;
  if (typeof module.action !== "function") throw new Error(`${file} seems to export an action but does not`);
  routes.push({ file, module });
}

/** "groupes.$code.reunions.$meetingId.tsx" → its URL pattern and parameter names (Remix flat routes). */
function routeShape(file: string) {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .map((segment) => segment.replace(/\u0001/g, "."))
    .filter((segment) => segment !== "_index" && !segment.startsWith("__"))
    .map((segment) => segment.replace(/_$/, ""));
  const params = segments.filter((segment) => segment.startsWith("$")).map((segment) => segment.slice(1));
  return {
    params,
    path: (values: Record<string, string>) =>
      `/${segments.map((s) => (s.startsWith("$") ? encodeURIComponent(values[s.slice(1)]) : s)).join("/")}`,
  };
}

/** The source of a route and of the components it imports: where its forms' fields are named. */
function sourcesOf(file: string): string {
  const source = readFileSync(resolve(ROUTES_DIR, file), "utf8");
  const components = [...source.matchAll(/from "~\/components\/([\w-.]+)"/g)].map((m) => m[1]);
  return [
    source,
    ...components.map((name) => readFileSync(resolve(COMPONENTS_DIR, `${name.replace(/\.tsx$/, "")}.tsx`), "utf8")),
  ].join("\n");
}

/** The field names a route's forms post, and the intents its action dispatches on. */
function formShape(file: string) {
  const source = sourcesOf(file);
  const own = readFileSync(resolve(ROUTES_DIR, file), "utf8");
  const names = new Set<string>();
  for (const m of source.matchAll(/\bname=(?:"([\w.-]+)"|\{"([\w.-]+)"\})/g)) names.add(m[1] ?? m[2]);
  for (const m of own.matchAll(/\.(?:get|getAll)\("([\w.-]+)"\)/g)) names.add(m[1]);
  // The rich-text editor posts its JSON under `name` and its textarea under `${name}__texte`.
  for (const m of source.matchAll(/<RichTextEditor\b[^>]*?\bname="([\w.-]+)"/g)) names.add(`${m[1]}__texte`);
  names.delete("intent");
  const intents = new Set<string>([""]);
  for (const m of own.matchAll(/(?:case |intent [!=]==? |name="intent" value=)"([\w-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/name="intent"[^>]*?value="([\w-]+)"/g)) intents.add(m[1]);
  // Workflow events named as object keys (reprise requests' forms).
  for (const m of own.matchAll(/^\s+([A-Z][A-Z_]{3,}):/gm)) intents.add(m[1]);
  return { names: [...names], intents: [...intents] };
}

/** The first value of `key` found in a loader's data (the version a form sends back, say). */
function findKey(data: unknown, key: string): unknown {
  const stack = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (!Array.isArray(value) && key in value && (value as Record<string, unknown>)[key] != null)
      return (value as Record<string, unknown>)[key];
    stack.push(...Object.values(value));
  }
  return undefined;
}

let accounts: SessionUser[] = [];
let tokenUserId = "";
let requestId = "";

/** Candidate values for a route's parameters, from the demo data; a new parameter must be added here. */
async function candidates(file: string, params: string[]): Promise<Record<string, string>[]> {
  const key = [...params].sort().join(",");
  switch (key) {
    case "":
      return [{}];
    case "code":
      if (file.startsWith("segur"))
        return (await prisma.segurPilot.findMany({ select: { code: true }, take: 4 })).map(({ code }) => ({ code }));
      return (await prisma.workGroup.findMany({ select: { code: true }, take: 8 })).map(({ code }) => ({ code }));
    case "code,step": {
      // The demo leaves a pilot's steps to its people: open the demo pilot's, as they would.
      const pilot = await prisma.segurPilot.findUniqueOrThrow({ where: { code: "pe-chanteclair" } });
      const { id } = await prisma.user.findUniqueOrThrow({ where: { email: "elodie.fontaine@essms-demo.example" } });
      valueOf(await openPilotSteps((await sessionUserById(id))!, pilot.id));
      return (await prisma.segurStep.findMany({ where: { pilotId: pilot.id }, select: { id: true }, take: 4 })).map(
        (s) => ({ code: pilot.code, step: s.id }),
      );
    }
    case "actionId,code":
      return (
        await prisma.actionItem.findMany({ select: { id: true, group: { select: { code: true } } }, take: 4 })
      ).map((a) => ({ code: a.group.code, actionId: a.id }));
    case "code,meetingId":
      return (await prisma.meeting.findMany({ select: { id: true, group: { select: { code: true } } }, take: 4 })).map(
        (m) => ({ code: m.group.code, meetingId: m.id }),
      );
    case "number":
      return (await prisma.rfc.findMany({ select: { number: true }, take: 8 })).map(({ number }) => ({ number }));
    case "number,version":
      return (
        await prisma.rfcVersion.findMany({ select: { number: true, rfc: { select: { number: true } } }, take: 12 })
      ).map((v) => ({ number: v.rfc.number, version: String(v.number) }));
    case "token": {
      const kind = file.startsWith("invitation") ? "INVITATION" : "REINITIALISATION";
      const { token } = await writeTransaction((tx) =>
        issueActionToken(tx, { kind, userId: tokenUserId, createdById: null, now: now() }),
      );
      return [{ token }];
    }
    case "id": {
      if (file.startsWith("admin.courriels"))
        return (await prisma.outboxMail.findMany({ select: { id: true }, take: 1 })).map(({ id }) => ({ id }));
      if (file.startsWith("admin.organisations"))
        return (
          await prisma.organisation.findMany({ where: { code: { in: ["mdph-53", "cnaf"] } }, select: { id: true } })
        ).map(({ id }) => ({ id }));
      if (file.startsWith("admin.personnes")) return [{ id: tokenUserId }, { id: accounts[0].id }];
      if (file.startsWith("reprises")) return [{ id: requestId }];
      break;
    }
  }
  throw new Error(`${file}: no candidate values for the parameters ${key}: add them to candidates()`);
}

type Target = { params: Record<string, string>; user: SessionUser | null; loaderData: unknown };

/**
 * Who may open the page, and with which parameters: the first candidate for which a demo
 * account's loader answers 200. A route without loader is posted as the coordinator.
 */
async function target(file: string, module: RouteModule): Promise<Target> {
  const shape = routeShape(file);
  const options = await candidates(file, shape.params);
  if (!module.loader)
    return { params: options[0], user: accounts.find((a) => a.roles.includes("COORDINATEUR_CNSA"))!, loaderData: null };
  for (const params of options) {
    for (const user of accounts) {
      const result = await callRoute(module.loader, user, shape.path(params), params);
      if (statusOf(result) === 200) return { params, user, loaderData: result };
    }
  }
  // Nobody signed in may open it (the sign-in page sends signed-in people away): post anyway.
  return { params: options[0], user: accounts[0], loaderData: null };
}

/** Values of fields that are not free text, as a person would choose them (so that the text reaches the service). */
const CHOICES: Record<string, string> = {
  kind: "PARTENAIRE",
  application: "ITAC",
  roles: "MEMBRE_GT",
  position: "ADOPTE",
  outcome: "adoption",
  disposition: "ACCEPTE",
  vendorsJoin: "JAMAIS",
  distributionLists: "MEMBRES",
  shift: "VEILLE",
  centre: "RENNES",
  designatedByCommission: "oui",
  rfcDigest: "1",
};

/** A plausible value for a field that is not free text; undefined for free text. */
function plausible(name: string, loaderData: unknown): string | undefined {
  const bare = name.replace(/__texte$/, "");
  if (bare in CHOICES) return CHOICES[bare];
  if (/(?:^date|On|Date)$/.test(bare) || /^date/.test(bare)) return "2027-01-15";
  if (/(?:Time|hour)$/.test(bare)) return "10:00";
  if (/email/i.test(bare)) return "essai.formulaire@mdph53.example";
  if (/phone/i.test(bare)) return "02 43 00 00 00";
  if (/password|confirmation/i.test(bare)) return "Un mot de passe vraiment solide pour 2027 !";
  if (/Days|days|Before|rowCount|^rowVersion$/.test(bare)) {
    const found = findKey(loaderData, bare);
    return typeof found === "number" ? String(found) : bare === "rowCount" ? "0" : "3";
  }
  if (bare === "updatedAt") {
    const found = findKey(loaderData, "updatedAt");
    return found instanceof Date ? found.toISOString() : typeof found === "string" ? found : undefined;
  }
  if (/(?:Id|Ids|^id|Code)$/.test(bare)) {
    const found = findKey(loaderData, "id");
    return typeof found === "string" ? found : "inconnu";
  }
  return undefined;
}

function bodies(names: string[], intent: string, payload: string, loaderData: unknown): FormFields[] {
  const all: FormFields = Object.fromEntries(names.map((name) => [name, payload]));
  // The same again with the other fields filled as a person would, so that the hostile text
  // itself reaches validation and the services behind it.
  const textOnly: FormFields = Object.fromEntries(names.map((name) => [name, plausible(name, loaderData) ?? payload]));
  if (intent) all.intent = textOnly.intent = intent;
  return [all, textOnly];
}

beforeAll(async () => {
  await loadReferenceData();
  await loadDemoData();
  accounts = await Promise.all(
    DEMO_ACCOUNTS.map(
      async ({ email }) => (await sessionUserById((await prisma.user.findUniqueOrThrow({ where: { email } })).id))!,
    ),
  );
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { code: "mdph-53" } });
  tokenUserId = (
    await prisma.user.create({
      data: {
        email: "invitee@mdph53.example",
        firstName: "Inès",
        lastName: "Invitée",
        organisationId: organisation.id,
        roles: { create: [{ role: "DIRECTEUR_MDPH" }] },
      },
    })
  ).id;
  const director = accounts.find((a) => a.organisationId === organisation.id && a.roles.includes("DIRECTEUR_MDPH"))!;
  requestId = await signAndSubmit(director, {
    signedOn: "2026-11-20",
    signatoryName: "Claire Moreau",
    requestDate: "2026-12-01",
    desiredDate: "2027-01-15",
    contactEmail: "paul.martin@mdph53.example",
  });
  await writeTransaction((tx) =>
    enqueueMail(tx, { template: "test", to: ["a@mdph53.example"], subject: "Essai", text: "x", html: "<p>x</p>" }),
  );
});

describe("every form of the app, posted with hostile text", () => {
  it("finds the forms in app/routes", () => {
    expect(routes.map((r) => r.file)).toEqual(
      expect.arrayContaining([
        "admin.organisations.nouvelle.tsx",
        "personnes.inviter.tsx",
        "groupes.$code.lettre.tsx",
        "reprises.$id.tsx",
        "connexion.tsx",
      ]),
    );
  });

  it.each(routes.map((r) => [r.file, r.module] as const))(
    "%s never answers 500, signed in or not",
    async (file, module) => {
      expect(await hostileFailures(file, module)).toEqual([]);
    },
  );

  it("would report an action that fails on a line break (the check itself can fail)", async () => {
    const real = routes.find((r) => r.file === "personnes.inviter.tsx")!.module;
    const fragile: RouteModule = {
      loader: real.loader,
      action: async ({ request }) => {
        const form = await request.formData();
        if ([...form.values()].some((value) => String(value).includes("\n")))
          throw new Error("subject must fit on one line");
        return {};
      },
    };
    const failures = await hostileFailures("personnes.inviter.tsx", fragile);
    expect(failures).toEqual([
      expect.stringMatching(/^[\w.]+@[\w.-]+, intent "", control characters: Error: subject must fit on one line$/),
      'anonymous, intent "", control characters: Error: subject must fit on one line',
    ]);
  });
});

/** Posts every hostile body to a route as the person it lets in and anonymously: what answered 500 or threw. */
async function hostileFailures(file: string, module: RouteModule): Promise<string[]> {
  const shape = routeShape(file);
  const { names, intents } = formShape(file);
  const { params, user, loaderData } = await target(file, module);
  const failures: string[] = [];
  for (const who of [user, null]) {
    for (const intent of intents) {
      for (const [label, payload] of Object.entries(PAYLOADS)) {
        for (const body of bodies(names, intent, payload, loaderData)) {
          const context = `${who ? who.email : "anonymous"}, intent "${intent}", ${label}`;
          try {
            const status = statusOf(await callRoute(module.action!, who, shape.path(params), params, body));
            if (status >= 500) failures.push(`${context}: HTTP ${status}`);
          } catch (error) {
            failures.push(
              `${context}: ${error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error)}`,
            );
          }
        }
      }
    }
  }
  return [...new Set(failures)];
}

describe("a line break in a name already stored", () => {
  it("an invitation to an organisation whose stored name holds a line break is sent, its subject on one line", async () => {
    const admin = accounts.find((a) => a.roles.includes("ADMIN"))!;
    const organisation = await prisma.organisation.create({
      data: {
        code: "essai-saut-de-ligne",
        kind: "PARTENAIRE",
        name: "Organisation\r\nBcc: intrus@evil.example\u0000",
        shortName: "Essai\n",
      },
    });
    const result = await callRoute(
      inviteAction,
      admin,
      "/personnes/inviter",
      {},
      {
        email: "nouvelle@partenaire.example",
        firstName: "Nina",
        lastName: "Nouvelle",
        jobTitle: "",
        organisationId: organisation.id,
        roles: "MEMBRE_GT",
      },
    );
    expect(statusOf(result)).toBe(200);
    expect(result).toMatchObject({ sent: "nouvelle@partenaire.example" });

    const smtp = await startSmtpServer();
    try {
      const transport = createTransport(smtp.url)!;
      // The forms above may have queued mails too: deliver them all.
      while ((await deliverDueMails({ transport, batchSize: 100 })).sent > 0);
      transport.close();
      const mail = await smtp.waitFor((m) => m.to.includes("nouvelle@partenaire.example"));
      expect(mail.subject).toBe("Invitation à rejoindre Passerelles (Organisation Bcc: intrus@evil.example )");
      expect(mail.envelope.to).toEqual(["nouvelle@partenaire.example"]);
      expect(mail.text).toMatch(/au titre de l'organisation «\u00a0Organisation\r?\nBcc: intrus@evil\.example \u00a0»/);
      expect(mail.text).not.toContain("\u0000");
    } finally {
      await smtp.close();
    }
  });

  it("the organisation form refuses a name with a line break, in French, and keeps what was typed", async () => {
    const admin = accounts.find((a) => a.roles.includes("ADMIN"))!;
    const typed = { kind: "PARTENAIRE", name: "Essai\nrefusé", shortName: "ER\t1", email: "" };
    const result = await callRoute(newOrganisationAction, admin, "/admin/organisations/nouvelle", {}, typed);
    expect(statusOf(result)).toBe(422);
    expect(bodyOf(result)).toMatchObject({
      errors: {
        name: "Ce champ tient sur une seule ligne : retirez les retours à la ligne, tabulations et caractères invisibles.",
        shortName: expect.stringMatching(/^Ce champ tient sur une seule ligne/),
      },
      values: { name: "Essai\nrefusé", shortName: "ER\t1" },
    });
    expect(await prisma.organisation.count({ where: { name: { startsWith: "Essai" } } })).toBe(0);
  });
});

describe("a rich-text field nested too deep, posted to its page", () => {
  const deepQuotes = (levels: number) =>
    `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph","content":[{"type":"text","text":"Point 1"}]}${"]}".repeat(levels)}]}`;

  it("a meeting's agenda of 10 000 nested quotes answers 422 in French, and the form keeps what was typed", async () => {
    const meeting = await prisma.meeting.findFirstOrThrow({ select: { group: { select: { code: true } } } });
    const coordinator = accounts.find((a) => a.roles.includes("COORDINATEUR_CNSA"))!;
    const code = meeting.group.code;
    const before = await prisma.meeting.count();
    const result = await callRoute(
      newMeetingAction,
      coordinator,
      `/groupes/${code}/reunions/nouvelle`,
      { code },
      {
        agenda: deepQuotes(10_000),
        date: "2027-01-14",
        startTime: "14:00",
        endTime: "16:00",
        place: "Salle Lamartine",
      },
    );
    expect(statusOf(result)).toBe(422);
    expect(bodyOf(result)).toMatchObject({
      errors: { agenda: expect.stringMatching(/^Le texte mis en forme imbrique trop de listes ou de citations/) },
      values: { date: "2027-01-14", startTime: "14:00", endTime: "16:00", place: "Salle Lamartine" },
      agenda: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Point 1" }] }] },
    });
    expect(await prisma.meeting.count()).toBe(before);
  });

  it("a mission letter of 1 000 nested lists answers 422 in French, and the roles typed are kept", async () => {
    const group = await prisma.workGroup.findFirstOrThrow({
      where: { workflow: { status: { in: ["propose", "lettreRedigee"] } } },
      include: { members: true },
    });
    const coordinator = accounts.find((a) => a.roles.includes("COORDINATEUR_CNSA"))!;
    const item =
      '{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Périmètre"}]},';
    const deep = `{"type":"doc","content":[${item.repeat(1000)}{"type":"paragraph"}${"]}]}".repeat(1000)}]}`;
    const role = `role.${group.members[0].organisationId}`;
    const result = await callRoute(
      letterAction,
      coordinator,
      `/groupes/${group.code}/lettre`,
      { code: group.code },
      {
        intent: "enregistrer",
        rowVersion: String(group.rowVersion),
        rowCount: "0",
        missionLetter: deep,
        [role]: "Contributeur principal",
      },
    );
    expect(statusOf(result)).toBe(422);
    expect(bodyOf(result)).toMatchObject({
      errors: { missionLetter: expect.stringMatching(/^Le texte mis en forme imbrique trop/) },
      roles: { [group.members[0].organisationId]: "Contributeur principal" },
    });
    expect((await prisma.workGroup.findUniqueOrThrow({ where: { id: group.id } })).rowVersion).toBe(group.rowVersion);
  });
});
