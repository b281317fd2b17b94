/**
 * Mails that carry a secret: invitation and reset links (docs/decisions/010).
 *
 * Such a mail is queued with placeholders where the link and its expiry go, and with the
 * description of the link to make ("a reset link for person X"). The sender mints the token
 * when it hands the mail to the SMTP server and fills the placeholders in memory only, so the
 * outbox, its administration pages, exports and backups never hold a usable link. Each
 * attempt mints a new token, which replaces the previous one: the latest mail is the one
 * that works.
 */
import { now as clockNow } from "~/utils/clock.server";
import { writeTransaction, type Tx } from "~/utils/db.server";
import { env, type Env } from "~/utils/env.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { formatDateTimeFr } from "~/modules/mail/templates/account.server";
import { issueActionToken, type ActionTokenKind } from "./action-tokens.server";

export const MAILED_LINK_KINDS = ["INVITATION", "REINITIALISATION"] as const satisfies readonly ActionTokenKind[];
export type MailedLinkKind = (typeof MAILED_LINK_KINDS)[number];

/** What the outbox stores about the link: enough to mint it, nothing that opens anything. */
export type MailedLink = { kind: MailedLinkKind; userId: string; issuedById?: string | null };

/** The pages that take a single-use token, one per kind. */
export const MAILED_LINK_PATHS: Record<MailedLinkKind, string> = {
  INVITATION: "/invitation/",
  REINITIALISATION: "/reinitialisation/",
};

/** How administrators read the kind of link a mail carries. */
export const MAILED_LINK_LABELS: Record<MailedLinkKind, string> = {
  INVITATION: "lien d'activation du compte (invitation)",
  REINITIALISATION: "lien de réinitialisation du mot de passe",
};

/** Stand-ins written in the stored bodies; readable by administrators, useless to anyone. */
export const LINK_PLACEHOLDER = "{lien-personnel}";
export const LINK_EXPIRY_PLACEHOLDER = "{fin-de-validite-du-lien}";

/** The link as it is written into a queued mail: the page, with the placeholder for the token. */
export function mailedLinkUrl(kind: MailedLinkKind) {
  return `${env().appUrl}${MAILED_LINK_PATHS[kind]}${LINK_PLACEHOLDER}`;
}

// A token is `<id>.<secret>` in lowercase base32 (tokens.server.ts); calendar feed tokens are
// one base32 run. Any of them after its page's path is a usable link.
const LIVE_LINK = new RegExp(
  `(?:${Object.values(MAILED_LINK_PATHS)
    .map((path) => path.replace(/\//g, "\\/"))
    .join("|")})[a-z2-7]{10,64}\\.[a-z2-7]{10,64}|\\/calendrier\\/flux\\/[a-z2-7]{20,64}`,
);

/** True when the text holds a usable secret link (the class of mistake decision 010 forbids). */
export function holdsLiveLink(text: string) {
  return LIVE_LINK.test(text);
}

export function isMailedLinkKind(value: unknown): value is MailedLinkKind {
  return (MAILED_LINK_KINDS as readonly unknown[]).includes(value);
}

/** Puts a freshly minted link into a body, at send time and in memory only. */
export function fillMailedLink(body: string, token: string, expiresAt: Date) {
  return body.split(LINK_PLACEHOLDER).join(token).split(LINK_EXPIRY_PLACEHOLDER).join(formatDateTimeFr(expiresAt));
}

export type MintedLink = { ok: true; token: string; expiresAt: Date } | { ok: false; reason: string };

/**
 * Mints the token of a queued mail's link, inside the sender's transaction. The person may
 * have changed since the mail was queued: no link is made for a deactivated person, nor an
 * invitation for someone who has already activated their account.
 */
export async function mintMailedLink(tx: Tx, link: MailedLink, now: Date): Promise<MintedLink> {
  const user = await tx.user.findUnique({ where: { id: link.userId }, select: { active: true, passwordHash: true } });
  if (!user) return { ok: false, reason: "Lien non créé : la personne n'existe plus." };
  if (!user.active) return { ok: false, reason: "Lien non créé : le compte de la personne est désactivé." };
  if (link.kind === "INVITATION" && user.passwordHash)
    return { ok: false, reason: "Lien non créé : la personne a déjà activé son compte." };
  const { token, expiresAt } = await issueActionToken(tx, {
    kind: link.kind,
    userId: link.userId,
    createdById: link.issuedById ?? null,
    now,
  });
  return { ok: true, token, expiresAt };
}

/**
 * Whether this instance keeps its mails in the local outbox, and may therefore show a mail's
 * link on demand. Only the demo and development do: production refuses to start without
 * SMTP_URL (env.server.ts), and both conditions are checked again here.
 */
export function localLinksAllowed(config: Env = env()) {
  return config.smtpUrl === null && (!config.isProduction || config.demoData);
}

export type RevealedLink = { ok: true; url: string; expiresAt: Date } | { ok: false; message: string };

/**
 * The demo's way to receive a link without a mail server: an administrator mints the link
 * of a mail kept in the local outbox; it is shown once and stored nowhere, and it replaces
 * any earlier link of that person and kind. Refused whenever mails really leave.
 */
export async function revealLocalMailLink(
  actor: { id: string; firstName: string; lastName: string },
  mailId: string,
): Promise<RevealedLink> {
  if (!localLinksAllowed()) {
    return {
      ok: false,
      message: "Les liens personnels ne partent que par courriel : ils ne peuvent pas être affichés ici.",
    };
  }
  const now = clockNow();
  return writeTransaction(async (tx): Promise<RevealedLink> => {
    const mail = await tx.outboxMail.findUnique({
      where: { id: mailId },
      select: { id: true, status: true, linkKind: true, linkUserId: true, linkIssuedById: true, relatedType: true },
    });
    if (!mail || !isMailedLinkKind(mail.linkKind) || !mail.linkUserId)
      return { ok: false, message: "Ce courriel ne contient pas de lien personnel." };
    if (mail.status !== "LOCAL")
      return { ok: false, message: "Seul un courriel conservé dans la boîte d'envoi locale peut afficher son lien." };
    const minted = await mintMailedLink(
      tx,
      { kind: mail.linkKind, userId: mail.linkUserId, issuedById: mail.linkIssuedById },
      now,
    );
    if (!minted.ok) return { ok: false, message: minted.reason };
    const user = await tx.user.findUniqueOrThrow({ where: { id: mail.linkUserId }, select: { organisationId: true } });
    await recordAudit(
      tx,
      {
        actor: actorOf(actor),
        action: "lien-personnel-affiche",
        entityType: "Utilisateur",
        entityId: mail.linkUserId,
        organisationId: user.organisationId,
        data: { courriel: mail.id, lien: mail.linkKind },
      },
      now,
    );
    return {
      ok: true,
      url: `${env().appUrl}${MAILED_LINK_PATHS[mail.linkKind]}${minted.token}`,
      expiresAt: minted.expiresAt,
    };
  });
}
