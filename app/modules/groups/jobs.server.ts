/**
 * The work groups' scheduled work: reminders before an action item's due day and the
 * overdue notice the day after. Each handler re-checks the item inside its transaction: an
 * item done, abandoned or postponed since the job was scheduled gets nothing.
 */
import { defineJobs } from "~/modules/scheduler/registry.server";
import type { Tx } from "~/utils/db.server";
import { parisDate } from "~/utils/working-days";
import { tagged } from "~/modules/workflow/queries.server";
import { dayCount, daysBetween } from "./labels";
import { sendGroupMail } from "./mails.server";
import { dayLabel } from "~/utils/format";
import { coordinators, organisationPeople, pilotsOf } from "./recipients.server";
import { GROUP_JOBS } from "./workflow.server";

async function openItem(tx: Tx, workflowId: string, dueOn: string) {
  // Postponed since (another due day): the reminders of the new due day do the job.
  return tx.actionItem.findFirst({
    where: { workflowId, dueOn, workflow: tagged("ouverte") },
    include: {
      workflow: { select: { status: true } },
      group: { select: { id: true, code: true, name: true } },
      organisations: { include: { organisation: { select: { id: true, shortName: true } } } },
    },
  });
}

const owners = (item: { organisations: { organisation: { shortName: string } }[] }) =>
  item.organisations.map((o) => o.organisation.shortName).join(", ");

export const groupJobs = defineJobs((job) => {
  job(GROUP_JOBS.actionReminder, "reminder", async (tx, payload, { now }) => {
    const { workflowId, dueOn } = payload as { workflowId: string; dueOn: string };
    const item = await openItem(tx, workflowId, dueOn);
    if (!item) return;
    const left = daysBetween(parisDate(now), dueOn);
    await sendGroupMail(tx, {
      template: "action-rappel",
      to: await organisationPeople(
        tx,
        item.organisations.map((o) => o.organisationId),
      ),
      subject: `Rappel : action à mener d'ici le ${dayLabel(dueOn)}`,
      paragraphs: [
        `Votre organisation est responsable de l'action « ${item.title} » (${owners(item)}), à mener au plus tard le ${dayLabel(dueOn)}${left > 0 ? `, dans ${dayCount(left)}` : ", aujourd'hui"}.`,
        "Une fois l'action menée, indiquez-le dans Passerelles ; si l'échéance ne peut pas être tenue, reportez-la.",
      ],
      group: item.group,
      link: { label: "Ouvrir l'action", path: `/groupes/${item.group.code}/actions/${item.id}` },
      related: { type: "ActionGroupe", id: item.id },
      now,
    });
  });

  job(GROUP_JOBS.actionOverdue, "deadline", async (tx, payload, { now }) => {
    const { workflowId, dueOn } = payload as { workflowId: string; dueOn: string };
    const item = await openItem(tx, workflowId, dueOn);
    if (!item) return;
    const late = daysBetween(dueOn, parisDate(now));
    await sendGroupMail(tx, {
      template: "action-en-retard",
      to: await organisationPeople(
        tx,
        item.organisations.map((o) => o.organisationId),
      ),
      cc: [...(await pilotsOf(tx, item.group.id)), ...(await coordinators(tx))],
      subject: `Action en retard : « ${item.title} »`,
      paragraphs: [
        `L'action « ${item.title} », confiée à ${owners(item)}, devait être menée au plus tard le ${dayLabel(dueOn)}. Elle n'est pas indiquée comme faite${late > 0 ? ` (${dayCount(late)} de retard)` : ""}.`,
        "Indiquez-la comme faite si elle l'est, reportez son échéance ou abandonnez-la en donnant le motif.",
      ],
      group: item.group,
      link: { label: "Ouvrir l'action", path: `/groupes/${item.group.code}/actions/${item.id}` },
      related: { type: "ActionGroupe", id: item.id },
      now,
    });
  });
});
