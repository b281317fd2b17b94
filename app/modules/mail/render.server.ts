/**
 * The layout shared by every mail: a plain-text version that reads well on its own and a
 * simple HTML version (no layout tables, inline styles only, since mail clients drop
 * style sheets). Every value is escaped; callers pass plain text, never HTML.
 */
import { oneLine, withoutControlCharacters } from "~/utils/forms";

export const SERVICE_NAME = "Passerelles";
export const ORGANISATION_NAME = "Caisse nationale de solidarité pour l'autonomie";

export type MailContent = {
  /** The short line mail clients show after the subject in the inbox. */
  preheader?: string;
  /** "Bonjour Marie," */
  greeting?: string;
  /** Plain text; a line break inside a paragraph is kept. */
  paragraphs: string[];
  /** One call to action, shown as a button and as a plain URL. */
  action?: { label: string; url: string };
  /** Short remarks shown after the action ("if you did not expect this mail…"). */
  notes?: string[];
  /** Defaults to "L'équipe Passerelles". */
  closing?: string;
};

export type RenderedMail = { text: string; html: string };

const DEFAULT_CLOSING = `L'équipe ${SERVICE_NAME}`;
const FOOTER = `Ce message vous a été envoyé automatiquement par ${SERVICE_NAME}. Merci de ne pas y répondre.`;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

function paragraphHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>");
}

// Mail links must be absolute web links: a relative or javascript: URL is a programming error.
function checkActionUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`renderMail: action URL must be absolute, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`renderMail: action URL must use http(s), got ${JSON.stringify(url)}`);
  }
  return url;
}

const FONT = "font-family:Marianne,Arial,Helvetica,sans-serif";
const BLUE = "#000091"; // DSFR "bleu France"

/**
 * Mails quote stored names and texts; a control character among them (typed before they were
 * refused, see app/utils/forms.ts) is turned into a space rather than sent: some SMTP servers
 * refuse a message that holds one.
 */
function cleaned(content: MailContent): MailContent {
  return {
    ...content,
    preheader: content.preheader === undefined ? undefined : oneLine(content.preheader),
    greeting: content.greeting === undefined ? undefined : withoutControlCharacters(content.greeting),
    paragraphs: content.paragraphs.map(withoutControlCharacters),
    action: content.action && { ...content.action, label: oneLine(content.action.label) },
    notes: content.notes?.map(withoutControlCharacters),
    closing: content.closing === undefined ? undefined : withoutControlCharacters(content.closing),
  };
}

export function renderMail(raw: MailContent): RenderedMail {
  const content = cleaned(raw);
  const closing = content.closing ?? DEFAULT_CLOSING;
  const actionUrl = content.action ? checkActionUrl(content.action.url) : null;

  const textParts: string[] = [];
  if (content.greeting) textParts.push(content.greeting);
  textParts.push(...content.paragraphs);
  if (content.action && actionUrl) textParts.push(`${content.action.label}\u00a0:\n${actionUrl}`);
  textParts.push(...(content.notes ?? []));
  textParts.push(closing);
  const text = [`${SERVICE_NAME} — ${ORGANISATION_NAME}`, "", textParts.join("\n\n"), "", "-- ", FOOTER, ""].join("\n");

  const html = [
    "<!DOCTYPE html>",
    '<html lang="fr">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(SERVICE_NAME)}</title>`,
    "</head>",
    `<body style="margin:0;padding:0;background-color:#f6f6f6;color:#161616;${FONT};font-size:16px;line-height:1.5">`,
    content.preheader
      ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:transparent">${escapeHtml(
          content.preheader,
        )}</div>`
      : "",
    '<div style="max-width:600px;margin:0 auto;padding:24px 16px">',
    `<header style="border-bottom:4px solid ${BLUE};padding-bottom:12px;margin-bottom:24px">`,
    `<p style="margin:0;font-size:22px;font-weight:bold;color:${BLUE}">${escapeHtml(SERVICE_NAME)}</p>`,
    `<p style="margin:4px 0 0;font-size:14px;color:#3a3a3a">${escapeHtml(ORGANISATION_NAME)}</p>`,
    "</header>",
    '<main style="background-color:#ffffff;padding:24px;border:1px solid #dddddd">',
    content.greeting ? `<p style="margin:0 0 16px">${paragraphHtml(content.greeting)}</p>` : "",
    ...content.paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${paragraphHtml(paragraph)}</p>`),
    content.action && actionUrl
      ? [
          '<p style="margin:24px 0">',
          `<a href="${escapeHtml(
            actionUrl,
          )}" style="display:inline-block;background-color:${BLUE};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px">${escapeHtml(
            content.action.label,
          )}</a>`,
          "</p>",
          '<p style="margin:0 0 16px;font-size:14px;color:#3a3a3a">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:<br>',
          `<span style="word-break:break-all">${escapeHtml(actionUrl)}</span></p>`,
        ].join("\n")
      : "",
    ...(content.notes ?? []).map((note) => `<p style="margin:0 0 16px">${paragraphHtml(note)}</p>`),
    `<p style="margin:24px 0 0">${paragraphHtml(closing)}</p>`,
    "</main>",
    `<footer style="padding-top:16px;font-size:12px;color:#666666"><p style="margin:0">${escapeHtml(
      FOOTER,
    )}</p></footer>`,
    "</div>",
    "</body>",
    "</html>",
  ]
    .filter((line) => line !== "")
    .join("\n");

  return { text, html };
}
