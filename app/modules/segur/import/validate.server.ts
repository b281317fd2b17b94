/**
 * An establishment extract read as a stream, line by line, in bounded memory: decoded from its
 * encoding (UTF-8 or Windows-1252, from `checkContent`), split on its separator (`;` or `,`,
 * whichever its header line uses), its columns found by their headers, each line checked
 * (columns.ts) and, across lines, a FINESS géographique given twice and a FINESS juridique given
 * two names. Valid lines go to `onLine` as they come (the staging writes them in chunks); the
 * problems are kept up to `maxProblems`, all of them counted.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import iconv from "iconv-lite";
import {
  columnsOf,
  checkLine,
  IMPORT_COLUMNS,
  type ColumnKey,
  type ImportLine,
  type ImportProblem,
  type ImportReferences,
} from "./columns";

export type ValidationOutcome = {
  /** Data lines read (the header not counted). */
  lines: number;
  problems: ImportProblem[];
  /** Every problem found, `problems` holding the first `maxProblems`. */
  problemCount: number;
};

export type ValidationOptions = {
  encoding: "utf-8" | "windows-1252";
  refs: ImportReferences;
  onLine?: (line: ImportLine) => void | Promise<void>;
  /** Called every `progressEvery` lines with the count so far and the share of the file's bytes read (0 to 1). */
  onProgress?: (progress: { lines: number; fraction: number }) => void;
  progressEvery?: number;
  maxProblems?: number;
  /** Lines past this are refused as a whole (the route's limit in lines). */
  maxLines?: number;
};

const HEADER_PROBLEM_LINE = 1;

/** The separator of a header line: the one of `;` and `,` it holds more of (`;` on a tie, French tools' default). */
export function separatorOf(headerLine: string): ";" | "," {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(",") > count(";") ? "," : ";";
}

/** The first line of the decoded text, without reading the rest of the file. */
async function firstLine(path: string, encoding: ValidationOptions["encoding"]): Promise<string> {
  const stream = createReadStream(path, { start: 0, end: 64 * 1024 - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const text = iconv.decode(Buffer.concat(chunks), encoding);
  return text.split(/\r?\n/, 1)[0] ?? "";
}

export async function validateEstablishmentFile(path: string, options: ValidationOptions): Promise<ValidationOutcome> {
  const { refs, maxProblems = 10_000, progressEvery = 1_000, maxLines = 100_000 } = options;
  const outcome: ValidationOutcome = { lines: 0, problems: [], problemCount: 0 };
  const report = (problem: ImportProblem) => {
    outcome.problemCount += 1;
    if (outcome.problems.length < maxProblems) outcome.problems.push(problem);
  };
  const delimiter = separatorOf(await firstLine(path, options.encoding));
  let columns: ReturnType<typeof columnsOf> | null = null;
  let headers: string[] = [];
  const firstSite = new Map<string, number>();
  const entityNames = new Map<string, { name: string; line: number }>();

  const check = new Writable({
    objectMode: true,
    async write(record: { record: string[]; info: { lines: number } }, _encoding, done) {
      try {
        const { record: cells, info } = record;
        if (!columns) {
          headers = cells;
          columns = columnsOf(cells);
          for (const header of columns.missing)
            report({ line: HEADER_PROBLEM_LINE, column: header, value: "", expected: `une colonne « ${header} »` });
          return done();
        }
        const line = info.lines;
        outcome.lines += 1;
        if (outcome.lines > maxLines) {
          if (outcome.lines === maxLines + 1)
            report({
              line,
              column: "",
              value: "",
              expected: `${maxLines.toLocaleString("fr-FR")} lignes au plus par fichier`,
            });
          return done();
        }
        if (outcome.lines % progressEvery === 0)
          options.onProgress?.({ lines: outcome.lines, fraction: size > 0 ? bytesRead / size : 1 });
        if (columns.missing.length > 0) return done();
        const at = columns.at;
        const value = (key: ColumnKey) => {
          const index = at.get(key);
          return index === undefined ? "" : (cells[index] ?? "");
        };
        const header = (key: ColumnKey) => {
          const index = at.get(key);
          return index === undefined ? IMPORT_COLUMNS.find((c) => c.key === key)!.header : headers[index]!;
        };
        const checked = checkLine(line, value, header, refs);
        if (!checked.ok) {
          checked.problems.forEach(report);
          return done();
        }
        const { finessGeographique: site, finessJuridique: entity, legalEntityName } = checked.line;
        const earlier = firstSite.get(site);
        if (earlier !== undefined) {
          report({
            line,
            column: header("finessGeographique"),
            value: site,
            expected: `un FINESS géographique qui ne figure qu'une fois (déjà à la ligne ${earlier})`,
          });
          return done();
        }
        firstSite.set(site, line);
        const named = entityNames.get(entity);
        if (named && named.name !== legalEntityName) {
          report({
            line,
            column: header("legalEntityName"),
            value: legalEntityName,
            expected: `le même nom pour la même entité juridique : « ${named.name} » à la ligne ${named.line}`,
          });
          return done();
        }
        if (!named) entityNames.set(entity, { name: legalEntityName, line });
        if (outcome.problemCount === 0) await options.onLine?.(checked.line);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });

  const { size } = await stat(path);
  let bytesRead = 0;
  const counted = createReadStream(path).on("data", (chunk) => (bytesRead += chunk.length));
  try {
    await pipeline(
      counted,
      iconv.decodeStream(options.encoding),
      parse({ delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
      check,
    );
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The text cannot be cut into lines and columns past this point: what was read stands.
    report({
      line: typeof error.lines === "number" ? error.lines : outcome.lines + 1,
      column: "",
      value: "",
      expected: "un texte CSV bien formé (des guillemets ouverts puis fermés autour d'une valeur)",
    });
  }
  if (!columns)
    report({
      line: HEADER_PROBLEM_LINE,
      column: "",
      value: "",
      expected: "une ligne d'en-têtes, puis une ligne par établissement",
    });
  else if (outcome.lines === 0 && outcome.problemCount === 0)
    report({ line: 2, column: "", value: "", expected: "au moins une ligne d'établissement sous les en-têtes" });
  return outcome;
}
