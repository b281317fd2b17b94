/**
 * Ségur expiries on the calendar and in the ICS feeds (provider "segur", issue 11): the day each
 * certificate or card of the pilots the person reads expires, with who keeps its password or
 * holds it. The reminders before it (decision 037) go by mail; the calendar shows the expiry.
 */
import { rangeDays, allDayEntry, type CalendarEntry, type CalendarProvider } from "~/modules/calendar/entry";
import { dayLabel } from "~/utils/format";
import { expiringCredentialsFor } from "./queries/pilot-records.server";
import { CREDENTIAL_KIND_VOCABULARY, type CredentialKind } from "./vocabulary";

export const SEGUR_CALENDAR_KINDS = {
  "segur-expiration": { label: "Expiration d'un certificat ou d'une carte Ségur", colour: "orange-terre-battue" },
} as const;

export const segurCalendarProvider: CalendarProvider = {
  id: "segur",
  label: "Pilotes Ségur",
  kinds: SEGUR_CALENDAR_KINDS,
  async entriesFor(user, range) {
    if (!(range.from < range.to)) return [];
    const { firstDay, lastDay } = rangeDays(range);
    const credentials = await expiringCredentialsFor(user, { from: firstDay, expiringBy: lastDay });
    return credentials.map((c): CalendarEntry => {
      const what = CREDENTIAL_KIND_VOCABULARY.labels[c.kind as CredentialKind] ?? c.kind;
      const who = c.passwordKeeper
        ? `mot de passe gardé par ${c.passwordKeeper}`
        : c.holder
          ? `titulaire : ${c.holder}`
          : null;
      return allDayEntry(`segur-expiration-${c.id}`, c.expiresOn, {
        title: `Expiration : ${what} — ${c.legalEntityName}`,
        kind: "segur-expiration",
        url: `/segur/pilotes/${c.pilotCode}/certificats`,
        description: [
          `${what}${c.reference ? ` (${c.reference})` : ""} de ${c.legalEntityName}, délivré le ${dayLabel(c.issuedOn)}, expire le ${dayLabel(c.expiresOn)}.`,
          who ? `${who[0]!.toUpperCase()}${who.slice(1)}.` : null,
        ]
          .filter(Boolean)
          .join(" "),
      });
    });
  },
};
