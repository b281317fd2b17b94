/**
 * A group's meetings (compte rendu du 23/03/2007): date and place, agenda, attendees taken
 * from the directory, minutes, positions and decisions — written in the editor — and the
 * actions decided (actions.server.ts). The pilot or the coordinator convenes and records them;
 * every person who reads the group reads them.
 */
import { storedWorkflow } from "~/modules/workflow/queries.server";
import { z } from "zod";
import type { SessionUser } from "~/modules/auth/session.server";
import { actorOf, recordAudit } from "~/modules/journal/audit.server";
import { parseRichText, plainText } from "~/modules/richtext/render.server";
import { writeThenWake } from "~/modules/workflow/after-commit.server";
import { now as clockNow } from "~/utils/clock.server";
import { prisma, writeTransaction, type Tx } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { singleLineText } from "~/utils/forms";
import { isIsoDate, parisDate, parisInstant } from "~/utils/working-days";
import { refusal, success, type Result, invalidFields } from "~/utils/result";
import { type MeetingFields } from "./forms.server";
import { openGroupIn, pilotGroup, recordOfGroup } from "./group-queries.server";
import { sendGroupMail } from "./mails.server";
import { uniqueAddresses } from "~/modules/mail/recipients.server";
import { involvedOrganisationIds } from "./recipients.server";

export type MeetingInput = MeetingFields & { agenda: string };
export type MeetingRecordInput = { minutes: string; decisions: string; attendeeIds: string[] };

export const MEETING_NOT_FOUND = "Cette réunion est introuvable.";

const STALE =
  "Le compte rendu a été modifié par quelqu'un d'autre pendant que vous le rédigiez. Rechargez la page pour voir la dernière version, puis recommencez.";

/** What the pages show of an attendee, chosen or listed. */
const attendeeFields = { id: true, firstName: true, lastName: true, jobTitle: true } as const;

/** The people who may be listed as attendees: the member and pilot organisations' people, and the CNSA's. */
export async function attendeeChoices(groupId: string) {
  const organisationIds = await involvedOrganisationIds(prisma, groupId);
  const people = await prisma.user.findMany({
    where: { active: true, organisation: { active: true, OR: [{ id: { in: organisationIds } }, { kind: "CNSA" }] } },
    select: { ...attendeeFields, organisation: { select: { id: true, name: true, shortName: true, kind: true } } },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
  });
  const byOrganisation = new Map<
    string,
    {
      organisation: { id: string; name: string; shortName: string; kind: string };
      people: { id: string; name: string; jobTitle: string | null }[];
    }
  >();
  for (const p of people) {
    const entry = byOrganisation.get(p.organisation.id) ?? { organisation: p.organisation, people: [] };
    entry.people.push({ id: p.id, name: `${p.firstName} ${p.lastName}`, jobTitle: p.jobTitle });
    byOrganisation.set(p.organisation.id, entry);
  }
  return [...byOrganisation.values()].sort((a, b) =>
    a.organisation.kind === "CNSA"
      ? -1
      : b.organisation.kind === "CNSA"
        ? 1
        : a.organisation.name.localeCompare(b.organisation.name, "fr"),
  );
}

/** The refusal when someone chosen is not among the group's organisations' people; null when all are. */
async function outsideAttendees(tx: Tx, groupId: string, attendeeIds: string[]) {
  const allowed = new Set((await attendeeChoices(groupId)).flatMap((o) => o.people.map((p) => p.id)));
  if (attendeeIds.every((id) => allowed.has(id))) return null;
  return invalidFields({ attendeeIds: "Une des personnes choisies ne fait pas partie des organisations du groupe." });
}

function requireRichText(json: string, label: string): { ok: true; value: string } | { ok: false; message: string } {
  const document = parseRichText(json);
  if (!document)
    return { ok: false, message: `Le texte « ${label} » n'a pas pu être lu : rechargez la page, puis recommencez.` };
  return { ok: true, value: JSON.stringify(document) };
}

export async function createMeeting(
  user: SessionUser,
  code: string,
  input: MeetingInput,
): Promise<Result<{ id: string }>> {
  const found = await pilotGroup(user, code, "organise ses réunions");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const startsAt = parisInstant(input.date, input.startTime);
  const endsAt = parisInstant(input.date, input.endTime);
  if (endsAt <= startsAt) return invalidFields({ endTime: "L'heure de fin doit suivre l'heure de début." });
  const agenda = requireRichText(input.agenda, "Ordre du jour");
  if (!agenda.ok) return { ok: false, message: agenda.message, errors: { agenda: agenda.message } };
  if (plainText(JSON.parse(agenda.value)) === "")
    return invalidFields({ agenda: "Rédigez l'ordre du jour de la réunion." });
  const now = clockNow();
  return writeThenWake(async (tx): Promise<Result<{ id: string }>> => {
    const open = await openGroupIn(tx, groupId, "ne tient plus de réunion");
    if (!open.ok) return open;
    const group = open.value;
    const outsiders = await outsideAttendees(tx, groupId, input.attendeeIds);
    if (outsiders) return outsiders;
    const meeting = await tx.meeting.create({
      data: {
        groupId,
        startsAt,
        endsAt,
        place: input.place,
        agenda: agenda.value,
        createdById: user.id,
        attendees: { create: [...new Set(input.attendeeIds)].map((userId) => ({ userId })) },
      },
    });
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: "reunion-creee",
        entityType: "Reunion",
        entityId: meeting.id,
        data: { groupe: group.code, debut: startsAt.toISOString(), participants: input.attendeeIds.length },
      },
      now,
    );
    if (startsAt > now && input.attendeeIds.length > 0) {
      const people = await tx.user.findMany({ where: { id: { in: input.attendeeIds } }, select: { email: true } });
      await sendGroupMail(tx, {
        template: "reunion",
        to: uniqueAddresses(people.map((p) => p.email)),
        subject: `Réunion du ${formatDateTime(startsAt)}`,
        paragraphs: [
          `Vous êtes convié(e) à la réunion du groupe « ${group.name} » le ${formatDateTime(startsAt)} (fin prévue à ${input.endTime}), lieu : ${input.place}.`,
          `Ordre du jour :\n${plainText(JSON.parse(agenda.value))}`,
        ],
        group,
        link: { label: "Voir la réunion", path: `/groupes/${group.code}/reunions/${meeting.id}` },
        related: { type: "Reunion", id: meeting.id },
        now,
      });
    }
    return success({ id: meeting.id });
  });
}

/** The meeting if this person may read its group; 404 otherwise. */
export async function getMeeting(user: SessionUser, code: string, meetingId: string) {
  const found = await recordOfGroup(
    user,
    code,
    (groupId) =>
      prisma.meeting.findFirst({
        where: { id: meetingId, groupId },
        include: {
          group: { select: { id: true, code: true, name: true, workflow: { select: { status: true } } } },
          attendees: {
            include: {
              user: {
                select: {
                  ...attendeeFields,
                  email: true,
                  organisation: { select: { id: true, name: true, shortName: true, departementCode: true } },
                },
              },
            },
          },
          actionItems: {
            orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }],
            include: {
              workflow: { select: { status: true, ...storedWorkflow } },
              organisations: { include: { organisation: { select: { id: true, shortName: true, name: true } } } },
            },
          },
        },
      }),
    MEETING_NOT_FOUND,
  );
  if (!found.ok) return found;
  const { record: meeting, access } = found.value;
  const attendees = meeting.attendees
    .map((a) => a.user)
    .sort(
      (a, b) =>
        a.organisation.name.localeCompare(b.organisation.name, "fr") || a.lastName.localeCompare(b.lastName, "fr"),
    );
  return success({ ...meeting, attendees, access, today: parisDate(clockNow()) });
}

/** Minutes, positions and decisions, and who actually attended. */
export async function recordMinutes(
  user: SessionUser,
  code: string,
  meetingId: string,
  input: MeetingRecordInput,
  expectedRowVersion: number,
): Promise<Result> {
  const found = await pilotGroup(user, code, "rédige le compte rendu");
  if (!found.ok) return found;
  const { groupId } = found.value;
  const minutes = requireRichText(input.minutes, "Compte rendu");
  if (!minutes.ok) return { ok: false, message: minutes.message, errors: { minutes: minutes.message } };
  const decisions = requireRichText(input.decisions, "Positions, orientations et décisions");
  if (!decisions.ok) return { ok: false, message: decisions.message, errors: { decisions: decisions.message } };
  const now = clockNow();
  return writeTransaction(async (tx): Promise<Result> => {
    const meeting = await tx.meeting.findFirst({ where: { id: meetingId, groupId }, select: { id: true } });
    if (!meeting) return refusal("INTROUVABLE", MEETING_NOT_FOUND);
    const outsiders = await outsideAttendees(tx, groupId, input.attendeeIds);
    if (outsiders) return outsiders;
    const updated = await tx.meeting.updateMany({
      where: { id: meetingId, rowVersion: expectedRowVersion },
      data: { minutes: minutes.value, decisions: decisions.value, rowVersion: { increment: 1 } },
    });
    if (updated.count !== 1) return { ok: false, code: "PERIME", message: STALE };
    await tx.meetingAttendee.deleteMany({ where: { meetingId } });
    for (const userId of new Set(input.attendeeIds)) await tx.meetingAttendee.create({ data: { meetingId, userId } });
    await recordAudit(
      tx,
      {
        actor: actorOf(user),
        action: "reunion-compte-rendu",
        entityType: "Reunion",
        entityId: meetingId,
        data: { participants: input.attendeeIds.length },
      },
      now,
    );
    return { ok: true, value: undefined };
  });
}

/** The organisations an action may be given to: the group's members and pilot. */
export async function actionOwnerChoices(groupId: string) {
  const ids = await involvedOrganisationIds(prisma, groupId);
  return prisma.organisation.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
