/**
 * What the dashboards show about RFC cycles, on the read connection (decision 021): the member's
 * cycles awaiting their organisation's answer, the pilot's cycles and comments without
 * disposition, the coordinator's response rates for open cycles, the MDPH director's positions
 * to record. Each list is selected, counted and ordered in SQL (the rates, by rate then by name
 * in French); each links to a record.
 */
import { sql } from "kysely";
import { carriesTag } from "~/modules/workflow/queries.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { now as clockNow } from "~/utils/clock.server";
import { can } from "~/utils/permissions";
import { compiledOnce, isoInstant, readDb, storedInstant } from "~/utils/read-db.server";
import { RFC_CYCLE_STATE_LABELS } from "../../../workflows/rfc-cycle";
import { timeLeftLabel } from "./labels";
import { RFC_WORKFLOW, versionPath } from "./workflow.server";

export type AwaitingItem = {
  number: string;
  title: string;
  group: string;
  version: number;
  deadline: string;
  timeLeft: string;
  href: string;
};

/** The open cycles of the versions table, with the RFC and group each list shows. */
const cycles = (db = readDb()) =>
  db
    .selectFrom("RfcVersion as v")
    .innerJoin("WorkflowInstance as w", "w.id", "v.workflowId")
    .innerJoin("Rfc as r", "r.id", "v.rfcId")
    .innerJoin("WorkGroup as g", "g.id", "r.groupId")
    .where("w.type", "=", RFC_WORKFLOW);

const awaiting = compiledOnce((db, args: { organisation: string; now: string }) =>
  cycles(db)
    .select(["r.number", "r.title", "g.name as group", "v.number as version", "v.deadline"])
    .where("w.status", "=", "ouvert")
    .where("v.deadline", ">", args.now)
    .where(
      sql<boolean>`EXISTS (SELECT 1 FROM RfcInvitation i WHERE i.versionId = v.id AND i.organisationId = ${args.organisation})`,
    )
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = v.id AND c.organisationId = ${args.organisation}
        AND c.parentId IS NULL AND c.deletedAt IS NULL)`,
    )
    .orderBy("v.deadline"),
);

/** Open cycles where the person's organisation is invited and has not answered yet, soonest deadline first. */
export async function awaitingAnswer(user: SessionUser, now: Date = clockNow()): Promise<AwaitingItem[]> {
  if (!can(user, "comment:rfc")) return [];
  const rows = await awaiting({ organisation: user.organisationId, now: storedInstant(now) });
  return rows.map((v) => {
    const deadline = isoInstant(v.deadline!);
    return {
      number: v.number,
      title: v.title,
      group: v.group,
      version: v.version,
      deadline,
      timeLeft: timeLeftLabel(deadline, now),
      href: versionPath(v.number, v.version),
    };
  });
}

export type PilotCycle = {
  number: string;
  title: string;
  group: string;
  version: number;
  status: string;
  statusLabel: string;
  deadline: string | null;
  timeLeft: string | null;
  comments: number;
  undisposed: number;
  href: string;
};

/**
 * Cycles not yet concluded in the groups the person pilots (every group for the coordinator):
 * closed ones first (they wait for dispositions), then open, then drafts; by deadline, then number.
 */
export async function pilotCycles(user: SessionUser, now: Date = clockNow()): Promise<PilotCycle[]> {
  if (!can(user, "pilot:group")) return [];
  const liveComments = sql`FROM RfcComment c WHERE c.versionId = v.id AND c.parentId IS NULL AND c.deletedAt IS NULL`;
  const rows = await cycles()
    .select([
      "r.number",
      "r.title",
      "g.name as group",
      "v.number as version",
      "w.status",
      "v.deadline",
      sql<number>`(SELECT count(*) ${liveComments})`.as("comments"),
      sql<number>`(SELECT count(*) ${liveComments} AND c.disposition IS NULL)`.as("undisposed"),
    ])
    .where(carriesTag("w.id", "enCours"))
    .$if(!can(user, "manage:group"), (q) => q.where("g.pilotOrganisationId", "=", user.organisationId))
    .orderBy(sql`CASE w.status WHEN 'clos' THEN 0 WHEN 'ouvert' THEN 1 ELSE 2 END`)
    .orderBy(sql`coalesce(v.deadline, '9')`)
    .orderBy("r.number")
    .execute();
  return rows.map((v) => {
    const deadline = v.deadline === null ? null : isoInstant(v.deadline);
    return {
      number: v.number,
      title: v.title,
      group: v.group,
      version: v.version,
      status: v.status,
      statusLabel: RFC_CYCLE_STATE_LABELS[v.status] ?? v.status,
      deadline,
      timeLeft: v.status === "ouvert" ? timeLeftLabel(deadline, now) : null,
      comments: Number(v.comments),
      undisposed: Number(v.undisposed),
      href: versionPath(v.number, v.version),
    };
  });
}

export type ResponseRate = {
  organisationId: string;
  organisation: string;
  invited: number;
  answered: number;
  rate: number;
};

const inFrench = new Intl.Collator("fr").compare;

/** Per invited organisation, across the cycles open now: cycles invited to, answered, rate (0–1). Lowest rate first. */
export async function responseRates(now: Date = clockNow()): Promise<ResponseRate[]> {
  const { rows } = await sql<{ organisationId: string; organisation: string; invited: number; answered: number }>`
    SELECT o.id AS organisationId, o.name AS organisation, count(*) AS invited,
      sum(EXISTS (SELECT 1 FROM RfcComment c WHERE c.versionId = i.versionId
        AND c.organisationId = i.organisationId AND c.parentId IS NULL AND c.deletedAt IS NULL)) AS answered
    FROM RfcInvitation i JOIN RfcVersion v ON v.id = i.versionId JOIN WorkflowInstance w ON w.id = v.workflowId
      JOIN Organisation o ON o.id = i.organisationId
    WHERE w.type = ${RFC_WORKFLOW} AND w.status = 'ouvert' AND v.deadline > ${storedInstant(now)}
    GROUP BY o.id`.execute(readDb());
  return rows
    .map(({ organisationId, organisation, invited, answered }) => ({
      organisationId,
      organisation,
      invited: Number(invited),
      answered: Number(answered),
      rate: Number(answered) / Number(invited),
    }))
    .sort((a, b) => a.rate - b.rate || inFrench(a.organisation, b.organisation));
}

export type PositionToRecord = { number: string; title: string; adoptedAt: string | null; href: string };

const adoptedWithoutPosition = compiledOnce((db, args: { organisation: string }) =>
  db
    .selectFrom("Rfc as r")
    .select(["r.number", "r.title", "r.adoptedAt"])
    .where("r.status", "=", "ADOPTEE")
    .where(
      sql<boolean>`NOT EXISTS (SELECT 1 FROM RfcPosition p WHERE p.rfcId = r.id AND p.organisationId = ${args.organisation})`,
    )
    .orderBy("r.adoptedAt", "desc"),
);

/** Adopted RFCs on which the director's MDPH has not recorded its position, latest adopted first. */
export async function positionsToRecord(user: SessionUser): Promise<PositionToRecord[]> {
  if (!can(user, "record:rfc-position") || user.organisation.kind !== "MDPH") return [];
  const rows = await adoptedWithoutPosition({ organisation: user.organisationId });
  return rows.map((r) => ({
    number: r.number,
    title: r.title,
    adoptedAt: r.adoptedAt === null ? null : isoInstant(r.adoptedAt),
    href: `/rfc/${r.number}#position`,
  }));
}
