/**
 * One helper to export any list as CSV, XLSX or PDF (domain.md §6: "CSV and PDF exports of
 * every list"). A route describes its columns once and calls `exportResponse`.
 *
 * Every text cell is neutralised against formula injection in CSV and XLSX (OWASP "CSV
 * Injection"): text starting with =, +, -, @, a tab or a carriage return gets a leading single
 * quote. Numbers passed as numbers stay numbers, so -12.5 is exported as a number, while the
 * text "-12,5" is exported as "'-12,5". The PDF shows text as it is (nothing there evaluates it).
 *
 * Dates are shown in Europe/Paris: "dd/MM/yyyy" when the value is a Paris midnight, otherwise
 * "dd/MM/yyyy HH:mm" (a column can force either with `dateFormat`).
 */
import { noteExport } from "./request-scope.server";
import { tzOffset } from "@date-fns/tz";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { now } from "~/utils/clock.server";

export type ExportValue = string | number | Date | boolean | null | undefined;

export type ExportColumn<T> = {
  header: string;
  value: (row: T) => ExportValue;
  /** Width in characters (XLSX) and relative weight of the column (PDF). Guessed when absent. */
  width?: number;
  /** How a Date is shown; by default "date" for a Paris midnight, "datetime" otherwise. */
  dateFormat?: "date" | "datetime";
};

export type ExportFormat = "csv" | "xlsx" | "pdf";

export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "xlsx", "pdf"];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** "csv", "XLSX ", "pdf" → the format; anything else (or null) → null. */
export function parseExportFormat(value: string | null): ExportFormat | null {
  const format = value?.trim().toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(format ?? "") ? (format as ExportFormat) : null;
}

/** The format an export route's URL asks for (`?format=`); any other answers 400, in French. */
export function exportFormatOf(url: URL): ExportFormat {
  const format = parseExportFormat(url.searchParams.get("format"));
  if (!format) throw new Response("Format d'export inconnu : choisissez csv, xlsx ou pdf.", { status: 400 });
  return format;
}

// ---------------------------------------------------------------------------------------------
// Cell values
// ---------------------------------------------------------------------------------------------

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
// Characters XML 1.0 cannot carry (the XLSX would not open); dropped everywhere for consistency.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Removes characters XML cannot hold, then prefixes a quote to text a spreadsheet would evaluate. */
export function neutraliseText(text: string): string {
  const clean = text.replace(XML_FORBIDDEN, "");
  return FORMULA_TRIGGER.test(clean) ? `'${clean}` : clean;
}

const PARIS = "Europe/Paris";

/** The Paris wall-clock time of `date`, as a Date whose UTC fields hold it. */
function parisWallClock(date: Date): Date {
  return new Date(date.getTime() + tzOffset(PARIS, date) * 60_000);
}

function isParisMidnight(date: Date): boolean {
  const wall = parisWallClock(date);
  return (
    wall.getUTCHours() === 0 &&
    wall.getUTCMinutes() === 0 &&
    wall.getUTCSeconds() === 0 &&
    wall.getUTCMilliseconds() === 0
  );
}

function showsTime<T>(column: ExportColumn<T>, date: Date): boolean {
  return column.dateFormat ? column.dateFormat === "datetime" : !isParisMidnight(date);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** 06/04/2026 or 06/04/2026 14:05, in Paris time. */
export function formatFrenchDate(date: Date, withTime: boolean): string {
  const wall = parisWallClock(date);
  const day = `${pad2(wall.getUTCDate())}/${pad2(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()}`;
  return withTime ? `${day} ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}` : day;
}

const plainNumber = new Intl.NumberFormat("en-US", { useGrouping: false, maximumFractionDigits: 20 });

/** 1234.5 → "1234,5" (French Excel reads a decimal comma; no thousands separator). */
function formatFrenchNumber(n: number): string {
  return Number.isFinite(n) ? plainNumber.format(n).replace(".", ",") : "";
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** A cell as display text, before neutralisation (shared by CSV and PDF). */
function displayText<T>(column: ExportColumn<T>, value: ExportValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "Oui" : "Non";
  if (typeof value === "number") return formatFrenchNumber(value);
  if (value instanceof Date) return isValidDate(value) ? formatFrenchDate(value, showsTime(column, value)) : "";
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const BOM = "\uFEFF";

function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as French Excel opens it: UTF-8 with a BOM, ";" between fields, CRLF after every record,
 * RFC 4180 quoting, decimal commas, "Oui"/"Non", Paris dates.
 */
export function toCsv<T>(columns: ExportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => csvField(neutraliseText(column.header))).join(";")];
  for (const row of rows) {
    lines.push(
      columns
        .map((column) => {
          const value = column.value(row);
          const text = displayText(column, value);
          // Only text can smuggle a formula; numbers, booleans and dates are rendered by us.
          return csvField(typeof value === "string" ? neutraliseText(text) : text);
        })
        .join(";"),
    );
  }
  return BOM + lines.map((line) => `${line}\r\n`).join("");
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

/** Excel sheet names: at most 31 characters, none of \ / ? * [ ] :, no quote at either end. */
export function sheetName(title: string): string {
  let name = title
    .replace(/[\\/?*[\]:]/g, " ")
    .replace(XML_FORBIDDEN, "")
    .replace(/\s+/g, " ")
    .trim();
  name = [...name].slice(0, 31).join("");
  // Truncating by code points can still exceed 31 UTF-16 units with astral characters.
  while (name.length > 31) name = [...name].slice(0, -1).join("");
  name = name.replace(/^'+|'+$/g, "").trim();
  if (!name) return "Export";
  // "History" is reserved by Excel.
  return name.toLowerCase() === "history" ? "History (export)" : name;
}

function estimatedWidth<T>(column: ExportColumn<T>, rows: readonly T[]): number {
  if (column.width) return column.width;
  let longest = [...column.header].length;
  for (const row of rows.slice(0, 500)) {
    const value = column.value(row);
    const text = value instanceof Date ? "00/00/0000 00:00" : displayText(column, value);
    for (const line of text.split(/\r\n|\r|\n/)) longest = Math.max(longest, [...line].length);
  }
  return Math.min(60, Math.max(8, longest + 2));
}

export type XlsxOptions = { title: string };

/**
 * An XLSX workbook with one sheet: bold frozen header, autofilter, real Date cells shown in Paris
 * time with a French format. Excel dates carry no time zone, so a Date is written as its Paris
 * wall-clock time (read back with exceljs, 14:05 Paris comes out as 14:05Z).
 */
export async function toXlsx<T>(columns: ExportColumn<T>[], rows: readonly T[], options: XlsxOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Passerelles";
  workbook.title = options.title;
  const sheet = workbook.addWorksheet(sheetName(options.title), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({ width: estimatedWidth(column, rows) }));

  const header = sheet.addRow(columns.map((column) => neutraliseText(column.header)));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE3E3FD" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF000091" } } };
  });

  for (const row of rows) {
    const excelRow = sheet.addRow([]);
    columns.forEach((column, index) => {
      const cell = excelRow.getCell(index + 1);
      const value = column.value(row);
      if (value === null || value === undefined) return;
      if (value instanceof Date) {
        if (!isValidDate(value)) return;
        cell.value = parisWallClock(value);
        cell.numFmt = showsTime(column, value) ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy";
      } else if (typeof value === "number") {
        if (Number.isFinite(value)) cell.value = value;
      } else if (typeof value === "boolean") {
        cell.value = value ? "Oui" : "Non";
      } else {
        const text = neutraliseText(value);
        cell.value = text;
        if (/[\r\n]/.test(text)) cell.alignment = { wrapText: true, vertical: "top" };
      }
    });
  }

  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

// Characters the standard PDF fonts can show (WinAnsiEncoding): Latin-1 plus these from
// Windows-1252's 0x80–0x9F block. Anything else would print as garbage with Helvetica.
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRAS.has(char);
}

/**
 * Text Helvetica can print: composed accents, tabs as spaces, and characters outside
 * WinAnsi replaced by their compatibility form when printable (narrow no-break space → space,
 * "ﬁ" → "fi"), by a close equivalent for a few common ones, else by "?".
 */
export function pdfSafeText(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, " ")) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    const compat = char.normalize("NFKC");
    if ([...compat].every(isWinAnsi)) out += compat;
    else if (char === "\u2212" || char === "\u2010" || char === "\u2011") out += "-";
    else if (char === "\u2192") out += "->";
    else if (char === "\u2713" || char === "\u2714") out += "x";
    else if (/\p{Cc}|\p{Cf}/u.test(char)) continue;
    else out += "?";
  }
  return out;
}

export type PdfOptions = {
  title: string;
  subtitle?: string;
  /** When the export was made (shown under the title); defaults to the app clock. */
  generatedAt?: Date;
  /** Compress page content; tests turn it off to read the text. */
  compress?: boolean;
};

const PAGE = {
  margin: 36,
  footerHeight: 18,
  fontSize: 8.5,
  headerFontSize: 8.5,
  cellPadding: 4,
  colours: {
    text: "#161616",
    muted: "#666666",
    headerFill: "#E3E3FD",
    stripe: "#F6F6F6",
    rule: "#C8C8C8",
    blue: "#000091",
  },
};

/**
 * An A4 landscape PDF: title, optional subtitle, generation line, then a table whose cells wrap,
 * with the header repeated on every page and "Page X / Y" in each footer. Uses the standard
 * Helvetica fonts (WinAnsi: French accents, «», €, œ, ’ all print).
 */
export async function toPdf<T>(columns: ExportColumn<T>[], rows: readonly T[], options: PdfOptions): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? now();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: PAGE.margin,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: "fr-FR",
    displayTitle: true,
    info: {
      Title: pdfSafeText(options.title),
      Author: "Passerelles",
      Creator: "Passerelles",
      CreationDate: generatedAt,
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = PAGE.margin;
  const tableWidth = doc.page.width - 2 * PAGE.margin;
  const bottom = doc.page.height - PAGE.margin - PAGE.footerHeight;
  const pad = PAGE.cellPadding;

  // Title block (first page only).
  doc
    .fillColor(PAGE.colours.text)
    .font("Helvetica-Bold")
    .fontSize(16)
    .text(pdfSafeText(options.title), left, PAGE.margin, { width: tableWidth });
  if (options.subtitle) {
    doc
      .moveDown(0.2)
      .font("Helvetica")
      .fontSize(11)
      .fillColor(PAGE.colours.text)
      .text(pdfSafeText(options.subtitle), { width: tableWidth });
  }
  const count = rows.length === 1 ? "1 ligne" : `${rows.length} lignes`;
  doc
    .moveDown(0.3)
    .font("Helvetica")
    .fontSize(9)
    .fillColor(PAGE.colours.muted)
    .text(
      `Généré le ${formatFrenchDate(generatedAt, false)} à ${formatFrenchDate(generatedAt, true).slice(11)} (heure de Paris) · ${count}`,
      { width: tableWidth },
    );
  let y = doc.y + 10;

  // Column widths: proportional to the declared or guessed widths, within sensible bounds.
  const weights = columns.map((column) => Math.min(40, Math.max(6, estimatedWidth(column, rows))));
  const totalWeight = weights.reduce((sum, w) => sum + w, 0) || 1;
  const widths = weights.map((w) => (w / totalWeight) * tableWidth);
  const headers = columns.map((column) => pdfSafeText(column.header));

  const measure = (texts: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        size * 1.2,
        ...texts.map((text, i) => (text ? doc.heightOfString(text, { width: widths[i] - 2 * pad }) : 0)),
      ) +
      2 * pad
    );
  };

  const drawRow = (texts: string[], height: number, kind: "header" | "odd" | "even") => {
    const fill = kind === "header" ? PAGE.colours.headerFill : kind === "even" ? PAGE.colours.stripe : null;
    if (fill) doc.rect(left, y, tableWidth, height).fill(fill);
    doc
      .font(kind === "header" ? "Helvetica-Bold" : "Helvetica")
      .fontSize(kind === "header" ? PAGE.headerFontSize : PAGE.fontSize)
      .fillColor(PAGE.colours.text);
    let x = left;
    texts.forEach((text, i) => {
      if (text) {
        doc.text(text, x + pad, y + pad, {
          width: widths[i] - 2 * pad,
          height: height - 2 * pad,
          ellipsis: true,
          lineBreak: true,
        });
      }
      x += widths[i];
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + tableWidth, y + height)
      .lineWidth(kind === "header" ? 1 : 0.5)
      .strokeColor(kind === "header" ? PAGE.colours.blue : PAGE.colours.rule)
      .stroke();
    y += height;
  };

  const headerHeight = measure(headers, "Helvetica-Bold", PAGE.headerFontSize);
  const drawHeader = () => drawRow(headers, headerHeight, "header");

  if (columns.length > 0) {
    if (y + headerHeight + PAGE.fontSize * 3 > bottom) {
      doc.addPage();
      y = PAGE.margin;
    }
    drawHeader();
    let rowsOnPage = 0;
    rows.forEach((row, index) => {
      const texts = columns.map((column) => pdfSafeText(displayText(column, column.value(row))));
      let height = measure(texts, "Helvetica", PAGE.fontSize);
      if (y + height > bottom && rowsOnPage > 0) {
        doc.addPage();
        y = PAGE.margin;
        drawHeader();
        rowsOnPage = 0;
      }
      // A row never spans pages: content taller than the room left is cut with an ellipsis.
      height = Math.min(height, bottom - y);
      drawRow(texts, height, index % 2 === 0 ? "odd" : "even");
      rowsOnPage += 1;
    });
    if (rows.length === 0) {
      doc
        .font("Helvetica-Oblique")
        .fontSize(PAGE.fontSize)
        .fillColor(PAGE.colours.muted)
        .text("Aucune donnée.", left + pad, y + pad, { width: tableWidth - 2 * pad });
    }
  }

  // Footers, once the page count is known. Writing below the bottom margin would make pdfkit
  // add a page, so the margin is lifted while the footer is drawn.
  const range = doc.bufferedPageRange();
  const footerTitle = pdfSafeText(options.title);
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerY = doc.page.height - PAGE.margin - PAGE.fontSize;
    doc.font("Helvetica").fontSize(8).fillColor(PAGE.colours.muted);
    doc.text(footerTitle, left, footerY, { width: tableWidth * 0.7, lineBreak: false, ellipsis: true, height: 10 });
    doc.text(`Page ${i - range.start + 1} / ${range.count}`, left, footerY, {
      width: tableWidth,
      align: "right",
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
  doc.flushPages();
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

const EXTENSIONS: Record<ExportFormat, string> = { csv: ".csv", xlsx: ".xlsx", pdf: ".pdf" };

/**
 * `attachment; filename="..."; filename*=UTF-8''...`: an ASCII fallback for old clients (accents
 * stripped, anything else unsafe replaced by "-") and the exact UTF-8 name per RFC 5987/6266.
 */
export function contentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const clean =
    filename
      .replace(/[\u0000-\u001F\u007F"]/g, "")
      .replace(/[/\\]/g, "-")
      .replace(/^[.\s-]+/, "")
      .trim() || "export";
  const dot = clean.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ""];
  const asciiStem =
    stem
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export";
  const ascii = asciiStem + extension.replace(/[^A-Za-z0-9.]/g, "");
  const encoded = encodeURIComponent(clean).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type ExportRequest<T> = {
  format: ExportFormat;
  /** File name with or without its extension, e.g. "demandes-de-reprise-2026-11". */
  filename: string;
  title: string;
  subtitle?: string;
  columns: ExportColumn<T>[];
  rows: readonly T[];
};

/** The export as a downloadable HTTP response (no caching: lists may hold personal data). */
export async function exportResponse<T>({
  format,
  filename,
  title,
  subtitle,
  columns,
  rows,
}: ExportRequest<T>): Promise<Response> {
  // Every export is recorded, with who and which filters, when the response leaves (decision 015).
  noteExport(title);
  let body: Uint8Array<ArrayBuffer>;
  if (format === "csv") body = new TextEncoder().encode(toCsv(columns, rows));
  else if (format === "xlsx") body = new Uint8Array(await toXlsx(columns, rows, { title }));
  else body = new Uint8Array(await toPdf(columns, rows, { title, subtitle }));

  const extension = EXTENSIONS[format];
  const name = filename.toLowerCase().endsWith(extension) ? filename : `${filename}${extension}`;
  return new Response(body, {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": contentDisposition(name),
      "Content-Length": String(body.byteLength),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
