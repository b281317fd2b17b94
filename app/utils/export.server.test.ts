import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  contentDisposition,
  exportFormatOf,
  exportResponse,
  neutraliseText,
  parseExportFormat,
  pdfSafeText,
  sheetName,
  toCsv,
  toPdf,
  toXlsx,
  type ExportColumn,
} from "./export.server";

type Request = {
  ref: string;
  mdph: string;
  amount: number | null;
  urgent: boolean;
  requestedOn: Date; // a Paris midnight → shown as a date
  updatedAt: Date | undefined; // an instant → shown with time
  comment: string;
};

const columns: ExportColumn<Request>[] = [
  { header: "Référence", value: (r) => r.ref },
  { header: "MDPH", value: (r) => r.mdph, width: 30 },
  { header: "Montant (€)", value: (r) => r.amount },
  { header: "Urgent", value: (r) => r.urgent },
  { header: "Demandée le", value: (r) => r.requestedOn },
  { header: "Mise à jour", value: (r) => r.updatedAt },
  { header: "Commentaire", value: (r) => r.comment },
];

const rows: Request[] = [
  {
    ref: "R-001",
    mdph: "MDPH du Bas-Rhin",
    amount: 1234.5,
    urgent: true,
    requestedOn: new Date("2026-04-05T22:00:00Z"), // 6 April, 00:00 Paris (summer)
    updatedAt: new Date("2026-07-14T12:05:00Z"), // 14:05 Paris
    comment: "Fichiers livrés; à valider",
  },
  {
    ref: "R-002",
    mdph: 'MDPH "pilote"',
    amount: -12.5,
    urgent: false,
    requestedOn: new Date("2026-01-14T23:00:00Z"), // 15 January, 00:00 Paris (winter)
    updatedAt: new Date("2026-01-15T23:30:00Z"), // 16 January 00:30 Paris
    comment: "Ligne 1\nLigne 2",
  },
  {
    ref: '=HYPERLINK("http://evil.example","clic")',
    mdph: "+33 1 23 45 67 89",
    amount: null,
    urgent: false,
    requestedOn: new Date("2026-02-27T23:00:00Z"),
    updatedAt: undefined,
    comment: "-2+3",
  },
  {
    ref: "@SUM(A1:A2)",
    mdph: "\tTab",
    amount: 0,
    urgent: true,
    requestedOn: new Date("2028-02-28T23:00:00Z"), // 29 February 2028
    updatedAt: new Date("2026-10-25T01:30:00Z"), // 02:30 CET, after the October change
    comment: "\rcarriage",
  },
];

function records(csv: string): string[] {
  expect(csv.endsWith("\r\n")).toBe(true);
  return csv.slice(1, -2).split("\r\n");
}

describe("CSV", () => {
  it("starts with a UTF-8 BOM and separates fields with semicolons and records with CRLF", () => {
    const csv = toCsv(columns, rows.slice(0, 1));
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = records(csv);
    expect(lines).toEqual([
      "Référence;MDPH;Montant (€);Urgent;Demandée le;Mise à jour;Commentaire",
      'R-001;MDPH du Bas-Rhin;1234,5;Oui;06/04/2026;14/07/2026 14:05;"Fichiers livrés; à valider"',
    ]);
  });

  it("quotes semicolons, double quotes and line breaks (RFC 4180)", () => {
    const csv = toCsv(columns, rows.slice(1, 2));
    // The embedded newline stays inside the quoted field, so split on the record separator
    // only after the header.
    const body = csv.slice(1).split("\r\n").slice(1).join("\r\n");
    expect(body).toBe('R-002;"MDPH ""pilote""";-12,5;Non;15/01/2026;16/01/2026 00:30;"Ligne 1\nLigne 2"\r\n');
  });

  it("neutralises text that a spreadsheet would run as a formula, but not negative numbers", () => {
    const lines = records(toCsv(columns, rows.slice(2)));
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example"",""clic"")";'+33 1 23 45 67 89;;Non;28/02/2026;;'-2+3`);
    expect(lines[2]).toBe(`'@SUM(A1:A2);'\tTab;0;Oui;29/02/2028;25/10/2026 02:30;"'\rcarriage"`);
    // A number passed as a number keeps its minus sign; the same figure as text is neutralised.
    const numbers: ExportColumn<{ n: number; s: string }>[] = [
      { header: "n", value: (r) => r.n },
      { header: "s", value: (r) => r.s },
    ];
    expect(records(toCsv(numbers, [{ n: -12.5, s: "-12,5" }]))[1]).toBe("-12,5;'-12,5");
  });

  it("neutralises headers too", () => {
    const csv = toCsv([{ header: "=1+1", value: () => "x" }], []);
    expect(records(csv)).toEqual(["'=1+1"]);
  });

  it("formats numbers with a decimal comma and no exponent", () => {
    const col: ExportColumn<number>[] = [{ header: "n", value: (n) => n }];
    expect(records(toCsv(col, [0.1 + 0.2, 1e21, 1.5e-7, 42, Number.NaN]))).toEqual([
      "n",
      "0,30000000000000004",
      "1000000000000000000000",
      "0,00000015",
      "42",
      "",
    ]);
  });

  it("lets a column force date or date-time display", () => {
    const at = new Date("2026-07-14T12:05:00Z");
    const midnight = new Date("2026-07-13T22:00:00Z");
    const cols: ExportColumn<Date>[] = [
      { header: "jour", value: (d) => d, dateFormat: "date" },
      { header: "horodatage", value: (d) => d, dateFormat: "datetime" },
    ];
    expect(records(toCsv(cols, [at, midnight])).slice(1)).toEqual([
      "14/07/2026;14/07/2026 14:05",
      "14/07/2026;14/07/2026 00:00",
    ]);
  });
});

describe("neutraliseText", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@x", "'@x"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["a=1", "a=1"],
    ["", ""],
    ["\u0000=1+1", "'=1+1"], // control characters are removed first, so they cannot hide a formula
  ])("%j → %j", (input, output) => {
    expect(neutraliseText(input)).toBe(output);
  });
});

async function readXlsx(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

describe("XLSX", () => {
  it("holds exactly the header and the rows, with typed values", async () => {
    const buffer = await toXlsx(columns, rows, { title: "Demandes de reprise" });
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    const workbook = await readXlsx(buffer);
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe("Demandes de reprise");
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(sheet.actualColumnCount).toBe(columns.length);

    const header = sheet.getRow(1);
    expect(columns.map((_, i) => header.getCell(i + 1).value)).toEqual(columns.map((c) => c.header));
    expect(header.getCell(1).font?.bold).toBe(true);

    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe("R-001");
    expect(first.getCell(3).value).toBe(1234.5);
    expect(first.getCell(4).value).toBe("Oui");
    // Dates are real dates holding the Paris wall-clock time (Excel has no time zones).
    const requested = first.getCell(5).value;
    expect(requested).toBeInstanceOf(Date);
    expect((requested as Date).toISOString()).toBe("2026-04-06T00:00:00.000Z");
    expect(first.getCell(5).numFmt).toBe("dd/mm/yyyy");
    expect((first.getCell(6).value as Date).toISOString()).toBe("2026-07-14T14:05:00.000Z");
    expect(first.getCell(6).numFmt).toBe("dd/mm/yyyy hh:mm");

    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe('MDPH "pilote"');
    expect(second.getCell(3).value).toBe(-12.5); // a negative number stays a number
    expect(second.getCell(7).value).toBe("Ligne 1\nLigne 2");
    expect((second.getCell(6).value as Date).toISOString()).toBe("2026-01-16T00:30:00.000Z");

    const third = sheet.getRow(4);
    expect(third.getCell(1).value).toBe(`'=HYPERLINK("http://evil.example","clic")`);
    expect(third.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(third.getCell(2).value).toBe("'+33 1 23 45 67 89");
    expect(third.getCell(3).value).toBeNull();
    expect(third.getCell(6).value).toBeNull();
    expect(third.getCell(7).value).toBe("'-2+3");

    const fourth = sheet.getRow(5);
    expect(fourth.getCell(1).value).toBe("'@SUM(A1:A2)");
    expect(fourth.getCell(2).value).toBe("'\tTab");
    expect(fourth.getCell(3).value).toBe(0);
    expect((fourth.getCell(5).value as Date).toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect((fourth.getCell(6).value as Date).toISOString()).toBe("2026-10-25T02:30:00.000Z");
  });

  it("freezes the header, filters it and sizes columns", async () => {
    const sheet = (await readXlsx(await toXlsx(columns, rows, { title: "Liste" }))).worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:G5");
    expect(sheet.getColumn(2).width).toBe(30); // declared
    const guessed = sheet.getColumn(7).width ?? 0;
    expect(guessed).toBeGreaterThanOrEqual(8);
    expect(guessed).toBeLessThanOrEqual(60);
  });

  it("writes a header-only sheet for an empty list", async () => {
    const sheet = (await readXlsx(await toXlsx(columns, [], { title: "Vide" }))).worksheets[0];
    expect(sheet.rowCount).toBe(1);
  });

  it("derives a valid sheet name from the title", () => {
    expect(sheetName("Demandes de reprise ITAC / OPALES : novembre 2026 [brouillon]")).toBe(
      "Demandes de reprise ITAC OPALES",
    );
    expect(sheetName("Demandes de reprise ITAC / OPALES : novembre 2026").length).toBeLessThanOrEqual(31);
    expect(sheetName("a*b?c\\d")).toBe("a b c d");
    expect(sheetName("'Citation'")).toBe("Citation");
    expect(sheetName("[]:*?/\\")).toBe("Export");
    expect(sheetName("History")).toBe("History (export)");
  });

  it("accepts a long, punctuated title", async () => {
    const title = "Suivi des pilotes Ségur : grappe « Alsace » / 2026 ? [v2]";
    const sheet = (await readXlsx(await toXlsx(columns, rows, { title }))).worksheets[0];
    expect(sheet.name).toBe(sheetName(title));
    expect(sheet.name.length).toBeLessThanOrEqual(31);
    expect(sheet.name).not.toMatch(/[\\/?*[\]:]/);
  });
});

// --- PDF text extraction (uncompressed output) ---------------------------------------------

// Node's TextDecoder treats windows-1252 as Latin-1, so map the 0x80–0x9F block by hand.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
function decodeWinAnsi(hex: string): string {
  let out = "";
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    out += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return out;
}

/** Every text-showing operation of an uncompressed pdfkit file, decoded. */
function pdfTexts(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const texts: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const hexes = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [match[2]];
    texts.push(hexes.map(decodeWinAnsi).join(""));
  }
  return texts;
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
}

describe("PDF", () => {
  type Line = { n: number; label: string };
  const lineColumns: ExportColumn<Line>[] = [
    { header: "N°", value: (r) => r.n, width: 6 },
    { header: "Libellé", value: (r) => r.label, width: 40 },
    { header: "Échéance", value: () => new Date("2026-05-24T22:00:00Z") },
  ];
  const many: Line[] = Array.from({ length: 200 }, (_, i) => ({ n: i + 1, label: `Ligne numéro ${i + 1}` }));

  it("starts with %PDF- and paginates 200 rows with the header and footer on every page", async () => {
    const pdf = await toPdf(lineColumns, many, {
      title: "Liste longue",
      compress: false,
      generatedAt: new Date("2026-11-22T13:05:00Z"),
    });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pageCount(pdf);
    // 24 rows fit under the title on page 1, 27 on each following page: 24 + 6 × 27 = 186, so 8.
    expect(pages).toBe(8);

    const texts = pdfTexts(pdf);
    for (let page = 1; page <= pages; page += 1) expect(texts).toContain(`Page ${page} / ${pages}`);
    expect(texts.filter((t) => t === "Libellé")).toHaveLength(pages); // header repeated
    expect(texts.filter((t) => t === "Échéance")).toHaveLength(pages);
    for (const row of many)
      expect(
        texts.filter((t) => t === row.label),
        row.label,
      ).toHaveLength(1);
    expect(texts).toContain("Liste longue");
    expect(texts).toContain("25/05/2026");
    expect(texts.some((t) => t.startsWith("Généré le 22/11/2026 à 14:05"))).toBe(true);
  });

  it("fits a short list on one page and says when a list is empty", async () => {
    const one = await toPdf(lineColumns, many.slice(0, 10), { title: "Courte", compress: false });
    expect(pageCount(one)).toBe(1);
    expect(pdfTexts(one)).toContain("Page 1 / 1");
    const empty = await toPdf(lineColumns, [], { title: "Vide", compress: false });
    expect(pageCount(empty)).toBe(1);
    expect(pdfTexts(empty)).toContain("Aucune donnée.");
  });

  it("prints French text with Helvetica's WinAnsi encoding", async () => {
    const pdf = await toPdf(
      [{ header: "Texte", value: (s: string) => s }],
      ["Générée à Noël", "Œuvre « cœur » — 12 €", "L’élève", "=1+1"],
      { title: "Accents éèàçùÉ", subtitle: "Sous-titre : ça marche", compress: false },
    );
    const texts = pdfTexts(pdf);
    expect(texts).toContain("Accents éèàçùÉ");
    expect(texts).toContain("Sous-titre : ça marche");
    expect(texts).toContain("Générée à Noël");
    expect(texts).toContain("Œuvre « cœur » — 12 €");
    expect(texts).toContain("L’élève");
    expect(texts).toContain("=1+1"); // the PDF shows text as it is
  });

  it("wraps long cells over several lines instead of overflowing", async () => {
    const words = Array.from({ length: 120 }, (_, i) => `mot${i + 1}`);
    const long = words.join(" ");
    const pdf = await toPdf(
      [
        { header: "Court", value: () => "x", width: 10 },
        { header: "Long", value: (s: string) => s, width: 10 },
      ],
      [long],
      {
        title: "Retour à la ligne",
        compress: false,
      },
    );
    const pieces = pdfTexts(pdf).filter((t) => t.startsWith("mot"));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.map((t) => t.trim()).join(" ")).toBe(long);
  });

  it("cuts a cell taller than a page instead of looping or overflowing", async () => {
    const huge = Array.from({ length: 6000 }, (_, i) => `mot${i}`).join(" ");
    const pdf = await toPdf([{ header: "Texte", value: (s: string) => s }], [huge, "après"], {
      title: "Très long",
      compress: false,
    });
    expect(pageCount(pdf)).toBe(2); // the cut row fills page 1, the next row goes to page 2
    const texts = pdfTexts(pdf);
    expect(texts).toContain("Page 2 / 2");
    expect(texts).toContain("après");
    expect(texts.filter((t) => t === "Texte")).toHaveLength(2);
    expect(texts.some((t) => t.includes("mot5999"))).toBe(false); // cut, not overflowing
  });

  it("compresses by default and still has the same pages", async () => {
    const pdf = await toPdf(lineColumns, many, { title: "Liste longue" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(8);
  });

  it("replaces characters Helvetica cannot print", () => {
    expect(pdfSafeText("a\u202F: b")).toBe("a : b"); // narrow no-break space
    expect(pdfSafeText("ﬁchier")).toBe("fichier");
    expect(pdfSafeText("e\u0301t\u00E9")).toBe("été"); // decomposed accents are composed
    expect(pdfSafeText("x \u2212 y → z")).toBe("x - y -> z");
    expect(pdfSafeText("ok 🙂")).toBe("ok ?");
    expect(pdfSafeText("a\tb\r\nc")).toBe("a b\nc");
  });
});

describe("exportResponse", () => {
  it("returns a CSV attachment with an ASCII and a UTF-8 file name", async () => {
    const response = await exportResponse({
      format: "csv",
      filename: "demandes-élèves",
      title: "Demandes",
      columns,
      rows,
    });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="demandes-eleves.csv"; filename*=UTF-8''demandes-%C3%A9l%C3%A8ves.csv`,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get("Content-Length")).toBe(String(bytes.byteLength));
    expect(new TextDecoder().decode(bytes)).toBe(toCsv(columns, rows).slice(1)); // TextDecoder drops the BOM
  });

  it("returns XLSX and PDF with their content types, without doubling the extension", async () => {
    const xlsx = await exportResponse({ format: "xlsx", filename: "liste.xlsx", title: "Liste", columns, rows });
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers.get("Content-Disposition")).toContain('filename="liste.xlsx"');
    const workbook = await readXlsx(Buffer.from(await xlsx.arrayBuffer()));
    expect(workbook.worksheets[0].rowCount).toBe(rows.length + 1);

    const pdf = await exportResponse({ format: "pdf", filename: "liste", title: "Liste", columns, rows });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toContain('filename="liste.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
  });

  it("makes safe Content-Disposition values", () => {
    expect(contentDisposition('Rapport "final" 2026 (v2).pdf')).toBe(
      `attachment; filename="Rapport-final-2026-v2.pdf"; filename*=UTF-8''Rapport%20final%202026%20%28v2%29.pdf`,
    );
    expect(contentDisposition("../../etc/passwd")).toBe(
      `attachment; filename="etc-passwd"; filename*=UTF-8''etc-passwd`,
    );
    expect(contentDisposition("Œuvre’s.csv")).toMatch(
      /^attachment; filename="[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''%C5%92uvre%E2%80%99s\.csv$/,
    );
    expect(contentDisposition("")).toBe(`attachment; filename="export"; filename*=UTF-8''export`);
  });
});

describe("parseExportFormat", () => {
  it("accepts the three formats, case-insensitively, and nothing else", () => {
    expect(parseExportFormat("csv")).toBe("csv");
    expect(parseExportFormat(" XLSX ")).toBe("xlsx");
    expect(parseExportFormat("pdf")).toBe("pdf");
    expect(parseExportFormat("xls")).toBeNull();
    expect(parseExportFormat("")).toBeNull();
    expect(parseExportFormat(null)).toBeNull();
  });
});

describe("exportFormatOf", () => {
  it("reads the format an export route's URL asks for, and answers 400 in French to any other", async () => {
    expect(exportFormatOf(new URL("http://localhost/admin/personnes/export?format=XLSX"))).toBe("xlsx");
    for (const query of ["?format=xls", ""]) {
      let thrown: unknown;
      try {
        exportFormatOf(new URL(`http://localhost/admin/personnes/export${query}`));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
      expect(await (thrown as Response).text()).toBe("Format d'export inconnu : choisissez csv, xlsx ou pdf.");
    }
  });
});
