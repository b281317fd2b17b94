/** The work groups' settings. */
import { z } from "zod";
import { defineSetting } from "~/modules/settings/settings.server";

export type ActionReminderSettings = {
  /** Calendar days before an action item's due day at which its owners are reminded. */
  daysBefore: number[];
};

export const actionReminderSetting = defineSetting<ActionReminderSettings>({
  key: "groupes.rappels-actions",
  label: "Rappels avant l'échéance des actions",
  schema: z.object({ daysBefore: z.array(z.number().int().min(0).max(60)).max(5) }),
  defaultValue: { daysBefore: [7, 1] },
});
