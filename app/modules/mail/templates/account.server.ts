/**
 * Mails about a person's account. Each returns what enqueueMail needs besides the
 * recipients; the caller enqueues it in the transaction that makes the change.
 */
import { renderMail, SERVICE_NAME } from "../render.server";

export type AccountMail = { subject: string; text: string; html: string };

const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  dateStyle: "long",
  timeStyle: "short",
});

/** "3 décembre 2026 à 14:05", in Paris time whatever the server's time zone. */
export function formatDateTimeFr(date: Date): string {
  return dateTimeFormat.format(date);
}

function greeting(firstName: string) {
  const name = firstName.trim();
  return name ? `Bonjour ${name},` : "Bonjour,";
}

export function invitationMail({
  firstName,
  inviterName,
  organisationName,
  url,
  validUntil,
}: {
  firstName: string;
  inviterName: string;
  organisationName: string;
  /** The link and its end of validity as written in the mail; queued mails hold placeholders (decision 010). */
  url: string;
  validUntil: string;
}): AccountMail {
  const subject = `Invitation à rejoindre ${SERVICE_NAME} (${organisationName})`;
  return {
    subject,
    ...renderMail({
      preheader: `${inviterName} vous invite à rejoindre ${SERVICE_NAME}.`,
      greeting: greeting(firstName),
      paragraphs: [
        `${inviterName} vous invite à rejoindre ${SERVICE_NAME} au titre de l'organisation «\u00a0${organisationName}\u00a0».`,
        `${SERVICE_NAME} est le service de la Caisse nationale de solidarité pour l'autonomie qui organise les échanges de données entre la CNSA, les MDPH et leurs partenaires.`,
        `Pour activer votre compte et choisir votre mot de passe, utilisez le lien ci-dessous. Il est personnel et valable jusqu'au ${validUntil} (heure de Paris).`,
      ],
      action: { label: "Activer mon compte", url },
      notes: [
        "Si vous n'attendiez pas cette invitation, vous pouvez ignorer ce message\u00a0: aucun compte ne sera créé.",
      ],
    }),
  };
}

export function passwordResetMail({
  firstName,
  url,
  validUntil,
}: {
  firstName: string;
  url: string;
  validUntil: string;
}): AccountMail {
  return {
    subject: `Réinitialisation de votre mot de passe ${SERVICE_NAME}`,
    ...renderMail({
      preheader: "Choisissez un nouveau mot de passe.",
      greeting: greeting(firstName),
      paragraphs: [
        `Une réinitialisation du mot de passe de votre compte ${SERVICE_NAME} a été demandée.`,
        `Pour choisir un nouveau mot de passe, utilisez le lien ci-dessous. Il ne peut servir qu'une fois et reste valable jusqu'au ${validUntil} (heure de Paris).`,
      ],
      action: { label: "Choisir un nouveau mot de passe", url },
      notes: [
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message\u00a0: votre mot de passe actuel reste valable.",
      ],
    }),
  };
}

export function passwordChangedMail({ firstName, at }: { firstName: string; at: Date }): AccountMail {
  return {
    subject: `Votre mot de passe ${SERVICE_NAME} a été modifié`,
    ...renderMail({
      preheader: "Votre mot de passe vient d'être modifié.",
      greeting: greeting(firstName),
      paragraphs: [
        `Le mot de passe de votre compte ${SERVICE_NAME} a été modifié le ${formatDateTimeFr(at)} (heure de Paris).`,
        "Si vous êtes à l'origine de cette modification, vous n'avez rien à faire.",
        "Si ce n'est pas vous, quelqu'un d'autre a peut-être accès à votre compte\u00a0: réinitialisez tout de suite votre mot de passe depuis la page de connexion («\u00a0Mot de passe oublié\u00a0?\u00a0») et prévenez l'administrateur de votre organisation.",
      ],
    }),
  };
}

export function twoFactorEnabledMail({ firstName, at }: { firstName: string; at: Date }): AccountMail {
  return {
    subject: `Validation en deux étapes activée sur votre compte ${SERVICE_NAME}`,
    ...renderMail({
      preheader: "La validation en deux étapes protège désormais votre compte.",
      greeting: greeting(firstName),
      paragraphs: [
        `La validation en deux étapes a été activée sur votre compte ${SERVICE_NAME} le ${formatDateTimeFr(at)} (heure de Paris).`,
        "Désormais, à chaque connexion, un code à usage unique fourni par votre application d'authentification vous sera demandé en plus de votre mot de passe.",
        "Si ce n'est pas vous, quelqu'un d'autre a peut-être accès à votre compte\u00a0: réinitialisez tout de suite votre mot de passe depuis la page de connexion («\u00a0Mot de passe oublié\u00a0?\u00a0») et prévenez l'administrateur de votre organisation.",
      ],
    }),
  };
}
