/**
 * The pilots board (`/segur/pilotes`) for everyone who reads several pilots — the coordinator all
 * of them, an ARS or a GRADeS its region's, a Conseil départemental those it is counterpart to, a
 * pilot's own people their own: exactly the pilots of `visiblePilots` (the policy's rule in SQL).
 * Each pilot's progress through the prerequisites, its blocked steps by blocker type, the
 * certificates and cards expiring within 90 days, 002's objectives matrix, and the steps' lead
 * times per channel (002's "délais moyens"); the matrix's rows for the CSV, XLSX and PDF export.
 */
import type { SessionUser } from "~/modules/auth/session.server";
import type { ExportColumn } from "~/utils/export.server";
import type { IsoDate } from "~/utils/working-days";
import { CORE_SERVICES, type Cell, type CoreService } from "../../../../workflows/segur-objective";
import type { LeadTimeRow } from "../lead-times";
import { BLOCKER_VOCABULARY, CELL_LEGEND, CORE_SERVICE_VOCABULARY } from "../vocabulary";
import { expiringCredentials, type ExpiringCredential } from "./board-credentials.server";
import { objectivesMatrix, type MatrixRow } from "./board-matrix.server";
import { pilotLegalEntities } from "./pilot-records.server";
import {
  blockedSteps,
  prerequisiteProgress,
  stepLeadTimes,
  type BlockedCount,
  type PilotProgress,
} from "./board-prerequisites.server";
import { visiblePilots, type PilotListRow } from "./pilots.server";

export type BoardPilot = Pick<PilotListRow, "id" | "code" | "name" | "establishments" | "vendor" | "product"> & {
  progress: PilotProgress;
  blocked: BlockedCount[];
  expiring: number;
};

export type PilotsBoard = {
  pilots: BoardPilot[];
  /** Every visible pilot's blocked steps, summed by blocker type. */
  blockedByType: BlockedCount[];
  expiring: (ExpiringCredential & { pilotCode: string; pilotName: string })[];
  matrix: (MatrixRow & { pilotCode: string; pilotName: string })[];
  /** Lead time of each step obtained in these pilots, over every channel then per channel. */
  leadTimes: LeadTimeRow[];
};

export async function pilotsBoard(user: SessionUser, today: IsoDate): Promise<PilotsBoard> {
  const visible = await visiblePilots(user);
  const ids = visible.map((p) => p.id);
  const establishments = await pilotLegalEntities(ids);
  const [progress, blocked, expiring, matrix, leadTimes] = await Promise.all([
    prerequisiteProgress(ids),
    blockedSteps(ids),
    expiringCredentials(establishments, today),
    objectivesMatrix(ids, establishments),
    stepLeadTimes(ids),
  ]);
  const byId = new Map(visible.map((p) => [p.id, p]));
  const named = <T extends { pilotId: string }>(row: T) => ({
    ...row,
    pilotCode: byId.get(row.pilotId)!.code,
    pilotName: byId.get(row.pilotId)!.name,
  });
  const totals = new Map<string, number>();
  for (const list of blocked.values())
    for (const { blocker, count } of list) totals.set(blocker, (totals.get(blocker) ?? 0) + count);
  return {
    pilots: visible.map(({ id, code, name, establishments, vendor, product }) => ({
      id,
      code,
      name,
      establishments,
      vendor,
      product,
      progress: progress.get(id)!,
      blocked: blocked.get(id)!,
      expiring: expiring.filter((c) => c.pilotId === id).length,
    })),
    blockedByType: BLOCKER_VOCABULARY.codes.flatMap((blocker) =>
      totals.has(blocker) ? [{ blocker, count: totals.get(blocker)! }] : [],
    ),
    expiring: expiring.map(named),
    matrix: matrix.map(named),
    leadTimes,
  };
}

/**
 * A cell as text, readable without colour: the outcome in words, the use cases that reached it,
 * then the others. No symbol: the PDF's standard fonts cannot print ● ◐ ○, and the words say it.
 */
export function cellText(cell: Cell): string {
  const legend = CELL_LEGEND[cell.outcome];
  const best = cell.best.length > 0 ? ` : ${cell.best.join(" ; ")}` : "";
  const others =
    cell.others.length > 0
      ? ` (autres : ${cell.others.map((o) => `${o.what}, ${CELL_LEGEND[o.outcome].short.toLowerCase()}`).join(" ; ")})`
      : "";
  return `${legend.label}${best}${others}`;
}

/** A pilot's progress as the board says it: "3 / 12 étapes obtenues", or that none is opened yet. */
export function progressText({ obtained, applicable }: PilotProgress): string {
  return applicable === 0 ? "Prérequis non ouverts" : `${obtained} / ${applicable} étapes obtenues`;
}

export type BoardExportRow = PilotsBoard["matrix"][number] & { pilot: BoardPilot };

/** One line per row of the matrix, with its pilot's prerequisites. */
export function boardExportRows(board: PilotsBoard): BoardExportRow[] {
  const pilots = new Map(board.pilots.map((p) => [p.id, p]));
  return board.matrix.map((row) => ({ ...row, pilot: pilots.get(row.pilotId)! }));
}

const blockedText = (blocked: BlockedCount[]) =>
  blocked.map((b) => `${BLOCKER_VOCABULARY.labels[b.blocker]} : ${b.count}`).join(" ; ");

export const BOARD_EXPORT_COLUMNS: ExportColumn<BoardExportRow>[] = [
  { header: "Pilote", value: (r) => r.pilotName, width: 24 },
  { header: "Établissement", value: (r) => r.establishment ?? r.pilot.establishments.join(", "), width: 24 },
  {
    header: "Éditeur et logiciel",
    value: (r) => [r.pilot.vendor, r.pilot.product].filter(Boolean).join(" — "),
    width: 20,
  },
  { header: "Prérequis", value: (r) => progressText(r.pilot.progress), width: 18 },
  { header: "Étapes bloquées", value: (r) => blockedText(r.pilot.blocked), width: 24 },
  { header: "Certificats et cartes expirant sous 90 jours", value: (r) => r.pilot.expiring, width: 12 },
  ...CORE_SERVICES.map((service: CoreService): ExportColumn<BoardExportRow> => ({
    header: CORE_SERVICE_VOCABULARY.labels[service],
    value: (r) => cellText(r.cells[service]),
    width: 30,
  })),
];
