import { describe, expect, test } from "vitest";
import { escapeHtml, renderMail } from "./render.server";
import {
  formatDateTimeFr,
  invitationMail,
  passwordChangedMail,
  passwordResetMail,
  twoFactorEnabledMail,
} from "./templates/account.server";

describe("renderMail", () => {
  test("a name containing HTML shows as text, never as markup", () => {
    const { html, text } = renderMail({
      preheader: `<img src=x onerror="alert(1)">`,
      greeting: "Bonjour <script>alert('x')</script>,",
      paragraphs: [`L'organisation « A & B » <b>gras</b>`, "ligne 1\nligne 2"],
      action: { label: `Ouvrir "ceci" <maintenant>`, url: `https://passerelles.example/a?b=1&c="2"` },
      closing: "<i>Signature</i>",
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>gras");
    expect(html).not.toContain("<i>Signature");
    expect(html).toContain("Bonjour &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;,");
    expect(html).toContain("« A &amp; B » &lt;b&gt;gras&lt;/b&gt;");
    expect(html).toContain('href="https://passerelles.example/a?b=1&amp;c=&quot;2&quot;"');
    expect(html).toContain("Ouvrir &quot;ceci&quot; &lt;maintenant&gt;");
    expect(html).toContain("ligne 1<br>ligne 2");
    // The text version is not HTML: nothing to escape there.
    expect(text).toContain("Bonjour <script>alert('x')</script>,");
  });

  test("the HTML version is a French page with the service and the CNSA in its header", () => {
    const { html } = renderMail({ paragraphs: ["Un paragraphe."] });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(
      /<header[^>]*>[\s\S]*Passerelles[\s\S]*Caisse nationale de solidarité pour l&#39;autonomie[\s\S]*<\/header>/,
    );
    expect(html).not.toMatch(/<table/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).toContain("L&#39;équipe Passerelles");
  });

  test("the text version puts the action URL alone on its line", () => {
    const url = "https://passerelles.example/invitation/abc123";
    const { text } = renderMail({
      greeting: "Bonjour Marie,",
      paragraphs: ["Premier paragraphe.", "Second paragraphe."],
      action: { label: "Activer mon compte", url },
    });
    const lines = text.split("\n");
    expect(lines).toContain(url);
    expect(lines[lines.indexOf(url) - 1]).toBe("Activer mon compte\u00a0:");
    expect(text).toContain("Bonjour Marie,\n\nPremier paragraphe.\n\nSecond paragraphe.");
    expect(text).toContain("L'équipe Passerelles");
    expect(text).not.toMatch(/<[a-z]/i);
  });

  test("a link that is not an absolute web address is refused", () => {
    expect(() => renderMail({ paragraphs: [], action: { label: "x", url: "javascript:alert(1)" } })).toThrow(/http/);
    expect(() => renderMail({ paragraphs: [], action: { label: "x", url: "/relative" } })).toThrow(/absolute/);
  });

  test("escapeHtml escapes the five special characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("account mails", () => {
  // 14:05 in Paris in winter (UTC+1) and in summer (UTC+2).
  const winter = new Date("2026-12-03T13:05:00Z");
  const summer = new Date("2026-07-14T12:05:00Z");
  const invitation = (to: { firstName: string; organisationName: string }) =>
    invitationMail({
      ...to,
      inviterName: "Jean Dupont",
      url: "https://passerelles.example/invitation/tok",
      validUntil: formatDateTimeFr(winter),
    });

  test("dates read in French, in Paris time", () => {
    expect(formatDateTimeFr(winter)).toBe("3 décembre 2026 à 14:05");
    expect(formatDateTimeFr(summer)).toBe("14 juillet 2026 à 14:05");
  });

  test("an invitation names the inviter and the organisation and gives the link and its expiry", () => {
    const mail = invitation({ firstName: "Marie", organisationName: "MDPH du Rhône" });
    expect(mail.subject).toBe("Invitation à rejoindre Passerelles (MDPH du Rhône)");
    for (const part of [
      "Bonjour Marie,",
      "Jean Dupont vous invite à rejoindre Passerelles",
      "«\u00a0MDPH du Rhône\u00a0»",
      "3 décembre 2026 à 14:05",
      "\nhttps://passerelles.example/invitation/tok\n",
      "Si vous n'attendiez pas cette invitation",
    ])
      expect(mail.text).toContain(part);
    expect(mail.html).toContain('href="https://passerelles.example/invitation/tok"');
    expect(mail.html).toContain("Activer mon compte");
  });

  test("an organisation name with markup is escaped in the invitation", () => {
    const mail = invitation({ firstName: "<Marie>", organisationName: "A&B <script>" });
    expect(mail.html).toContain("A&amp;B &lt;script&gt;");
    expect(mail.html).toContain("Bonjour &lt;Marie&gt;,");
    expect(mail.html).not.toContain("<script>");
  });

  test.each([
    {
      mail: "a password reset mail gives the link and says until when it works",
      built: () =>
        passwordResetMail({
          firstName: "Marie",
          url: "https://passerelles.example/reset/tok",
          validUntil: formatDateTimeFr(summer),
        }),
      subject: "Réinitialisation de votre mot de passe Passerelles",
      parts: [
        "14 juillet 2026 à 14:05",
        "\nhttps://passerelles.example/reset/tok\n",
        "Si vous n'êtes pas à l'origine de cette demande",
      ],
    },
    {
      mail: "a password-changed mail says what to do if it was not you",
      built: () => passwordChangedMail({ firstName: "Marie", at: winter }),
      subject: "Votre mot de passe Passerelles a été modifié",
      parts: [
        "modifié le 3 décembre 2026 à 14:05",
        "Si ce n'est pas vous",
        "réinitialisez tout de suite votre mot de passe",
        "prévenez l'administrateur de votre organisation",
      ],
    },
    {
      mail: "a two-factor mail says when it was enabled and what to do if it was not you",
      built: () => twoFactorEnabledMail({ firstName: "", at: summer }),
      subject: "Validation en deux étapes activée sur votre compte Passerelles",
      parts: ["Bonjour,", "le 14 juillet 2026 à 14:05", "Si ce n'est pas vous"],
    },
  ])("$mail", ({ built, subject, parts }) => {
    const mail = built();
    expect(mail.subject).toBe(subject);
    for (const part of parts) expect(mail.text).toContain(part);
  });
});
