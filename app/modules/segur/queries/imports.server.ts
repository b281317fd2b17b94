/**
 * The establishment import page's reads (decision 043), on the read connection (decision 021):
 * the register's size (the live import's rows), the latest imports with their outcome, and one
 * import's progress and first problems; the whole report for its download.
 */
import { sql } from "kysely";
import { compiledOnce } from "~/utils/read-db.server";
import type { ImportProblem } from "../import/columns";
import type { ImportStatus } from "../import/status";

/** How many problems the page lists; the download has them all. */
export const PROBLEMS_SHOWN = 50;
const LATEST_IMPORTS = 10;

const registerSize = compiledOnce((db, _args: Record<string, never>) =>
  db
    .selectFrom("EstablishmentRegister as r")
    .select(
      sql<number>`(SELECT count(*) FROM RegisterEstablishment e WHERE e.importId = r.currentImportId)`.as(
        "establishments",
      ),
    )
    .where("r.id", "=", "national"),
);

const importColumns = [
  "i.id",
  "i.status",
  "i.originalName",
  "i.processedLines",
  "i.progress",
  "i.problemCount",
  "i.created",
  "i.updated",
  "i.unchanged",
  "i.absent",
  "i.createdAt",
  "i.finishedAt",
] as const;

const latestImports = compiledOnce((db, args: { limit: number }) =>
  db
    .selectFrom("EstablishmentImport as i")
    .innerJoin("User as u", "u.id", "i.createdById")
    .select(importColumns)
    .select(sql<string>`u.firstName || ' ' || u.lastName`.as("by"))
    .orderBy("i.createdAt", "desc")
    .orderBy("i.id", "desc")
    .limit(args.limit),
);

const oneImport = compiledOnce((db, args: { id: string }) =>
  db
    .selectFrom("EstablishmentImport as i")
    .innerJoin("User as u", "u.id", "i.createdById")
    .select(importColumns)
    .select(sql<string>`u.firstName || ' ' || u.lastName`.as("by"))
    .where("i.id", "=", args.id),
);

const problemsOf = compiledOnce((db, args: { id: string; limit: number }) =>
  db
    .selectFrom("EstablishmentImportProblem as p")
    .select(["p.line", "p.column", "p.value", "p.expected"])
    .where("p.importId", "=", args.id)
    .orderBy("p.seq")
    .limit(args.limit),
);

export type ImportRow = Awaited<ReturnType<typeof latestImports>>[number] & { status: ImportStatus };

const typed = (row: Awaited<ReturnType<typeof latestImports>>[number]): ImportRow => ({
  ...row,
  status: row.status as ImportStatus,
});

/** The page: the register's size, the latest imports, and the chosen one (the latest by default) with its first problems. */
export async function importsPage(chosenId: string | null) {
  const [[size], latest] = await Promise.all([registerSize({}), latestImports({ limit: LATEST_IMPORTS })]);
  const [chosen] = chosenId ? await oneImport({ id: chosenId }) : latest;
  const problems = chosen?.problemCount ? await problemsOf({ id: chosen.id, limit: PROBLEMS_SHOWN }) : [];
  return {
    establishments: size?.establishments ?? 0,
    imports: latest.map(typed),
    chosen: chosen ? typed(chosen) : null,
    problems: problems as ImportProblem[],
  };
}

/** One import's whole report (at most the 10,000 problems kept), for its download; null when it does not exist. */
export async function importReport(id: string) {
  const [found] = await oneImport({ id });
  if (!found) return null;
  return { import: typed(found), problems: (await problemsOf({ id, limit: 10_000 })) as ImportProblem[] };
}
