/**
 * The audit log as administrators read it: newest first, filtered, with French labels, and
 * the integrity check of both hash-chained logs (audit entries and workflow events).
 */
import type { Prisma } from "~/generated/prisma/client";
import { verifyEventChain } from "~/modules/workflow/engine.server";
import { prisma } from "~/utils/db.server";
import type { ExportColumn } from "~/utils/export.server";
import { isRole, ROLE_LABELS } from "~/utils/roles";
import { isSecurityEventKind, SECURITY_EVENT_LABELS } from "~/modules/security/events.server";
import { verifyAuditChain } from "./audit.server";
import type { ChainVerdict } from "./chain.server";

/** French labels of the audit actions; an action missing here is shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  connexion: "Connexion",
  deconnexion: "Déconnexion",
  "deconnexion-autres-sessions": "Fermeture des autres sessions",
  "demande-reinitialisation": "Demande de réinitialisation du mot de passe",
  "mot-de-passe-reinitialise": "Mot de passe réinitialisé",
  "mot-de-passe-modifie": "Mot de passe modifié",
  "double-authentification-activee": "Double authentification activée",
  "double-authentification-desactivee": "Double authentification désactivée",
  "flux-calendrier-cree": "Lien d'agenda créé",
  "flux-calendrier-revoque": "Lien d'agenda révoqué",
  invitation: "Invitation",
  "invitation-renvoyee": "Invitation renvoyée",
  "invitation-acceptee": "Invitation acceptée (compte activé)",
  "personne-modifiee": "Personne modifiée",
  "personne-desactivee": "Personne désactivée",
  "personne-reactivee": "Personne réactivée",
  "organisation-creee": "Organisation créée",
  "organisation-modifiee": "Organisation modifiée",
  "organisation-desactivee": "Organisation désactivée",
  "organisation-reactivee": "Organisation réactivée",
  "centre-opales-attribue": "Centre OPALES attribué",
  "courriel-renvoye": "Courriel renvoyé",
  "lien-personnel-affiche": "Lien personnel affiché (démonstration sans serveur de courriel)",
  "tache-relancee": "Tâche relancée",
  "rfc-commentaire-modifie": "Commentaire de RFC modifié",
  "rfc-commentaire-supprime": "Commentaire de RFC supprimé",
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  Utilisateur: "Personne",
  Organisation: "Organisation",
  Departement: "Département",
  Courriel: "Courriel",
  Tache: "Tâche programmée",
};

export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;
export const entityTypeLabel = (type: string) => ENTITY_TYPE_LABELS[type] ?? type;

/** Where an audited record can be seen in the administration, if anywhere. */
export function entityHref(type: string, id: string | null): string | null {
  if (!id) return null;
  if (type === "Utilisateur") return `/admin/personnes/${id}`;
  if (type === "Organisation") return `/admin/organisations/${id}`;
  if (type === "Courriel") return `/admin/courriels/${id}`;
  return null;
}

const FIELD_LABELS: Record<string, string> = {
  firstName: "prénom",
  lastName: "nom",
  jobTitle: "fonction",
  phone: "téléphone",
  organisationId: "organisation",
  roles: "rôles",
  kind: "type",
  name: "nom",
  shortName: "nom court",
  code: "code",
  departementCode: "département",
  regionCode: "région",
  parentId: "rattachement",
  email: "adresse",
  finessJuridique: "FINESS juridique",
  finessGeographique: "FINESS géographique",
  sessionsTerminees: "sessions fermées",
  centre: "centre",
  precedent: "précédent",
  ip: "adresse IP",
  sessions: "sessions",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "∅";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (isRole(value)) return ROLE_LABELS[value];
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The entry's data in one readable line: "prénom : Léa → Lise ; rôles : … → …". */
export function describeData(data: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return data;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return show(parsed);
  const entries = Object.entries(parsed as Record<string, unknown>);
  const parts = entries.flatMap(([key, value]) => {
    if (key === "modifications" && value && typeof value === "object") {
      return Object.entries(value as Record<string, { avant?: unknown; apres?: unknown }>).map(
        ([field, change]) => `${FIELD_LABELS[field] ?? field} : ${show(change?.avant)} → ${show(change?.apres)}`,
      );
    }
    return [`${FIELD_LABELS[key] ?? key} : ${show(value)}`];
  });
  return parts.join(" ; ");
}

export type JournalFilters = { action?: string | null; type?: string | null; id?: string | null };

export function journalFiltersOf(url: URL): JournalFilters {
  const get = (key: string) => url.searchParams.get(key) || null;
  return { action: get("action"), type: get("type"), id: get("id") };
}

export function describeJournalFilters({ action, type, id }: JournalFilters): string | undefined {
  const parts = [
    action ? actionLabel(action) : null,
    type ? entityTypeLabel(type) : null,
    id ? `n° ${id}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Filtres : ${parts.join(" · ")}` : undefined;
}

function whereOf({ action, type, id }: JournalFilters): Prisma.AuditEntryWhereInput {
  return { ...(action ? { action } : {}), ...(type ? { entityType: type } : {}), ...(id ? { entityId: id } : {}) };
}

/**
 * Keys under which entries written before decision 015 copied a comment's text (or the passage
 * of the RFC it quoted) into the audit data. Those entries stay in the hash chain, but the
 * journal no longer shows that text: it is kept in the comment's own history.
 */
const CONTENT_KEYS: Record<string, readonly string[]> = { RfcComment: ["avant", "texte", "reponse", "passage"] };

export function dataShown(entityType: string, data: string): string {
  const hidden = CONTENT_KEYS[entityType];
  if (!hidden) return describeData(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return "";
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "";
  const kept = Object.entries(parsed as Record<string, unknown>).filter(([key]) => !hidden.includes(key));
  const removed = Object.keys(parsed as Record<string, unknown>).some((key) => hidden.includes(key));
  const shown = describeData(JSON.stringify(Object.fromEntries(kept)));
  return removed ? [shown, "texte : dans l'historique du commentaire"].filter(Boolean).join(" ; ") : shown;
}

/** Newest first. Without `range`, at most `limit` entries (exports). */
export async function listAuditEntries(
  filters: JournalFilters,
  range?: { take: number; skip: number },
  limit = 20_000,
) {
  const where = whereOf(filters);
  const [rows, total] = await Promise.all([
    prisma.auditEntry.findMany({ where, orderBy: { seq: "desc" }, take: range?.take ?? limit, skip: range?.skip ?? 0 }),
    prisma.auditEntry.count({ where }),
  ]);
  // Names of the people and organisations on this page, so the log reads "Personne : Léa Martin".
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId as string)),
  ];
  const [people, organisations] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: idsOf("Utilisateur") } },
      select: { id: true, firstName: true, lastName: true },
    }),
    prisma.organisation.findMany({
      where: { id: { in: idsOf("Organisation") } },
      select: { id: true, shortName: true },
    }),
  ]);
  const names = new Map<string, string>([
    ...people.map((p) => [p.id, `${p.firstName} ${p.lastName}`] as const),
    ...organisations.map((o) => [o.id, o.shortName] as const),
  ]);
  return {
    total,
    entries: rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      action: row.action,
      actionLabel: actionLabel(row.action),
      entityType: row.entityType,
      entityTypeLabel: entityTypeLabel(row.entityType),
      entityId: row.entityId,
      entityName: row.entityId
        ? (names.get(row.entityId) ?? (row.entityType === "Departement" ? row.entityId : null))
        : null,
      href: entityHref(row.entityType, row.entityId),
      details: dataShown(row.entityType, row.data),
    })),
  };
}

export type JournalEntry = Awaited<ReturnType<typeof listAuditEntries>>["entries"][number];

export const JOURNAL_EXPORT_COLUMNS: ExportColumn<JournalEntry>[] = [
  { header: "N°", value: (e) => e.seq, width: 7 },
  { header: "Date", value: (e) => e.at, dateFormat: "datetime" },
  { header: "Auteur", value: (e) => e.actorLabel },
  { header: "Action", value: (e) => e.actionLabel },
  { header: "Objet", value: (e) => e.entityTypeLabel },
  { header: "Nom", value: (e) => e.entityName },
  { header: "Identifiant", value: (e) => e.entityId },
  { header: "Détails", value: (e) => e.details, width: 50 },
];

export function auditEntryCount() {
  return prisma.auditEntry.count();
}

/** The actions and record types present in the log, for the filters. */
export async function journalFilterChoices() {
  const [actions, types] = await Promise.all([
    prisma.auditEntry.groupBy({ by: ["action"], _count: { _all: true } }),
    prisma.auditEntry.groupBy({ by: ["entityType"], _count: { _all: true } }),
  ]);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "fr");
  return {
    actions: actions
      .map((a) => ({ value: a.action, label: `${actionLabel(a.action)} (${a._count._all})` }))
      .sort(byLabel),
    types: types
      .map((t) => ({ value: t.entityType, label: `${entityTypeLabel(t.entityType)} (${t._count._all})` }))
      .sort(byLabel),
  };
}

export type IntegrityReport = { ok: boolean; lines: { log: string; ok: boolean; text: string }[] };

function verdictText(what: string, verdict: ChainVerdict): string {
  const plural = (n: number) => `${n} entrée${n > 1 ? "s" : ""}`;
  if (verdict.ok)
    return verdict.count === 0
      ? `${what} : vide, rien à vérifier.`
      : `${what} : ${plural(verdict.count)} vérifiée${verdict.count > 1 ? "s" : ""}, chaîne intacte.`;
  return `${what} : chaîne rompue à l'entrée n° ${verdict.brokenAtSeq} (${verdict.reason}), après ${plural(verdict.count - 1)} intacte${verdict.count - 1 > 1 ? "s" : ""}.`;
}

/** Recomputes both hash chains from their first entry. */
export async function verifyJournals(): Promise<IntegrityReport> {
  const [audit, events] = await Promise.all([verifyAuditChain(prisma), verifyEventChain(prisma)]);
  return {
    ok: audit.ok && events.ok,
    lines: [
      { log: "audit", ok: audit.ok, text: verdictText("Journal d'audit", audit) },
      { log: "evenements", ok: events.ok, text: verdictText("Journal des événements des processus", events) },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Security events (decision 015): the same page, another view.
// ---------------------------------------------------------------------------------------------

export type SecurityEventFilters = { kind?: string | null; userId?: string | null };

export function securityFiltersOf(url: URL): SecurityEventFilters {
  const kind = url.searchParams.get("nature");
  return { kind: isSecurityEventKind(kind) ? kind : null, userId: url.searchParams.get("personne") || null };
}

function describeSecurityDetail(kind: string, detail: string, last: string | null): string {
  if (kind === "refus") return last ? `Dernier refus : ${last}` : "";
  if (kind !== "export") return "";
  try {
    const parsed = JSON.parse(detail) as { export?: string; chemin?: string; filtres?: Record<string, string> };
    const filters = Object.entries(parsed.filtres ?? {}).map(([key, value]) => `${key} = ${value}`);
    return [
      parsed.export,
      filters.length > 0 ? `filtres : ${filters.join(", ")}` : "sans filtre",
      last ? `format ${last.toUpperCase()}` : null,
    ]
      .filter(Boolean)
      .join(" ; ");
  } catch {
    return detail;
  }
}

/** Rows of counted events, the most recent first. */
export async function listSecurityEvents(filters: SecurityEventFilters, range: { take: number; skip: number }) {
  const where: Prisma.SecurityEventWhereInput = {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.userId ? { userId: filters.userId } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.securityEvent.findMany({
      where,
      orderBy: [{ lastAt: "desc" }, { id: "asc" }],
      take: range.take,
      skip: range.skip,
    }),
    prisma.securityEvent.count({ where }),
  ]);
  return {
    total,
    events: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      kindLabel: isSecurityEventKind(row.kind) ? SECURITY_EVENT_LABELS[row.kind] : row.kind,
      userId: row.userId,
      label: row.label,
      ip: row.ip,
      count: row.count,
      hour: row.hour,
      firstAt: row.firstAt,
      lastAt: row.lastAt,
      details: describeSecurityDetail(row.kind, row.detail, row.last),
    })),
  };
}

export const SECURITY_KIND_CHOICES = Object.entries(SECURITY_EVENT_LABELS).map(([value, label]) => ({ value, label }));
